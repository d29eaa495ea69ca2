import type { Resource } from '../../../src/protocol/http.js';
import type { ChatState } from '../shared/chat-state.js';
import { MessageList } from '../shared/components/MessageList.js';
import { LinesNow } from '../shared/components/Resources.js';

interface Props {
  chat: ChatState;
  specialist: string;
  resources: Resource[];
  /** The crisis panel is open at the top already: do not show the same lines twice. */
  crisisLinesShown: boolean;
  onStart: () => void;
}

/**
 * UX3: the service restarted and forgot this chat. Nothing the person wrote or read disappears:
 * the conversation stays, read-only, under one plain line, with a way back to someone and the
 * crisis lines for right now.
 */
export function Interrupted({ chat, specialist, resources, crisisLinesShown, onStart }: Props) {
  return (
    <main id="main" class="chat interrupted">
      <h1 tabIndex={-1}>Your chat was interrupted</h1>
      <p class="banner banner-warning">The connection to your chat was lost when the service restarted. Your conversation is still shown here.</p>
      <p>
        <button type="button" class="primary" onClick={onStart}>
          Start a new chat
        </button>
      </p>
      <MessageList chat={chat} me="seeker" peerName={specialist} live={false} />
      {crisisLinesShown ? null : (
        <LinesNow id="lines-lost" heading="If you need help right now" resources={resources} />
      )}
    </main>
  );
}
