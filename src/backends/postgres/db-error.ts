import { StorageError } from '../../core/errors.js';

/** The fields pg and PGlite both put on an error Postgres sent back (pg-protocol's DatabaseError). */
export interface PostgresErrorFields {
  code: string;
  severity: string;
  constraint?: string;
  table?: string;
  column?: string;
  dataType?: string;
  schema?: string;
  routine?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** An error Postgres itself reported (a SQLSTATE and a severity), as opposed to a socket error. */
export function isPostgresError(err: unknown): err is Error & PostgresErrorFields {
  if (!(err instanceof Error)) return false;
  const { code, severity } = err as { code?: unknown; severity?: unknown };
  return typeof code === 'string' && SQLSTATE.test(code) && typeof severity === 'string';
}

/**
 * SQLSTATEs that mean "not this data", whenever it is sent: cardinality (21), data exception (22),
 * integrity constraint (23), WITH CHECK OPTION (44); a value of the wrong type (42804, 42846); an
 * index row too large for its value (54000). Anything else (a lost connection, a shutdown, a lock,
 * a missing table) may pass, and the write waits for it.
 */
const REFUSED_CLASSES = new Set(['21', '22', '23', '44']);
const REFUSED_CODES = new Set(['42804', '42846', '54000']);

const WITHHELD = '[value withheld]';

/**
 * Postgres's message without the values it quotes. Postgres quotes the offending input
 * (`invalid input syntax for type uuid: "…"`) without escaping the quotes inside it, so the message
 * is cut at the first quote that is not a name the error itself reports (constraint, table, column,
 * type). Byte sequences (`0x00`) are withheld too. `detail`, `hint`, `where`, the query and its
 * parameters are never copied.
 */
export function valueFreeMessage(err: Error & PostgresErrorFields): string {
  const names = [err.constraint, err.table, err.column, err.dataType, err.schema].filter((n): n is string => !!n && !n.includes('"'));
  let message = err.message;
  for (let at = message.indexOf('"'); at >= 0; at = message.indexOf('"', at)) {
    const name = names.find((n) => message.startsWith(`"${n}"`, at));
    if (!name) {
      message = `${message.slice(0, at)}${WITHHELD}`;
      break;
    }
    at += name.length + 2;
  }
  return message.replace(/0x[0-9a-f]{2}(?: 0x[0-9a-f]{2})*/gi, WITHHELD);
}

/**
 * A Postgres error as a StorageError (value-free, classified refused or unavailable); anything
 * else (a socket error, the caller's own error) unchanged: connection errors carry no values.
 */
export function toStorageError<E>(err: E): E | StorageError {
  if (err instanceof StorageError || !isPostgresError(err)) return err;
  const refused = REFUSED_CLASSES.has(err.code.slice(0, 2)) || REFUSED_CODES.has(err.code);
  const { code, severity, constraint, table, column, dataType, routine } = err;
  return new StorageError(refused ? 'refused' : 'unavailable', valueFreeMessage(err), { code, severity, constraint, table, column, dataType, routine });
}

/** Run a driver call; a Postgres error it rejects with becomes a StorageError. */
export async function classified<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    throw toStorageError(err);
  }
}
