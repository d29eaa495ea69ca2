import type { HandoverInfo } from '../../../src/protocol/events.js';

/**
 * CH9: how a chat came to this specialist: who had it, their note (for staff; moderated like a
 * message), and whether the seeker shared the conversation so far, which then shows in the chat
 * above, each earlier message marked "before you joined".
 */
export function HandoverNote({ handover, alias }: { handover: HandoverInfo; alias: string }) {
  const from = handover.from ?? 'the previous specialist';
  return (
    <section class="handover-note" aria-label="Handover, for staff">
      <p>
        <strong>Handover</strong> <span class="muted small">(staff only)</span>:{' '}
        {handover.kind === 'switch' ? `${alias} asked to talk to someone other than ${from}.` : `transferred by ${from}.`}
      </p>
      {handover.note ? (
        <blockquote>
          <p>
            Note from {from}: “{handover.note}”
          </p>
        </blockquote>
      ) : handover.kind === 'transfer' ? (
        <p class="muted small">No note was left.</p>
      ) : null}
      <p>
        {handover.shared
          ? `${alias} shared the conversation so far: it is in the chat below, each earlier message marked “before you joined”.`
          : `${alias} has not shared the earlier conversation (they may still choose to). You see only messages from when you joined.`}
      </p>
    </section>
  );
}
