// Deadlocks (40P01) and serialization failures (40001) are the database telling one of two
// transactions to try again: nothing it did was kept. They are retried a few times, after a
// short random pause so the two do not collide again in step, and never reach the user as
// an internal error. Whatever runs inside must be safe to run again: a database
// transaction only, no calls to the outside world.
import { UserError } from "../core/errors.ts";

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** The pause before retry n (1-based), in ms: jittered exponential by default. */
  pause?: (retry: number) => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told about each retry, for logs and tests. */
  onRetry?: (retry: number, error: unknown) => void;
}

export const DEFAULT_ATTEMPTS = 6;

const CONFLICT_CODES = new Set(["40001", "40P01"]);

/** True for a deadlock or serialization failure, as pg, PGlite or Prisma report it. */
export function isTransactionConflict(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const record = e as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: unknown }; cause?: unknown; originalCode?: unknown; kind?: unknown };
    // Prisma's own code for "write conflict or deadlock".
    if (record.code === "P2034") return true;
    if (typeof record.code === "string" && CONFLICT_CODES.has(record.code)) return true;
    if (typeof record.originalCode === "string" && CONFLICT_CODES.has(record.originalCode)) return true;
    if (record.kind === "TransactionWriteConflict") return true;
    if (typeof record.meta?.code === "string" && CONFLICT_CODES.has(record.meta.code)) return true;
    e = record.meta?.driverAdapterError ?? record.cause;
  }
  return false;
}

/** 10–40 ms, doubling each retry up to about a second: jitter keeps retries apart. */
export function jitteredPause(retry: number, random: () => number = Math.random): number {
  const base = Math.min(1_000, 10 * 2 ** (retry - 1));
  return Math.round(base * (1 + 3 * random()));
}

export async function retryConflicts<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  const pause = options.pause ?? ((retry: number) => jitteredPause(retry));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransactionConflict(error)) throw error;
      if (attempt >= attempts) throw busy(error);
      options.onRetry?.(attempt, error);
      await sleep(pause(attempt));
    }
  }
}

function busy(cause: unknown): UserError {
  const error = new UserError("account_busy", "The account is busy with other changes right now: nothing was done.", {
    hint: "Run the command again in a moment.",
  });
  (error as Error & { cause?: unknown }).cause = cause;
  return error;
}
