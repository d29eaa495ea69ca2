import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Flag } from '../../../src/protocol/events.js';
import { focusLost } from '../shared/focus.js';

const until = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * UX6: who works on a flag. Claiming tells every other moderator at once ("Claimed by Sam"), so
 * two people never work the same flag; a claim lasts a few minutes, and ends when it is resolved.
 */
export function ClaimLine({ flag, me, onClaim }: { flag: Flag; me: string; onClaim: (claim: boolean) => Promise<string | null> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const line = useRef<HTMLDivElement>(null);
  const acted = useRef(false);
  const holder = flag.claimedBy;
  // Claiming or releasing swaps the buttons: focus goes to the first of the new ones, not the page (UX4).
  useLayoutEffect(() => {
    if (acted.current && focusLost()) line.current?.querySelector('button')?.focus();
    acted.current = false;
  }, [holder?.id]);
  const act = async (claim: boolean) => {
    acted.current = true;
    setBusy(true);
    setError(await onClaim(claim));
    setBusy(false);
  };
  return (
    <div class="claim" ref={line}>
      {holder === null ? (
        <>
          <button type="button" class="secondary" disabled={busy} onClick={() => void act(true)}>
            Claim
          </button>
          <p class="muted small">Claim it so other moderators know you are on it.</p>
        </>
      ) : holder.id === me ? (
        <>
          <p>You are working on this (until {until(holder.expiresAt)}).</p>
          <button type="button" class="secondary" disabled={busy} onClick={() => void act(true)}>
            Keep it longer
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => void act(false)}>
            Release
          </button>
        </>
      ) : (
        <p class="claimed-other">
          Claimed by {holder.displayName} (until {until(holder.expiresAt)})
        </p>
      )}
      {error ? (
        <p class="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
