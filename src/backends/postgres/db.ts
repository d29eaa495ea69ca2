/** Anything that runs a parameterised query: the database, or one transaction on it. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** One connection held for a while (migrations under an advisory lock); runs multi-statement scripts too. */
export interface Session extends Queryable {
  exec(script: string): Promise<void>;
}

/**
 * The small database port in front of `pg` and PGlite, so repositories and migrations run the
 * same SQL on both. PGlite is a single connection, so its transactions serialise.
 */
export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Run `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Run `fn` on one dedicated connection. */
  session<T>(fn: (session: Session) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Quote an identifier (a schema name) for SQL. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
