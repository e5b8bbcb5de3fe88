// Issue 17's report, as it happened: one account renting 24 numbers at once through signed
// Slack requests, spread over two Switchboard instances on one PostgreSQL database, with
// credit for all of them. It used to rent none (deadlocks: "Something went wrong").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { startApp, type RunningApp } from "../../adapters/app.ts";
import { loadConfig } from "../../src/config.ts";
import { Decimal } from "../../src/core/money.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import { sandboxInventory } from "../../src/numbers/numbers-module.ts";
import { formatMsisdn } from "../../src/numbers/msisdn.ts";
import { assertBalancesMatchLedger, createTestDatabaseTarget, usingPostgres } from "../helpers/test-database.ts";
import { tempDataDir } from "../helpers/spawn.ts";
import { FakeSlackApi } from "../helpers/slack-fake-api.ts";
import { httpTransport, slashCommand, type Ack } from "../helpers/slack-requests.ts";

const SIGNING_SECRET = "test-signing-secret";
const RENTS = 24;

let fake: FakeSlackApi;
let drop: (() => Promise<void>) | undefined;
const apps: RunningApp[] = [];
let accountId: string;

describe.skipIf(!usingPostgres)("two instances, one account, 24 rents at once through Slack (needs TEST_DATABASE_URL)", () => {
  beforeAll(async () => {
    fake = await new FakeSlackApi().start();
    const db = await createTestDatabaseTarget();
    drop = db.drop;
    const encryptionKey = randomBytes(32).toString("base64");
    for (const instance of ["slack-a", "slack-b"]) {
      const config = {
        ...loadConfig({
          SLACK_BOT_TOKEN: "xoxb-test",
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: fake.apiUrl,
          PORT: "0",
          HOST: "127.0.0.1",
          PUBLIC_URL: "http://127.0.0.1:9",
          DATA_DIR: tempDataDir(),
          JOBS_ENABLED: "false",
          INSTANCE_ID: instance,
          SWITCHBOARD_ENCRYPTION_KEY: encryptionKey,
        }),
        database: db.target,
      };
      apps.push(await startApp(config, { log: silentLogger, slack: { retryConfig: { retries: 0 } } }));
    }
    const { accounts, ledger, clock } = apps[0]!.services;
    ({
      account: { id: accountId },
    } = await accounts.create({
      companyName: "Acme",
      contactName: "Ada",
      email: "ada@acme.test",
      phone: "+447700900777",
      creator: { address: "slack:T1:U1", name: "Ada" },
      workspace: "slack:T1",
      at: clock.now(),
    }));
    await ledger.post({ accountId, kind: "payment", amount: new Decimal(500), description: "Test top-up", ref: "payment:seed", at: clock.now() });
  }, 120_000);

  afterAll(async () => {
    try {
      if (apps[0]) await assertBalancesMatchLedger(apps[0].services.db);
    } finally {
      for (const app of apps) await app.stop();
      await fake?.close();
      await drop?.();
    }
  });

  it("rents every number (the credit covers them all) and charges each once", async () => {
    const numbers = sandboxInventory().search({ country: "GB", type: "mobile-lvn", page: 1, pageSize: RENTS }, new Set()).numbers;
    expect(numbers).toHaveLength(RENTS);
    const transports = apps.map((app) => httpTransport(`http://127.0.0.1:${app.port}`, SIGNING_SECRET));
    const answers = await Promise.all(
      numbers.map(async (number, i) => {
        const url = fake.responseUrl();
        const ack = await transports[i % 2]!.command(slashCommand(`numbers rent ${formatMsisdn(number.msisdn)} confirm:yes`, url));
        return finalAnswer(ack, url);
      }),
    );
    expect(answers.filter((a) => a.includes("Something went wrong"))).toEqual([]);
    expect(answers.filter((a) => !a.includes("Rented "))).toEqual([]);

    const { db, ledger } = apps[1]!.services;
    const rentals = await db.numberRental.findMany({ where: { accountId, releasedAt: null }, select: { id: true, monthlyPrice: true } });
    expect(rentals).toHaveLength(RENTS);
    const rents = await db.ledgerEntry.findMany({ where: { accountId, kind: "rent" }, select: { ref: true } });
    expect(rents.map((r) => r.ref).sort()).toEqual(rentals.map((r) => `rent:${r.id}:0`).sort());
    const paid = rentals.reduce((sum, r) => sum.plus(r.monthlyPrice.toString()), new Decimal(0));
    expect((await ledger.balance(accountId)).toFixed(6)).toBe(new Decimal(502).minus(paid).toFixed(6));
  }, 180_000);
});

/** The command's answer: in the ack when it was quick, otherwise posted to its response_url. */
async function finalAnswer(ack: Ack, url: string): Promise<string> {
  const acked = JSON.stringify(ack.body);
  if (!acked.includes("Working on it")) return acked;
  // An upper bound for a busy machine, not a timing assertion: the answer normally comes in well under a second.
  const response = await fake.waitFor(() => fake.responses.find((r) => url.endsWith(`/respond/${r.id}`)), 120_000);
  return JSON.stringify(response.body);
}
