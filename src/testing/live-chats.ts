import type { Message } from '../protocol/messages.js';
import { ok, waitFor } from './chat-helpers.js';
import { inviteSpecialist, request } from './http-client.js';
import { RoamingClient } from './roaming-client.js';

export interface LiveChat {
  sessionId: string;
  seeker: RoamingClient;
  specialist: RoamingClient;
}

/**
 * `count` live chats, each between a new seeker and a new specialist (capacity 1). Chat i has its
 * seeker on node i and its specialist on node i + 1 of `urls` (round the list), so every chat
 * crosses nodes. After a drop, clients reconnect to whatever `pick()` names. Seekers come from one
 * address: RATE_SEEKER_TOKENS must allow `count` new identities.
 */
export async function liveChatsAcrossNodes(urls: string[], count: number, adminCookie: string, pick: () => string, name = 'live'): Promise<LiveChat[]> {
  const at = (i: number) => urls[i % urls.length]!;
  const staff = await Promise.all(Array.from({ length: count }, (_, i) => inviteSpecialist(at(0), adminCookie, `${name}-spec-${i}`)));
  const chats: LiveChat[] = [];
  // One at a time: every earlier specialist is full, so seeker i is matched with specialist i.
  for (let i = 0; i < count; i++) {
    const specialist = await RoamingClient.connect(pick, { cookie: staff[i]!.cookie }, at(i + 1));
    await ok(specialist.current, 'shift:start', { capacity: 1 });
    const { token } = (await request<{ token: string }>(at(i), 'POST', '/api/v1/seekers')).body;
    const seeker = await RoamingClient.connect(pick, { token }, at(i));
    const matched = waitFor<{ sessionId: string }>(seeker.current, 'chat:matched');
    const { sessionId } = await ok<{ sessionId: string }>(seeker.current, 'chat:request', {});
    if ((await matched).sessionId !== sessionId) throw new Error('matched with another chat');
    seeker.sessionId = specialist.sessionId = sessionId;
    chats.push({ sessionId, seeker, specialist });
  }
  return chats;
}

export interface Writer {
  /** The acknowledged messages so far. */
  acked: Message[];
  /** Resolves when the writer has stopped; rejects if the server refused a message. */
  done: Promise<void>;
}

/**
 * `client` writes in its chat until `going()` turns false, one message every `paceMs`, each
 * acknowledged before the next (the client sends it again after a drop), and at least `atLeast`.
 */
export function keepWriting(client: RoamingClient, label: string, going: () => boolean, paceMs: number, atLeast = 1): Writer {
  const acked: Message[] = [];
  const done = (async () => {
    for (let i = 1; going() || i <= atLeast; i++) {
      acked.push(await client.send(client.sessionId!, `${label}-${i}`, `${label} #${i}`));
      // A pace, as people type: the load stays steady while nodes come and go.
      await new Promise((resolve) => setTimeout(resolve, paceMs));
    }
  })();
  return { acked, done };
}
