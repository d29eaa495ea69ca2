import { useRef } from 'preact/hooks';
import type { ChatAction, ChatState } from '../shared/chat-state.js';
import { explain } from '../shared/errors.js';
import { call, type PeerSocket } from '../shared/socket.js';

/**
 * The seeker's messages on their way (UX3). Each is a bubble from the moment it is written, online
 * or not; `call` sends it when the connection is there and again after a drop, with its clientMsgId,
 * until the server answers (CH3 makes the repeats one message). A bubble kept from before a refresh
 * has no send running: `resend` starts one, never two for one bubble.
 */
export function useOutbox(dispatch: (action: ChatAction) => void) {
  type To = { socket: PeerSocket; sessionId: string };
  const inFlight = useRef(new Set<string>());

  const deliver = async ({ socket, sessionId }: To, clientMsgId: string, text: string) => {
    if (inFlight.current.has(clientMsgId)) return;
    inFlight.current.add(clientMsgId);
    try {
      const res = await call(socket, 'message:send', { sessionId, clientMsgId, text });
      if (res.ok) dispatch({ type: 'sent', clientMsgId, message: res.message });
      // The socket will not come back (the chat was lost with a restart): "we keep trying" would not be true.
      else if (!socket.active) dispatch({ type: 'send-failed', clientMsgId, reason: 'the connection to the chat was lost.' });
      else dispatch({ type: 'send-failed', clientMsgId, reason: res.error.code === 'VALIDATION' ? res.error.message : explain(res.error.code, res.error.message) });
    } finally {
      inFlight.current.delete(clientMsgId);
    }
  };

  return {
    /** A new message (a new bubble), or "Try again" on one not sent (the same bubble, the same clientMsgId). */
    send(to: To, chat: ChatState, text: string, clientMsgId: string = crypto.randomUUID()) {
      const shown = chat.items.some((i) => i.kind === 'message' && i.message.clientMsgId === clientMsgId);
      dispatch(shown ? { type: 'retry', clientMsgId } : { type: 'sending', clientMsgId, text, sender: 'seeker', at: new Date().toISOString() });
      void deliver(to, clientMsgId, text);
    },
    /** Send every bubble still waiting that has no send running (kept from before a refresh). */
    resend(to: To, chat: ChatState) {
      for (const i of chat.items) if (i.kind === 'message' && i.message.pending && i.message.clientMsgId) void deliver(to, i.message.clientMsgId, i.message.text);
    },
  };
}
