import type { ComponentChildren } from 'preact';
import type { Role } from '../../../../src/protocol/staff.js';
import { useScreenFocus } from '../focus.js';
import { canUse, useStaffSession, type StaffMember } from '../staff-session.js';
import { LoginForm } from './LoginForm.js';
import { TopBar } from './TopBar.js';

interface Props {
  title: string;
  role: Role;
  children: (staff: StaffMember, signOut: (reason?: string) => Promise<void>) => ComponentChildren;
}

/**
 * Every staff console: sign in, check the role, then the console itself with a header. Signing in
 * or out (an expired sign-in too) is a change of screen: focus goes to the new screen's heading.
 */
export function StaffShell({ title, role, children }: Props) {
  const { session, signedIn, signOut } = useStaffSession();
  useScreenFocus(session.state === 'loading' ? null : session.state);
  if (session.state === 'loading') return <p class="banner banner-info" role="status">Loading…</p>;
  if (session.state === 'signed-out') return <LoginForm title={title} onSignedIn={signedIn} notice={session.error} warning={session.expired} allowSetup={role === 'admin'} />;
  const { staff } = session;
  return (
    <>
      <TopBar>
        <span class="muted">{title}</span>
        <span class="spacer" />
        <span>
          {staff.displayName} <span class="muted">({staff.role})</span>
        </span>
        <button type="button" class="secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </TopBar>
      {canUse(staff.role, role) ? (
        children(staff, signOut)
      ) : (
        <main id="main" class="narrow">
          <p role="alert" class="banner banner-error">
            This console is for {role}s. You are signed in as a {staff.role}.
          </p>
        </main>
      )}
    </>
  );
}
