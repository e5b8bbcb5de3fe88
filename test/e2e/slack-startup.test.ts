// A Slack token Slack refuses must not take Switchboard down: it starts without Slack,
// says why, and does not mount /slack/events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { randomBytes } from "node:crypto";
import { startApp, type RunningApp } from "../../adapters/app.ts";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { FakeSlackApi } from "../helpers/slack-fake-api.ts";
import { createTestDatabaseTarget } from "../helpers/test-database.ts";
import { tempDataDir } from "../helpers/spawn.ts";

let fake: FakeSlackApi;
let app: RunningApp;
let drop: () => Promise<void>;
let logs = "";

beforeAll(async () => {
  fake = await new FakeSlackApi().start();
  fake.on("auth.test", { ok: false, error: "invalid_auth" });
  const db = await createTestDatabaseTarget();
  drop = db.drop;
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-revoked",
    SLACK_SIGNING_SECRET: "s",
    SLACK_API_URL: fake.apiUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: tempDataDir(),
    JOBS_ENABLED: "false",
    SWITCHBOARD_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  });
  const sink = new Writable({ write: (chunk, _enc, done) => ((logs += String(chunk)), done()) });
  app = await startApp({ ...config, database: db.target }, { log: createLogger("info", sink), slack: { retryConfig: { retries: 0 } } });
});
afterAll(async () => {
  await app?.stop();
  await fake.close();
  await drop?.();
});

describe("Slack with a refused token", () => {
  it("starts without Slack and says why, without logging the token", async () => {
    expect(app.surfaces.slack).toBe(false);
    expect(app.services.posters.platforms()).toEqual([]);
    expect(fake.callsTo("auth.test")[0]?.token).toBe("xoxb-revoked");
    expect(logs).toContain("Slack could not be connected");
    expect(logs).toContain("invalid_auth");
    expect(logs).not.toContain("xoxb-revoked");
    expect((await fetch(`http://127.0.0.1:${app.port}/slack/events`, { method: "POST", body: "x" })).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
  });
});
