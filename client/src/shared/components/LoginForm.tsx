import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
import type { StaffMember } from '../staff-session.js';
import { SetupForm } from './SetupForm.js';

const inviteFromHash = () => new URLSearchParams(location.hash.slice(1)).get('invite');

/**
 * Staff sign-in. With `#invite=TOKEN` in the address (the link an admin shares) it first asks for
 * a new password, accepts the invite, then signs in with it.
 */
export function LoginForm({
  title,
  onSignedIn,
  notice,
  warning,
  allowSetup,
}: {
  title: string;
  onSignedIn: (s: StaffMember) => void;
  notice?: string;
  /** The notice is a warning (the sign-in expired), not news. */
  warning?: boolean;
  allowSetup?: boolean;
}) {
  const [invite, setInvite] = useState(inviteFromHash());
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(notice ?? null);
  const [infoWarns, setInfoWarns] = useState(!!warning);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (invite) {
        const { staff } = await api<{ staff: StaffMember }>('/invites/accept', { method: 'POST', body: { inviteToken: invite, password } });
        history.replaceState(null, '', location.pathname);
        setInvite(null);
        setUsername(staff.username);
        setPassword('');
        setInfo(`Password set for ${staff.username}. Sign in with it now.`);
        setInfoWarns(false);
      } else {
        const { staff } = await api<{ staff: StaffMember }>('/auth/login', { method: 'POST', body: { username, password } });
        onSignedIn(staff);
      }
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'INTERNAL';
      setError(
        code === 'UNAUTHENTICATED'
          ? 'That username and password do not match an active account.'
          : code === 'NOT_FOUND' && invite
            ? 'This invite link is not valid any more. Ask your admin for a new one.'
            : explain(code, err instanceof Error ? err.message : undefined),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="narrow" id="main">
      <h1 tabIndex={-1}>{title}</h1>
      <form class="stack" onSubmit={submit}>
        <h2>{invite ? 'Welcome: choose your password' : 'Sign in'}</h2>
        {info ? (
          <p role="status" class={infoWarns ? 'banner banner-warning' : 'banner banner-info'}>
            {info}
          </p>
        ) : null}
        {invite ? null : (
          <>
            <label for="login-username">Username</label>
            <input id="login-username" name="username" autocomplete="username" required value={username} onInput={(e) => setUsername((e.target as HTMLInputElement).value)} />
          </>
        )}
        <label for="login-password">{invite ? 'New password (at least 12 characters)' : 'Password'}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autocomplete={invite ? 'new-password' : 'current-password'}
          required
          minLength={invite ? 12 : undefined}
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
        />
        {error ? <p class="error-text" role="alert">{error}</p> : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Please wait…' : invite ? 'Set password' : 'Sign in'}
        </button>
      </form>
      {allowSetup && !invite ? (
        <SetupForm
          onCreated={(name) => {
            setUsername(name);
            setInfo(`Admin ${name} created. Sign in with the password you chose.`);
            setInfoWarns(false);
          }}
        />
      ) : null}
    </main>
  );
}
