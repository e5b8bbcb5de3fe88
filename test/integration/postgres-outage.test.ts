// PostgreSQL going away while Switchboard runs, and coming back. A TCP proxy stands between
// the app (startApp, its pool, its job runner and outbox loop) and the server: dropping it
// cuts every connection and refuses new ones, as a restarting server does. A command in
// flight and one sent during the outage get a plain answer (no internal error, no crash);
// /healthz says the database is down, then up; the pool reconnects by itself; the outbox
// delivers what was written meanwhile and the next job tick runs; nothing is written
// twice. Needs TEST_DATABASE_URL (PostgreSQL): the embedded database cannot go away.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { startApp, type RunningApp } from "../../adapters/app.ts";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import { plainText } from "../../src/core/view.ts";
import { newId } from "../../src/core/ids.ts";
import { consoleOperator } from "../helpers/test-app.ts";
import { assertBalancesMatchLedger, createTestDatabaseTarget, usingPostgres } from "../helpers/test-database.ts";
import { FakeSlackApi } from "../helpers/slack-fake-api.ts";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.ts";
import { tempDataDir } from "../helpers/spawn.ts";

// A busy machine may take a while; only outcomes are asserted, never times.
const WAIT = { timeout: 150_000, interval: 200 };

describe.skipIf(!usingPostgres)("PostgreSQL restarting under a running Switchboard (needs TEST_DATABASE_URL)", () => {
  let proxy: TcpProxy;
  let fake: FakeSlackApi;
  let app: RunningApp;
  let direct: pg.Client;
  let drop: () => Promise<void>;
  let accountId: string;

  beforeAll(async () => {
    const database = await createTestDatabaseTarget();
    drop = database.drop;
    const url = new URL(database.target.kind === "postgres" ? database.target.url : "");
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    direct = new pg.Client({ connectionString: url.toString() });
    await direct.connect();
    fake = await new FakeSlackApi().start();
    const viaProxy = new URL(url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const config = loadConfig({
      DATABASE_URL: viaProxy.toString(),
      DATA_DIR: tempDataDir(),
      PORT: "0",
      HOST: "127.0.0.1",
      SWITCHBOARD_CONSOLE: "off",
      SWITCHBOARD_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: "s",
      SLACK_API_URL: fake.apiUrl,
      OUTBOX_POLL_MS: "100",
      // Every minute, so a tick comes after the outage without waiting an hour.
      BALANCE_CHECK_CRON: "* * * * *",
    });
    app = await startApp(config, { log: silentLogger, slack: { retryConfig: { retries: 0 } } });
    const created = await app.services.accounts.create({
      companyName: "Outage Ltd",
      contactName: "Ada",
      email: "ada@outage.test",
      phone: "+447700900777",
      creator: { address: consoleOperator.actor, name: "Ada" },
      workspace: consoleOperator.workspace,
      at: new Date(),
    });
    accountId = created.account.id;
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await direct?.end();
    await proxy?.close();
    await fake?.close();
    await drop?.();
  });

  const health = async () => {
    const response = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    return { status: response.status, body: (await response.json()) as { database: { reachable: boolean } } };
  };
  const run = async (line: string) => {
    const result = await app.dispatcher.dispatch(consoleOperator, { kind: "text", text: line });
    return { ...result, text: plainText(result.reply.message) };
  };

  it("answers plainly while it is down, reports it on /healthz, and resumes everything when it is back", async () => {
    expect(await health()).toMatchObject({ status: 200, body: { database: { reachable: true } } });
    expect((await run("billing balance")).outcome).toBe("ok");

    // A command in flight when the server goes away.
    proxy.stall();
    const inFlight = run("billing balance");
    proxy.drop();
    const cut = await inFlight;
    expect(cut.outcome, cut.text).toBe("user-error");
    expect(cut.code).toBe("database_unavailable");
    expect(cut.text).toMatch(/database/i);

    // While it is down: another command, /healthz, and another instance (a direct
    // connection) writing posts for this one to deliver.
    const during = await run("numbers list");
    expect(during.outcome, during.text).toBe("user-error");
    expect(await health()).toMatchObject({ status: 503, body: { database: { reachable: false } } });
    const posts = [1, 2, 3].map((i) => ({ id: newId("out"), channel: `slack:T1:CO${i}` }));
    for (const post of posts) {
      await direct.query(
        `INSERT INTO "OutboxMessage" (id, channel, "dedupeKey", payload, "nextAttemptAt", "createdAt") VALUES ($1, $2, $1, $3, now(), now())`,
        [post.id, post.channel, JSON.stringify({ blocks: [{ type: "text", text: `outage post ${post.id}` }] })],
      );
    }
    const outageStarted = new Date();

    proxy.restore();
    await vi.waitFor(async () => expect(await health()).toMatchObject({ status: 200, body: { database: { reachable: true } } }), WAIT);
    expect((await run("billing balance")).outcome).toBe("ok");

    // The outbox loop delivers what was written meanwhile, each post once.
    await vi.waitFor(async () => {
      const { rows } = await direct.query(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE status = 'sent' AND id = ANY($1)`, [posts.map((p) => p.id)]);
      expect(rows[0].n).toBe(posts.length);
    }, WAIT);
    for (const post of posts) expect(fake.history.get(post.channel.split(":")[2]!)).toHaveLength(1);

    // The job runner's next tick runs by itself (every minute here), once.
    await vi.waitFor(async () => {
      const { rows } = await direct.query(`SELECT count(*)::int AS n FROM "JobRun" WHERE job = 'balance-alerts' AND "finishedAt" IS NOT NULL AND "startedAt" >= $1`, [outageStarted]);
      expect(rows[0].n).toBeGreaterThan(0);
    }, WAIT);
    const { rows: doubled } = await direct.query(`SELECT job, slot, count(*)::int AS n FROM "JobRun" GROUP BY 1, 2 HAVING count(*) > 1`);
    expect(doubled).toEqual([]);
    const { rows: credits } = await direct.query(`SELECT count(*)::int AS n FROM "LedgerEntry" WHERE "accountId" = $1`, [accountId]);
    expect(credits[0].n).toBe(1); // the sign-up credit, once
    await assertBalancesMatchLedger(app.services.db);
    // The pool reconnected through the proxy: new connections after the outage.
    expect(proxy.accepted()).toBeGreaterThan(1);
  }, 300_000);
});
