import { render } from 'preact';
import '../shared/styles.css';
import { StaffShell } from '../shared/components/StaffShell.js';
import { Console } from './Console.js';

render(
  <StaffShell title="Moderation" role="moderator">
    {(_staff, signOut) => <Console signOut={signOut} />}
  </StaffShell>,
  document.getElementById('app')!,
);
