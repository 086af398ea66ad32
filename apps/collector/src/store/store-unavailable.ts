/**
 * Which store failures mean "the database cannot be reached or written now" (answered 503 with
 * Retry-After: the client sends again later and nothing is lost) rather than a bug (500), and how
 * a failure is logged without what a query carried: drizzle wraps a failed query in an error
 * whose message holds the query and its parameters, and a parameter can be a write key.
 */

/** The store refused a request for a reason that can pass: the database is away, full or removed. */
export class StoreUnavailableError extends Error {}

// PostgreSQL SQLSTATE classes and codes: 08 connection exception, 53 insufficient resources
// (disk full, too many connections), 58 system error (I/O), 57P01-57P03 shutdown or starting up,
// 57014 a statement cancelled by statement_timeout.
const POSTGRES_CLASSES = ["08", "53", "58"];
const POSTGRES_CODES = new Set(["57P01", "57P02", "57P03", "57014"]);
// Node's socket errors on the way to the database.
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
// SQLite: busy past busy_timeout, disk full, I/O errors (a removed or unreadable file), read-only.
const SQLITE_PREFIXES = ["SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN"];
// node-postgres reports a lost or timed-out connection by message only.
const POSTGRES_CLIENT_MESSAGES = [
  "Connection terminated",
  "Query read timeout",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error",
  "Client was closed and is not queryable",
];

/** The error and its causes, outermost first. */
function chain(error: unknown): unknown[] {
  const errors: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && errors.length < 8; e = (e as { cause?: unknown }).cause) errors.push(e);
  return errors;
}

function unavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    if (POSTGRES_CODES.has(code) || SOCKET_CODES.has(code)) return true;
    if (code.length === 5 && POSTGRES_CLASSES.includes(code.slice(0, 2))) return true;
    if (SQLITE_PREFIXES.some((prefix) => code.startsWith(prefix))) return true;
  }
  return typeof message === "string" && POSTGRES_CLIENT_MESSAGES.some((text) => message.startsWith(text));
}

/** True when `error`, or anything that caused it, says the store is away rather than broken. */
export function isStoreUnavailable(error: unknown): boolean {
  return chain(error).some(unavailable);
}

/**
 * A failure as a log line: each message in the cause chain with its code, except the messages of
 * wrapped queries (drizzle's "Failed query: ... params: ..."), which are replaced by a mention.
 */
export function describeFailure(error: unknown): string {
  return chain(error)
    .map((e) => {
      if (!(e instanceof Error)) return String(e);
      if ("query" in e && "params" in e) return "a query failed";
      const code = (e as { code?: unknown }).code;
      return typeof code === "string" ? `${e.message} (${code})` : e.message;
    })
    .join(": ");
}
