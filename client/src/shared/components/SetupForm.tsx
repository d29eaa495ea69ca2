import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';

/** First start: create the first admin with the one-time token the server printed (POST /setup). */
export function SetupForm({ onCreated }: { onCreated: (username: string) => void }) {
  const [fields, setFields] = useState({ setupToken: '', username: 'admin', displayName: 'Admin', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (name: keyof typeof fields, label: string, type = 'text', autocomplete = 'off') => (
    <>
      <label for={`setup-${name}`}>{label}</label>
      <input
        id={`setup-${name}`}
        type={type}
        required
        autocomplete={autocomplete}
        minLength={name === 'password' ? 12 : undefined}
        value={fields[name]}
        onInput={(e) => setFields({ ...fields, [name]: (e.target as HTMLInputElement).value })}
      />
    </>
  );
  return (
    <details class="panel">
      <summary>First start: create the first admin</summary>
      <form
        class="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await api('/setup', { method: 'POST', body: fields });
            onCreated(fields.username);
          } catch (err) {
            const code = err instanceof ApiError ? err.code : 'INTERNAL';
            setError(code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'CONFLICT' ? (err as Error).message : explain(code, err instanceof Error ? err.message : undefined));
          } finally {
            setBusy(false);
          }
        }}
      >
        <p class="muted">The server printed a one-time setup token when it started. It works only while no admin exists.</p>
        {field('setupToken', 'Setup token')}
        {field('username', 'Admin username', 'text', 'username')}
        {field('displayName', 'Admin display name')}
        {field('password', 'Password (at least 12 characters)', 'password', 'new-password')}
        {error ? <p class="error-text" role="alert">{error}</p> : null}
        <button type="submit" disabled={busy}>
          Create admin
        </button>
      </form>
    </details>
  );
}
