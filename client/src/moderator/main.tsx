import { render } from 'preact';
import '../shared/styles.css';
import './moderator.css';
import { StaffShell } from '../shared/components/StaffShell.js';
import { Console } from './Console.js';

render(
  <StaffShell title="Moderation" role="moderator">
    {(staff, signOut) => <Console staff={staff} signOut={signOut} />}
  </StaffShell>,
  document.getElementById('app')!,
);
