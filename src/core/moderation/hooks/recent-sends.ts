/**
 * A cheap fingerprint of a string: its length and up to 32 of its characters, spread over it.
 * Equal strings have equal fingerprints; the strings themselves are compared only when these match.
 */
function fingerprint(s: string): number {
  const step = (s.length >> 5) + 1;
  let h = s.length | 0;
  for (let i = 0; i < s.length; i += step) h = Math.imul(h ^ s.charCodeAt(i), 16_777_619);
  return h;
}

/**
 * The last `size` messages one sender sent in a chat, oldest overwritten first: when, the text and
 * the clientMsgId, each with its fingerprint, in flat arrays. Looking through them reads the times
 * and fingerprints (a few cache lines), and a text or id only where its fingerprint matches: a
 * message's path (SPEC P1) instead of an object and a string per message kept.
 */
export class RecentSends {
  private readonly at: Float64Array;
  private readonly textPrints: Int32Array;
  private readonly idPrints: Int32Array;
  private readonly texts: string[] = [];
  private readonly ids: (string | undefined)[] = [];
  /** Where the next one goes, and how many are kept. */
  private next = 0;
  private count = 0;

  constructor(private readonly size: number) {
    this.at = new Float64Array(size);
    this.textPrints = new Int32Array(size);
    this.idPrints = new Int32Array(size);
  }

  /** How many of those sent after `since` had `text`, or -1 if one of them was `id` (a retry, CH3). */
  repeats(text: string, id: string | undefined, since: number): number {
    const textPrint = fingerprint(text);
    const idPrint = id === undefined ? 0 : fingerprint(id);
    let same = 0;
    for (let k = 0; k < this.count; k++) {
      if (this.at[k]! <= since) {
        // Out of the window for good: its text is not kept longer than it counts (PRIV1).
        this.texts[k] = '';
        this.ids[k] = undefined;
        continue;
      }
      if (id !== undefined && this.idPrints[k] === idPrint && this.ids[k] === id) return -1;
      if (this.textPrints[k] === textPrint && this.texts[k] === text) same++;
    }
    return same;
  }

  add(text: string, id: string | undefined, at: number): void {
    const k = this.next;
    this.at[k] = at;
    this.textPrints[k] = fingerprint(text);
    this.idPrints[k] = id === undefined ? 0 : fingerprint(id);
    this.texts[k] = text;
    this.ids[k] = id;
    this.next = (k + 1) % this.size;
    this.count = Math.min(this.count + 1, this.size);
  }

  /** Forget the message sent with `id` (it was never stored), keeping the others in their order. */
  remove(id: string): void {
    const kept: [string, string | undefined, number][] = [];
    for (let n = 0; n < this.count; n++) {
      const k = (this.next - this.count + n + this.size) % this.size;
      if (this.ids[k] !== id) kept.push([this.texts[k]!, this.ids[k], this.at[k]!]);
    }
    this.next = 0;
    this.count = 0;
    for (const [text, keptId, at] of kept) this.add(text, keptId, at);
  }

  /** When the last one was sent (0 if none is kept). */
  latest(): number {
    return this.count ? this.at[(this.next - 1 + this.size) % this.size]! : 0;
  }
}
