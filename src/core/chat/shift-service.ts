import { forbidden } from '../errors.js';
import { newId } from '../secrets.js';
import type { Actor } from './actor.js';
import type { ChatService } from './chat-service.js';
import type { ChatContext } from './context.js';
import type { SpecialistRecord } from './types.js';

export interface ShiftInfo {
  onShift: boolean;
  capacity: number;
  active: number;
}

const info = (s: SpecialistRecord): ShiftInfo => ({ onShift: s.onShift, capacity: s.capacity, active: s.active });

/** Specialists' shifts (MQ8): only someone on shift and connected is routable. */
export class ShiftService {
  constructor(
    private readonly ctx: ChatContext,
    private readonly chat: ChatService,
  ) {}

  async start(actor: Actor, input: { capacity: number; topics?: string[] }): Promise<ShiftInfo> {
    if (actor.kind !== 'staff' || actor.role !== 'specialist') throw forbidden('Only specialists take chat shifts');
    const now = this.ctx.now();
    const spec = await this.ctx.store.startShift(
      { staffId: actor.staffId, displayName: actor.displayName, capacity: input.capacity, topics: input.topics ?? [], shiftId: newId(), shiftStartedAt: now },
      now,
    );
    this.ctx.metadata.recordShift({ id: spec.shiftId!, staffId: spec.staffId, capacity: spec.capacity, topics: spec.topics, startedAt: spec.shiftStartedAt!, endedAt: null });
    await this.ctx.deadlines.clear(`specialist-grace:${actor.staffId}`);
    await this.chat.matchNow();
    await this.chat.shiftUpdate(actor.staffId);
    return info((await this.ctx.store.specialist(actor.staffId)) ?? spec);
  }

  /** Stops new chats; live chats continue until they end. */
  async end(actor: Actor): Promise<ShiftInfo> {
    if (actor.kind !== 'staff' || actor.role !== 'specialist') throw forbidden('Only specialists take chat shifts');
    return this.endFor(actor.staffId);
  }

  /** End a specialist's shift (their own shift:end, or their grace period ran out). */
  async endFor(staffId: string): Promise<ShiftInfo> {
    const spec = await this.ctx.store.endShift(staffId);
    if (!spec) return { onShift: false, capacity: 0, active: 0 };
    if (spec.shiftId && spec.shiftStartedAt) {
      this.ctx.metadata.recordShift({ id: spec.shiftId, staffId: spec.staffId, capacity: spec.capacity, topics: spec.topics, startedAt: spec.shiftStartedAt, endedAt: this.ctx.now() });
    }
    await this.chat.shiftUpdate(staffId);
    return info(spec);
  }
}
