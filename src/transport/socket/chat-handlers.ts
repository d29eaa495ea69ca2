import type { FastifyBaseLogger } from 'fastify';
import { isParticipant } from '../../core/chat/access.js';
import type { Chat } from '../../chat.js';
import type { Actor } from '../../core/chat/actor.js';
import { eventRegistrar, type EventSocket } from './ack.js';
import type { SocketData } from './identity.js';
import { MODERATORS_ROOM, sessionRoom } from './room-events.js';

interface JoinableSocket extends EventSocket {
  id: string;
  join(room: string): unknown;
  leave(room: string): unknown;
}

/** Every client → server event of SPEC §5: parse, call one core method, answer the ack. */
export function registerChatHandlers(socket: JoinableSocket, chat: Chat, log: FastifyBaseLogger, localTabs: (actor: Actor) => SocketData[]): void {
  const watchers = localTabs;
  const on = eventRegistrar(socket, log);
  const me = () => socket.data.identity;

  on('chat:request', async (p, data) => {
    const result = await chat.chat.request(me(), p);
    watchers(me()).forEach((d) => (d.sessionId = result.sessionId));
    data.lastPosition = result.position;
    return result;
  });
  on('chat:cancel', async (p) => void (await chat.chat.cancel(me(), p.sessionId)));
  on('chat:end', async (p) => void (await chat.chat.end(me(), p.sessionId)));
  on('chat:switch', async (p, data) => {
    const result = await chat.chat.switch(me(), p.sessionId);
    data.sessionId = p.sessionId;
    data.lastPosition = result.position;
    return result;
  });
  on('chat:rate', async (p) => void (await chat.chat.rate(me(), p.sessionId, p.rating, p.feedback)));
  on('chat:transfer', async (p) => void (await chat.chat.transfer(me(), p.sessionId, p.reason)));
  on('message:send', async (p) => ({ message: await chat.messages.send(me(), p, socket.id) }));
  on('typing', async (p) => void (await chat.messages.typing(me(), p)));
  on('chat:resume', async (p, data) => {
    const result = await chat.messages.resume(me(), p);
    if (result.session.status !== 'ended') {
      await socket.join(sessionRoom(p.sessionId));
      // CH5: if the chat moved on while joining (transfer, switch), leave the room again.
      const now = await chat.context.store.get(p.sessionId);
      if (!now || !isParticipant(me(), now)) await socket.leave(sessionRoom(p.sessionId));
      data.sessionId = p.sessionId;
    }
    return result;
  });
  on('shift:start', async (p) => ({ shift: await chat.shifts.start(me(), p) }));
  on('shift:end', async () => void (await chat.shifts.end(me())));
  on('message:report', async (p) => ({ flagId: await chat.moderation.report(me(), p) }));
  on('chat:escalate', async (p) => ({ flagId: await chat.moderation.escalate(me(), p) }));
  on('flags:subscribe', async () => {
    const open = await chat.moderation.openFlags(me());
    await socket.join(MODERATORS_ROOM);
    return { open };
  });
}
