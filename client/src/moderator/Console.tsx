import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Flag } from '../../../src/protocol/events.js';
import { api, ApiError } from '../shared/api.js';
import { Banner } from '../shared/components/Banner.js';
import { ConnectionBanner } from '../shared/components/ConnectionBanner.js';
import { explain, explainError } from '../shared/errors.js';
import { focusHeading, focusLost } from '../shared/focus.js';
import { useConnection } from '../shared/hooks.js';
import { call, lazySocket, type PeerSocket } from '../shared/socket.js';
import type { StaffMember } from '../shared/staff-session.js';
import { AuditLog } from './AuditLog.js';
import { FlagCard, type FlagHandlers } from './FlagCard.js';
import { upsertOpen } from './flag-order.js';

// A chat's end and a claim's running out are not pushed to moderators (a flags read on every
// chat's end would cost more than it gives): the queue is read again this often.
const REFRESH_MS = 30_000;

/** The moderator's console: the live flag queue by severity, and the audit log. */
export function Console({ staff, signOut }: { staff: StaffMember; signOut: (reason?: string) => Promise<void> }) {
  const socket = useMemo<PeerSocket>(lazySocket, []);
  const connection = useConnection(socket);
  const [open, setOpen] = useState<Flag[] | null>(null);
  const [view, setView] = useState<'flags' | 'audit'>('flags');
  const [announce, setAnnounce] = useState('');
  const [error, setError] = useState<string | null>(null);
  const switched = useRef(false);
  const resolved = useRef(false);

  const refresh = async () => {
    const res = await call(socket, 'flags:subscribe', {});
    if (res.ok) {
      setOpen(res.open.reduce(upsertOpen, [] as Flag[]));
      setError(null);
    } else setError(explain(res.error.code, res.error.message));
  };
  const update = (flag: Flag) => setOpen((cur) => upsertOpen(cur ?? [], flag));

  useEffect(() => {
    socket.on('connect', () => void refresh());
    socket.on('flag:new', (f) => {
      update(f);
      setAnnounce(`New ${f.crisis ? 'crisis' : `${f.severity}-severity`} flag: ${f.reason}`);
    });
    socket.on('flag:updated', update);
    socket.on('disconnect', (reason) => reason === 'io server disconnect' && void signOut('You were signed out.'));
    socket.connect();
    const timer = setInterval(() => socket.connected && void refresh(), REFRESH_MS);
    return () => {
      clearInterval(timer);
      socket.close();
    };
  }, [socket]);

  // UX4: a change of view moves focus to the new view's heading.
  useEffect(() => {
    if (switched.current) document.getElementById(`${view}-title`)?.focus();
    switched.current = true;
  }, [view]);
  // A resolved flag's card leaves with the button pressed: focus goes to the queue's heading, not the page.
  useEffect(() => {
    if (resolved.current && focusLost()) focusHeading(document.getElementById('flags-title'));
    resolved.current = false;
  }, [open]);

  const handlers = (flag: Flag): FlagHandlers => ({
    resolve: async (action, note) => {
      try {
        await api(`/flags/${flag.id}/resolve`, { method: 'POST', body: { action, ...(note ? { note } : {}) } });
        resolved.current = true;
        setOpen((cur) => (cur ?? []).filter((f) => f.id !== flag.id));
        setAnnounce(`Flag resolved: ${action.replace('_', ' ')}`);
        return null;
      } catch (err) {
        return explainError(err);
      }
    },
    claim: async (claim) => {
      try {
        const res = await api<{ flag: Flag }>(`/flags/${flag.id}/claim`, { method: claim ? 'POST' : 'DELETE' });
        update(res.flag);
        return null;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CONFLICT') void refresh();
        return explainError(err);
      }
    },
    note: async (text) => {
      try {
        const res = await api<{ flag: Flag; text: string }>(`/flags/${flag.id}/note`, { method: 'POST', body: { text } });
        update(res.flag);
        return { sent: res.text };
      } catch (err) {
        // The chat may have ended meanwhile: read the queue again so the card says so.
        if (err instanceof ApiError && err.code === 'CONFLICT') void refresh();
        return { error: explainError(err) };
      }
    },
  });

  return (
    <main id="main">
      <ConnectionBanner state={connection} kept="New flags will show when you’re back." />
      <nav class="actions views" aria-label="Moderation views">
        <button type="button" class={view === 'flags' ? '' : 'secondary'} aria-pressed={view === 'flags'} onClick={() => setView('flags')}>
          Open flags ({open?.length ?? 0})
        </button>
        <button type="button" class={view === 'audit' ? '' : 'secondary'} aria-pressed={view === 'audit'} onClick={() => setView('audit')}>
          Audit log
        </button>
      </nav>
      <p class="sr-only" role="status">
        {announce}
      </p>
      {error ? <Banner tone="error">{error}</Banner> : null}
      {view === 'audit' ? (
        <AuditLog />
      ) : (
        <section aria-labelledby="flags-title">
          <h1 id="flags-title" tabIndex={-1}>
            Open flags
          </h1>
          {open === null ? (
            <p role="status">Loading…</p>
          ) : open.length === 0 ? (
            <Banner tone="info">No open flags. New ones appear here as they happen.</Banner>
          ) : (
            <div class="cards">
              {open.map((f) => (
                <FlagCard key={f.id} flag={f} me={staff.id} on={handlers(f)} />
              ))}
            </div>
          )}
        </section>
      )}
    </main>
  );
}
