import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Flag } from '../../../src/protocol/events.js';
import { api } from '../shared/api.js';
import { Banner } from '../shared/components/Banner.js';
import { ConnectionBanner } from '../shared/components/ConnectionBanner.js';
import { explain, explainError } from '../shared/errors.js';
import { useConnection } from '../shared/hooks.js';
import { call, lazySocket, type PeerSocket } from '../shared/socket.js';
import { AuditLog } from './AuditLog.js';
import { FlagCard } from './FlagCard.js';
import { upsertOpen } from './flag-order.js';

/** The moderator's console: the live flag queue by severity, and the audit log. */
export function Console({ signOut }: { signOut: (reason?: string) => Promise<void> }) {
  const socket = useMemo<PeerSocket>(lazySocket, []);
  const connection = useConnection(socket);
  const [open, setOpen] = useState<Flag[] | null>(null);
  const [view, setView] = useState<'flags' | 'audit'>('flags');
  const [announce, setAnnounce] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    socket.on('connect', async () => {
      const res = await call(socket, 'flags:subscribe', {});
      if (res.ok) setOpen(res.open.reduce(upsertOpen, [] as Flag[]));
      else setError(explain(res.error.code, res.error.message));
    });
    socket.on('flag:new', (f) => {
      setOpen((cur) => upsertOpen(cur ?? [], f));
      setAnnounce(`New ${f.severity}-severity flag: ${f.reason}`);
    });
    socket.on('flag:updated', (f) => setOpen((cur) => upsertOpen(cur ?? [], f)));
    socket.on('disconnect', (reason) => reason === 'io server disconnect' && void signOut('You were signed out.'));
    socket.connect();
    return () => void socket.close();
  }, [socket]);

  const resolve = async (flag: Flag, action: string, note: string) => {
    try {
      await api(`/flags/${flag.id}/resolve`, { method: 'POST', body: { action, ...(note ? { note } : {}) } });
      setOpen((cur) => (cur ?? []).filter((f) => f.id !== flag.id));
      setAnnounce(`Flag resolved: ${action.replace('_', ' ')}`);
      return null;
    } catch (err) {
      return explainError(err);
    }
  };

  return (
    <main id="main">
      <ConnectionBanner state={connection} />
      <nav class="actions" aria-label="Moderation views">
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
          <h1 id="flags-title">Open flags</h1>
          {open === null ? (
            <p role="status">Loading…</p>
          ) : open.length === 0 ? (
            <Banner tone="info">No open flags. New ones appear here as they happen.</Banner>
          ) : (
            <div class="cards">
              {open.map((f) => (
                <FlagCard key={f.id} flag={f} onResolve={(action, note) => resolve(f, action, note)} />
              ))}
            </div>
          )}
        </section>
      )}
    </main>
  );
}
