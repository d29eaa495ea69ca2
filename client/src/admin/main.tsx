import { render } from 'preact';
import { useState } from 'preact/hooks';
import '../shared/styles.css';
import { StaffShell } from '../shared/components/StaffShell.js';
import type { StaffMember } from '../shared/staff-session.js';
import { StaffPanel } from './StaffPanel.js';
import { StatsPanel } from './StatsPanel.js';

function Admin({ me }: { me: StaffMember }) {
  const [view, setView] = useState<'staff' | 'stats'>('staff');
  return (
    <main id="main">
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

render(<StaffShell title="Admin" role="admin">{(me) => <Admin me={me} />}</StaffShell>, document.getElementById('app')!);
