import type { ChatAction } from '../shared/chat-state.js';
import type { PeerSocket } from '../shared/socket.js';

/**
 * UX6: a moderator's note about one of this specialist's chats (`staff:note`), shown in that chat
 * as a staff-only notice and announced. The server sends it to the specialist's own connections
 * only; the seeker never receives it.
 */
export function listenForStaffNotes(socket: PeerSocket, show: (sessionId: string, action: ChatAction) => void, announce: (text: string) => void): void {
  socket.on('staff:note', (e) => {
    const text = `From a moderator (staff only, the seeker cannot see this): ${e.text}`;
    show(e.sessionId, { type: 'notice', id: `staff-note-${e.id}`, text, tone: 'warning' });
    announce(text);
  });
}
