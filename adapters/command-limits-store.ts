// Where the command counters live: on PostgreSQL a small pool of its own on the same
// database (the table comes with the migrations), so every instance counts together; on
// the embedded database, which one process owns, in memory. The PostgreSQL driver is
// imported only then: the embedded default never loads it.
import type { Config } from "../src/config.ts";
import { createCommandLimiter, type CommandLimiter } from "../src/core/commands/command-limits.ts";

export async function openCommandLimits(config: Pick<Config, "commandLimits" | "database">): Promise<{ limiter: CommandLimiter; close(): Promise<void> }> {
  if (config.database.kind !== "postgres") {
    return { limiter: createCommandLimiter(config.commandLimits, { kind: "memory" }), close: async () => {} };
  }
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: config.database.url, max: 2 });
  // An idle client's error (the server restarted) must not end the process; the next query reconnects.
  pool.on("error", () => {});
  return { limiter: createCommandLimiter(config.commandLimits, { kind: "postgres", pool }), close: () => pool.end() };
}
