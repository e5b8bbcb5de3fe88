// How many commands a user, and a whole workspace, may run per minute. The counters live
// in rate-limiter-flexible's stores: on PostgreSQL one shared table, so every instance
// counts the same requests; on the embedded database (one process) in memory. A refusal is
// a user error that says when to try again; a counter that cannot be reached lets the
// command through on a per-process count instead (insurance), never blocks everyone.
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type pg from "pg";
import { UserError } from "../errors.ts";
import type { Invocation } from "./context.ts";

export interface CommandLimitSettings {
  /** Commands per user per minute; 0 turns the limit off. */
  perUser: number;
  /** Commands per workspace (or guild) per minute; 0 turns the limit off. */
  perWorkspace: number;
}

export const DEFAULT_COMMAND_LIMITS: CommandLimitSettings = { perUser: 120, perWorkspace: 1200 };
export const RATE_LIMIT_TABLE = "rate_limits";

export interface CommandLimiter {
  /** Counts one command for the invocation's user and workspace; throws a UserError when over. */
  take(invocation: Pick<Invocation, "actor" | "workspace">): Promise<void>;
}

type Store = { kind: "memory" } | { kind: "postgres"; pool: pg.Pool };

export function createCommandLimiter(settings: CommandLimitSettings, store: Store): CommandLimiter {
  const limiter = (prefix: string, points: number): RateLimiterAbstract | undefined => {
    if (points <= 0) return undefined;
    const memory = new RateLimiterMemory({ keyPrefix: prefix, points, duration: 60 });
    if (store.kind === "memory") return memory;
    return new RateLimiterPostgres({
      storeClient: store.pool,
      storeType: "pool",
      tableName: RATE_LIMIT_TABLE,
      // The table comes with the migrations, like every other table.
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: prefix,
      points,
      duration: 60,
      insuranceLimiter: memory,
    });
  };
  const user = limiter("user", settings.perUser);
  const workspace = limiter("workspace", settings.perWorkspace);
  return {
    async take(invocation) {
      if (user) await consume(user, invocation.actor, (wait) => new UserError("rate_limited", `You are running commands faster than Switchboard takes them (${settings.perUser} a minute). Try again in ${wait}.`));
      if (workspace) {
        await consume(workspace, invocation.workspace, (wait) =>
          new UserError("workspace_rate_limited", `This workspace is running commands faster than Switchboard takes them (${settings.perWorkspace} a minute for everyone in it). Try again in ${wait}.`),
        );
      }
    },
  };
}

async function consume(limiter: RateLimiterAbstract, key: string, refusal: (wait: string) => UserError): Promise<void> {
  try {
    await limiter.consume(key.slice(0, 200));
  } catch (rejection) {
    // The library rejects with a RateLimiterRes when over the limit, with an Error otherwise.
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw refusal(inWords(rejection.msBeforeNext));
  }
}

const inWords = (ms: number): string => {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
};
