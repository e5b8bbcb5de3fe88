// Command rate limits per user and per workspace: refused with a sentence saying when to
// try again, other users and workspaces unaffected; on PostgreSQL the counter is shared,
// so two instances agree (the PostgreSQL run covers it); and npm start wires the limits
// from the environment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestApp, consoleOperator, type TestApp } from "../helpers/test-app.ts";
import { createTestDatabaseTarget, usingPostgres } from "../helpers/test-database.ts";
import { Dispatcher } from "../../src/core/commands/dispatcher.ts";
import { createCommandLimiter } from "../../src/core/commands/command-limits.ts";
import { openDatabase } from "../../src/data/database.ts";
import { isUserError } from "../../src/core/errors.ts";
import { plainText } from "../../src/core/view.ts";
import type { Invocation } from "../../src/core/commands/context.ts";
import { loadConfig } from "../../src/config.ts";
import { startApp } from "../../adapters/app.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import { tempDataDir } from "../helpers/spawn.ts";

const as = (user: string, workspace = "slack:T1"): Invocation => ({ ...consoleOperator, surface: "slack", actor: `${workspace}:${user}`, workspace, channel: `${workspace}:C1` });

describe("command limits through the dispatcher (memory store)", () => {
  let t: TestApp;
  let dispatcher: Dispatcher;
  beforeAll(async () => {
    t = await createTestApp();
    dispatcher = new Dispatcher(t.services, createCommandLimiter({ perUser: 3, perWorkspace: 5 }, { kind: "memory" }));
  });
  afterAll(() => t?.close());

  const run = async (who: Invocation) => {
    const result = await dispatcher.dispatch(who, { kind: "text", text: "help" });
    return { outcome: result.outcome, text: plainText(result.reply.message) };
  };

  it("refuses a user's fourth command in a minute, saying when to try again, and lets the others on", async () => {
    for (let i = 0; i < 3; i++) expect((await run(as("U1"))).outcome).toBe("ok");
    const refused = await run(as("U1"));
    expect(refused.outcome).toBe("user-error");
    expect(refused.text).toMatch(/You are running commands faster than Switchboard takes them \(3 a minute\)\. Try again in ([1-9]|[1-5]\d|60) seconds?\./);
    expect((await run(as("U2"))).outcome).toBe("ok");
  });

  it("refuses a workspace over its limit for everyone in it, not another workspace", async () => {
    // U1 counted 3 (the refused one was not counted for the workspace), U2 1: one left.
    expect((await run(as("U3"))).outcome).toBe("ok");
    const refused = await run(as("U4"));
    expect(refused.outcome).toBe("user-error");
    expect(refused.text).toMatch(/This workspace is running commands faster than Switchboard takes them \(5 a minute for everyone in it\)\. Try again in \d+ seconds?\./);
    expect((await run(as("U1", "discord:G9"))).outcome).toBe("ok");
  });

  it("does not count a surface's own refresh of a view (App Home), which may only read", async () => {
    const refresh = { ...as("U9", "slack:T9"), refresh: true };
    for (let i = 0; i < 4; i++) expect((await dispatcher.dispatch(refresh, { kind: "text", text: "help" })).outcome).toBe("ok");
    for (let i = 0; i < 3; i++) expect((await run(as("U9", "slack:T9"))).outcome).toBe("ok");
    expect((await run(as("U9", "slack:T9"))).outcome).toBe("user-error");
    const write = await dispatcher.dispatch({ ...as("U8", "slack:T9"), refresh: true }, { kind: "text", text: "account signup" });
    expect(write.outcome).toBe("error");
  });
});

describe.skipIf(!usingPostgres)("a shared counter on PostgreSQL (needs TEST_DATABASE_URL)", () => {
  it("counts one user's commands across two instances", async () => {
    const { target, drop } = await createTestDatabaseTarget();
    const database = await openDatabase(target); // applies the migrations: the table exists
    const url = (target as { url: string }).url;
    const pools = [new pg.Pool({ connectionString: url, max: 2 }), new pg.Pool({ connectionString: url, max: 2 })];
    try {
      const [a, b] = pools.map((pool) => createCommandLimiter({ perUser: 3, perWorkspace: 0 }, { kind: "postgres", pool }));
      const who = as("U1");
      await a!.take(who);
      await b!.take(who);
      await a!.take(who);
      const refusal = await b!.take(who).then(() => undefined, (error: unknown) => error);
      expect(isUserError(refusal) && refusal.code).toBe("rate_limited");
      await a!.take(as("U2"));
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await database.close();
      await drop();
    }
  });
});

describe("npm start's limits", () => {
  it("come from COMMAND_LIMIT_PER_USER and COMMAND_LIMIT_PER_WORKSPACE", { timeout: 120_000 }, async () => {
    const { target, drop } = await createTestDatabaseTarget();
    const config = { ...loadConfig({ DATA_DIR: tempDataDir(), JOBS_ENABLED: "false", COMMAND_LIMIT_PER_USER: "2", COMMAND_LIMIT_PER_WORKSPACE: "100" }), database: target };
    const app = await startApp(config, { log: silentLogger }, { http: false });
    try {
      const who = as("U1");
      expect((await app.dispatcher.dispatch(who, { kind: "text", text: "help" })).outcome).toBe("ok");
      expect((await app.dispatcher.dispatch(who, { kind: "text", text: "help" })).outcome).toBe("ok");
      const third = await app.dispatcher.dispatch(who, { kind: "text", text: "help" });
      expect(plainText(third.reply.message)).toContain("(2 a minute). Try again in");
    } finally {
      await app.stop();
      await drop();
    }
  });

  it("default to limits no normal use reaches", () => {
    const config = loadConfig({});
    expect(config.commandLimits).toEqual({ perUser: 120, perWorkspace: 1200 });
  });
});
