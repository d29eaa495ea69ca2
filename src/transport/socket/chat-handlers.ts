import { isParticipant } from '../../core/chat/access.js';
import type { Chat } from '../../chat.js';
import type { Actor } from '../../core/chat/actor.js';
import type { EventSocket, Handlers } from './ack.js';
import { identityRoom, type SocketData } from './identity.js';
import { tell } from './queue-updates.js';
import { MODERATORS_ROOM, sessionRoom } from './room-events.js';

export interface JoinableSocket extends EventSocket {
  id: string;
  join(room: string): unknown;
  leave(room: string): unknown;
}

/**
 * Every client → server event of SPEC §5: parse, call one core method, answer the ack. Made once
 * per node; each handler gets the socket it serves.
 */
export function chatHandlers(chat: Chat, localTabs: (actor: Actor) => SocketData[]): Handlers<JoinableSocket> {
  const me = (socket: JoinableSocket) => socket.data.identity;
  return {
    'chat:request': async (socket, p, data) => {
      const result = await chat.chat.request(me(socket), p);
      localTabs(me(socket)).forEach((d) => (d.sessionId = result.sessionId));
      return { sessionId: result.sessionId, ...tell(data, result.sessionId, result, Date.now()) };
    },
    'chat:cancel': async (socket, p) => void (await chat.chat.cancel(me(socket), p.sessionId)),
    'chat:end': async (socket, p) => void (await chat.chat.end(me(socket), p.sessionId)),
    'chat:switch': async (socket, p, data) => {
      const result = await chat.chat.switch(me(socket), p.sessionId);
      data.sessionId = p.sessionId;
      return tell(data, p.sessionId, result, Date.now(), true);
    },
    'chat:rate': async (socket, p) => void (await chat.chat.rate(me(socket), p.sessionId, p.rating, p.feedback)),
    'chat:transfer': async (socket, p) => void (await chat.chat.transfer(me(socket), p.sessionId, p.reason)),
    'chat:handover': async (socket, p) => void (await chat.chat.handover(me(socket), p.sessionId, p.share)),
    'message:send': async (socket, p, data) => ({ message: await chat.messages.send(me(socket), p, (data.budget ??= chat.context.messageBudget(identityRoom(me(socket))))) }),
    typing: async (socket, p) => void (await chat.messages.typing(me(socket), p)),
    'chat:resume': async (socket, p, data) => {
      const result = await chat.messages.resume(me(socket), p);
      if (result.session.status !== 'ended') {
        await socket.join(sessionRoom(p.sessionId));
        // CH5: if the chat moved on while joining (transfer, switch), leave the room again.
        const now = await chat.context.store.get(p.sessionId);
        if (!now || !isParticipant(me(socket), now)) await socket.leave(sessionRoom(p.sessionId));
        data.sessionId = p.sessionId;
      }
      return result;
    },
    'shift:start': async (socket, p) => ({ shift: await chat.shifts.start(me(socket), p) }),
    'shift:end': async (socket) => void (await chat.shifts.end(me(socket))),
    'message:report': async (socket, p) => ({ flagId: await chat.moderation.report(me(socket), p) }),
    'chat:escalate': async (socket, p) => ({ flagId: await chat.moderation.escalate(me(socket), p) }),
    'chat:mark-urgent': async (socket, p) => ({ flagId: await chat.moderation.markUrgent(me(socket), p) }),
    'flags:subscribe': async (socket) => {
      const open = await chat.moderation.openFlags(me(socket));
      await socket.join(MODERATORS_ROOM);
      return { open };
    },
    // UX3: the answer itself is the point (the client's proof that the connection is alive).
    heartbeat: async () => undefined,
  };
}
