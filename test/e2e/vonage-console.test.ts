// Switchboard started through its composition root with VONAGE_REST_HOST/VONAGE_API_HOST
// pointing at the local fake Vonage: a new user links an account in the console, sees the
// balance, sets the webhooks and is asked to confirm a top-up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../adapters/app.ts";
import { ConsoleSession } from "../../adapters/console/console-session.ts";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import { tempDataDir } from "../helpers/spawn.ts";
import { createTestDatabaseTarget } from "../helpers/test-database.ts";
import { VonageFake } from "../fakes/vonage-fake.ts";

let fake: VonageFake;
let running: RunningApp;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  fake = await VonageFake.start();
  fake.addAccount({ apiKey: "f00dfeed", secret: "Console5ecret", balance: "31.40", autoReload: true });
  const { target, drop } = await createTestDatabaseTarget();
  dropDatabase = drop;
  const dataDir = tempDataDir();
  const config = loadConfig({
    DATA_DIR: dataDir,
    ...(target.kind === "postgres" ? { DATABASE_URL: target.url } : {}),
    JOBS_ENABLED: "false",
    SWITCHBOARD_CONSOLE: "off",
    LOG_LEVEL: "silent",
    VONAGE_REST_HOST: fake.restHost,
    VONAGE_API_HOST: fake.apiHost,
  });
  running = await startApp(config, { log: silentLogger }, { http: false });
}, 60_000);
afterAll(async () => {
  await running?.stop();
  await dropDatabase?.();
  await fake?.close();
});

describe("a Vonage account from the console", () => {
  it("links, shows the balance, sets webhooks and confirms a top-up", async () => {
    let out = "";
    const session = new ConsoleSession(running.dispatcher, { write: (t) => void (out += t) }, tempDataDir(), { address: "console:local:operator", name: "Ada" });
    const type = async (line: string) => {
      out = "";
      await session.handleLine(line);
      return out;
    };
    expect(await type("account link key:f00dfeed secret:Console5ecret")).toContain("Linked the Vonage account f00dfeed");
    expect(fake.requestsTo("GET /account/get-balance")).toHaveLength(1);
    expect(await type("account info")).toMatch(/Balance\s+€31\.40/);
    expect(await type("account webhooks sms:https://example.com/sms")).toMatch(/Inbound SMS\s+https:\/\/example\.com\/sms/);
    expect(await type("vonage topup trx:abcdef0123456789")).toMatch(/\[1\] Top up\s+\[2\] Cancel/);
    expect(await type("2")).toContain("Nothing was changed");
    expect(fake.requestsTo("POST /account/top-up")).toHaveLength(0);
  });
});
