/**
 * `new Date(ms).toISOString()`, with the part up to the second worked out once a second: a
 * message's path (SPEC P1) formats its time where a Date and its formatting cost more than the rest.
 */
export function isoTime(ms: number): string {
  // Outside Date's range (or NaN): Date's own answer, which is to throw.
  if (!(Math.abs(ms) <= 8.64e15)) return new Date(ms).toISOString();
  // Date drops a fraction toward zero.
  const whole = Math.trunc(ms);
  const second = Math.floor(whole / 1000);
  if (second !== last.second) {
    const iso = new Date(second * 1000).toISOString();
    last.second = second;
    // Everything but the milliseconds and the Z ('.000Z'), however many digits the year has.
    last.prefix = iso.slice(0, iso.length - 4);
  }
  const milli = whole - second * 1000;
  return `${last.prefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}
const last = { second: Number.NaN, prefix: '' };
