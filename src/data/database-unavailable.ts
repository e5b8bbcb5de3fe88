// The database going away (a PostgreSQL restart, a network cut, a full pool) is not a bug
// in the command that hit it: the user is told plainly that the database cannot be reached
// and to try again, instead of "something went wrong" with a request id. The pool
// reconnects by itself once the server answers again.
import { UserError } from "../core/errors.ts";

/** Prisma: can't reach the server, timed out, server closed the connection, no pool connection in time. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Driver adapter error kinds (adapter-pg maps socket errors to these). */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** Node socket errors. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "ECONNABORTED"]);
/** PostgreSQL: connection exceptions (08xxx), admin/crash shutdown, cannot connect now, too many connections. */
const PG_CODE = /^(08...|57P01|57P02|57P03|53300)$/;
const MESSAGES = /Connection terminated|connection ended unexpectedly|Client has encountered a connection error|timeout exceeded when trying to connect|Can't reach database server|Server has closed the connection/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    const record = e as { code?: unknown; kind?: unknown; message?: unknown; originalCode?: unknown; meta?: { code?: unknown; driverAdapterError?: unknown }; cause?: unknown };
    const code = typeof record.code === "string" ? record.code : undefined;
    if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || PG_CODE.test(code))) return true;
    if (typeof record.originalCode === "string" && PG_CODE.test(record.originalCode)) return true;
    if (typeof record.kind === "string" && ADAPTER_KINDS.has(record.kind)) return true;
    if (typeof record.meta?.code === "string" && PG_CODE.test(record.meta.code)) return true;
    if (typeof record.message === "string" && MESSAGES.test(record.message)) return true;
    e = record.meta?.driverAdapterError ?? record.cause;
  }
  return false;
}

export function unavailableAsUserError(error: unknown): UserError {
  const userError = new UserError("database_unavailable", "Switchboard cannot reach its database at the moment, so this did not complete.", {
    hint: "Try again in a minute. Running it again is safe: what it started is finished once.",
  });
  (userError as Error & { cause?: unknown }).cause = error;
  return userError;
}
