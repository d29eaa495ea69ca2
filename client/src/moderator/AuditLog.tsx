import { useEffect, useState } from 'preact/hooks';
import type { AuditEntry } from '../../../src/protocol/http.js';
import { api } from '../shared/api.js';
import { Banner } from '../shared/components/Banner.js';
import { explainError } from '../shared/errors.js';

/** The append-only audit log, newest first. */
export function AuditLog() {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<{ entries: AuditEntry[] }>('/audit?limit=100')
      .then((r) => {
        setEntries(r.entries);
        setError(null);
      })
      .catch((err: unknown) => setError(explainError(err)));
  useEffect(() => void load(), []);
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <button type="button" class="secondary" onClick={() => void load()}>
        Refresh
      </button>
      {error ? <Banner tone="error">{error}</Banner> : null}
      {entries === null ? (
        <p role="status">Loading…</p>
      ) : (
        <table>
          <caption class="sr-only">Staff actions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>{e.action}</td>
                <td>
                  {e.targetType} {e.targetId?.slice(0, 8) ?? ''}
                </td>
                <td class="small">{Object.keys(e.detail).length ? JSON.stringify(e.detail) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
