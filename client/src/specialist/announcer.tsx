import { useCallback, useState } from 'preact/hooks';

/** Lines kept in the region: older ones go (removals are not read), so the page stays small. */
const KEEP = 5;

interface Line {
  id: number;
  text: string;
  /** The message it reads out, if any: a message hidden by a moderator leaves here too (MOD5). */
  messageId?: string;
}

let counter = 0;

export interface Announce {
  (text: string, messageId?: string): void;
  /** Take back what was said of a message that has since been hidden. */
  forget(messageId: string): void;
}

/**
 * UX4: one polite live region for the console. Each announcement is a new line added to it, so it
 * is read once, even when the same words come twice ("ok", "ok"); nothing around it is re-read.
 */
export function useAnnouncer(): [Line[], Announce] {
  const [lines, setLines] = useState<Line[]>([]);
  const announce = useCallback(
    Object.assign((text: string, messageId?: string) => setLines((l) => [...l.slice(-(KEEP - 1)), { id: ++counter, text, ...(messageId ? { messageId } : {}) }]), {
      forget: (messageId: string) => setLines((l) => l.filter((line) => line.messageId !== messageId)),
    }),
    [],
  );
  return [lines, announce];
}

export function Announcer({ lines }: { lines: Line[] }) {
  return (
    <div class="sr-only" role="status" aria-live="polite" aria-relevant="additions" aria-atomic="false">
      {lines.map((l) => (
        <p key={l.id}>{l.text}</p>
      ))}
    </div>
  );
}
