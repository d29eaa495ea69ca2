import { render } from 'preact';
import '../shared/styles.css';
import './console.css';
import { StaffShell } from '../shared/components/StaffShell.js';
import { Console } from './Console.js';

render(
  <StaffShell title="Specialist console" role="specialist">
    {(staff, signOut) => <Console staff={staff} signOut={signOut} />}
  </StaffShell>,
  document.getElementById('app')!,
);
