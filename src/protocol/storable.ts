/**
 * SEC1: every text that arrives is made safe to store, in one place: NUL characters (which
 * Postgres refuses in text) are removed and unpaired surrogates (which no UTF-8 store can hold)
 * become U+FFFD. Applied to a whole payload, recursively, before it is validated; other values
 * pass as they are.
 */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[storableText(key)] = storable(v);
    return out as T;
  }
  return value;
}

export function storableText(text: string): string {
  // Most texts hold neither a NUL nor any surrogate: one scan, and they pass untouched.
  if (!SUSPECT.test(text)) return text;
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(NUL, '');
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for.
const SUSPECT = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- NUL is exactly what must go.
const NUL = /\u0000/g;
