import { WaitBadge } from './ChatStatus.js';
import { MARK_URGENT_KEYS } from './shortcut.js';

export type DialogKind = 'transfer' | 'escalate' | 'urgent';

interface Props {
  headingId: string;
  alias: string;
  topic: string;
  /** Seconds the seeker has waited for a reply, or null when the specialist spoke last (UX5). */
  waited: number | null;
  ended: boolean;
  confirmEnd: boolean;
  onOpen: (kind: DialogKind, opener: HTMLElement) => void;
  onEnd: () => void;
  onConfirmEnd: () => void;
  onClose: () => void;
}

/**
 * The chat's heading (where focus goes when the chat comes on screen, UX4), its topic by label and
 * the wait for a reply (UX5), and the specialist's actions on it.
 */
export function ChatHeader({ headingId, alias, topic, waited, ended, confirmEnd, onOpen, onEnd, onConfirmEnd, onClose }: Props) {
  const open = (kind: DialogKind) => (e: MouseEvent) => onOpen(kind, e.currentTarget as HTMLElement);
  return (
    <div class="chat-head">
      <div class="chat-title">
        <h2 id={headingId} tabIndex={-1}>
          {alias}
          <span class="muted small"> · {topic}</span>
        </h2>
        {waited !== null ? <WaitBadge seconds={waited} /> : null}
      </div>
      {ended ? (
        <button type="button" class="secondary" onClick={onClose}>
          Close tab
        </button>
      ) : (
        <div class="actions">
          <button type="button" class="secondary" onClick={open('transfer')}>
            Transfer
          </button>
          <button type="button" class="secondary" onClick={open('escalate')}>
            Escalate
          </button>
          <button type="button" class="secondary" title={`Mark urgent (${MARK_URGENT_KEYS})`} aria-keyshortcuts={MARK_URGENT_KEYS} onClick={open('urgent')}>
            Mark urgent
          </button>
          {confirmEnd ? (
            <button type="button" class="danger" onClick={onConfirmEnd}>
              Confirm end
            </button>
          ) : (
            <button type="button" class="secondary" onClick={onEnd}>
              End chat
            </button>
          )}
        </div>
      )}
    </div>
  );
}
