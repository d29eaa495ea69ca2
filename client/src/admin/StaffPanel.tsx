import { useEffect, useState } from 'preact/hooks';
import type { Role } from '../../../src/protocol/staff.js';
import { api } from '../shared/api.js';
import { readCatalog } from '../shared/catalog.js';
import { Banner } from '../shared/components/Banner.js';
import { explainError } from '../shared/errors.js';
import { consolePath, type StaffMember } from '../shared/staff-session.js';

const catalog = readCatalog();

/** Staff accounts: list, invite (shows the link to share), disable and enable. */
export function StaffPanel({ me }: { me: StaffMember }) {
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [invite, setInvite] = useState<{ username: string; url: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [form, setForm] = useState({ username: '', displayName: '', role: 'specialist' as Role, topics: [] as string[] });
  const [formError, setFormError] = useState<string | null>(null);

  const load = () =>
    api<{ staff: StaffMember[] }>('/staff')
      .then((r) => setStaff(r.staff))
      .catch((err: unknown) => setError(explainError(err)));
  useEffect(() => void load(), []);

  const create = async (e: Event) => {
    e.preventDefault();
    setFormError(null);
    try {
      const res = await api<{ staff: StaffMember; inviteToken: string; inviteExpiresAt: string }>('/staff', {
        method: 'POST',
        body: { username: form.username, displayName: form.displayName, role: form.role, ...(form.topics.length ? { topics: form.topics } : {}) },
      });
      setInvite({ username: res.staff.username, url: `${location.origin}${consolePath(res.staff.role)}#invite=${res.inviteToken}`, expiresAt: res.inviteExpiresAt });
      setCopied(false);
      setForm({ username: '', displayName: '', role: 'specialist', topics: [] });
      await load();
    } catch (err) {
      setFormError(explainError(err));
    }
  };

  const setDisabled = async (member: StaffMember, disabled: boolean) => {
    try {
      await api(`/staff/${member.id}`, { method: 'PATCH', body: { disabled } });
      setError(null);
      await load();
    } catch (err) {
      setError(explainError(err));
    }
  };

  return (
    <section aria-labelledby="staff-title">
      <h2 id="staff-title" tabIndex={-1}>
        Staff
      </h2>
      {error ? <Banner tone="error">{error}</Banner> : null}
      {staff === null ? (
        <p role="status">Loading…</p>
      ) : (
        <table>
          <caption class="sr-only">Staff accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id}>
                <td>{s.displayName}</td>
                <td>{s.username}</td>
                <td>{s.role}</td>
                <td>{s.disabled ? 'Disabled' : 'Active'}</td>
                <td>
                  {s.id === me.id ? null : (
                    <button type="button" class="secondary" onClick={() => void setDisabled(s, !s.disabled)}>
                      {s.disabled ? 'Enable' : 'Disable'}
                      <span class="sr-only"> {s.username}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="stack panel" onSubmit={create} aria-labelledby="invite-title">
        <h3 id="invite-title">Invite someone</h3>
        <label for="new-username">Username</label>
        <input id="new-username" required minLength={3} maxLength={64} pattern="[a-zA-Z0-9._\-]+" value={form.username} onInput={(e) => setForm({ ...form, username: (e.target as HTMLInputElement).value })} />
        <label for="new-display">Display name (what seekers see)</label>
        <input id="new-display" required maxLength={80} value={form.displayName} onInput={(e) => setForm({ ...form, displayName: (e.target as HTMLInputElement).value })} />
        <label for="new-role">Role</label>
        <select id="new-role" value={form.role} onChange={(e) => setForm({ ...form, role: (e.target as HTMLSelectElement).value as Role })}>
          <option value="specialist">Specialist</option>
          <option value="moderator">Moderator</option>
          <option value="admin">Admin</option>
        </select>
        {form.role === 'specialist' && catalog.topics.length ? (
          <fieldset>
            <legend>Topics (none = any)</legend>
            {catalog.topics.map((t) => (
              <label key={t.id} class="choice">
                <input
                  type="checkbox"
                  checked={form.topics.includes(t.id)}
                  onChange={(e) => setForm({ ...form, topics: (e.target as HTMLInputElement).checked ? [...form.topics, t.id] : form.topics.filter((x) => x !== t.id) })}
                />
                {t.label}
              </label>
            ))}
          </fieldset>
        ) : null}
        {formError ? <p class="error-text" role="alert">{formError}</p> : null}
        <button type="submit">Create and invite</button>
      </form>
      {invite ? (
        <div class="panel" role="status">
          <p>
            Invite for <strong>{invite.username}</strong>, valid until {new Date(invite.expiresAt).toLocaleString()}. Share this link privately; it works once:
          </p>
          <p class="invite">
            <a href={invite.url} id="invite-link">
              {invite.url}
            </a>
          </p>
          <button
            type="button"
            class="secondary"
            onClick={() =>
              navigator.clipboard?.writeText(invite.url).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy link'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
