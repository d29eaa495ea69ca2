import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import '../shared/styles.css';
import { ConnectionBanner } from '../shared/components/ConnectionBanner.js';
import { StaffShell } from '../shared/components/StaffShell.js';
import { useConnection } from '../shared/hooks.js';
import { lazySocket, type PeerSocket } from '../shared/socket.js';
import type { StaffMember } from '../shared/staff-session.js';
import { StaffPanel } from './StaffPanel.js';
import { StatsPanel } from './StatsPanel.js';

function Admin({ me, signOut }: { me: StaffMember; signOut: (reason?: string) => Promise<void> }) {
  const [view, setView] = useState<'staff' | 'stats'>('staff');
  // The admin page reads over HTTP; its socket is there to show a lost connection (UX3) and a sign-out from elsewhere.
  const socket = useMemo<PeerSocket>(lazySocket, []);
  const connection = useConnection(socket);
  useEffect(() => {
    socket.on('disconnect', (reason) => reason === 'io server disconnect' && void signOut('You were signed out.'));
    socket.connect();
    return () => void socket.close();
  }, [socket]);
  // UX4: a change of view moves focus to the new view's heading.
  const switched = useRef(false);
  useEffect(() => {
    if (switched.current) document.getElementById(`${view}-title`)?.focus();
    switched.current = true;
  }, [view]);
  return (
    <main id="main">
      <ConnectionBanner state={connection} kept="Nothing you have entered is lost." />
      <h1>Administration</h1>
      <nav class="actions" aria-label="Admin views">
        <button type="button" class={view === 'staff' ? '' : 'secondary'} aria-pressed={view === 'staff'} onClick={() => setView('staff')}>
          Staff
        </button>
        <button type="button" class={view === 'stats' ? '' : 'secondary'} aria-pressed={view === 'stats'} onClick={() => setView('stats')}>
          Statistics
        </button>
        <a href="/moderator">Moderation console</a>
      </nav>
      {view === 'staff' ? <StaffPanel me={me} /> : <StatsPanel />}
    </main>
  );
}

render(<StaffShell title="Admin" role="admin">{(me, signOut) => <Admin me={me} signOut={signOut} />}</StaffShell>, document.getElementById('app')!);
