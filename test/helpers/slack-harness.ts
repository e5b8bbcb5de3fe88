// Switchboard started through the composition root with Slack pointed at the fake Web API
// (and, for Socket Mode, the fake WebSocket server), on a fresh database with one account
// bound to workspace T1 whose primary user is U1, plus test-only commands.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { startApp, type RunningApp } from "../../adapters/app.ts";
import type { SlackOptions } from "../../adapters/slack/slack-app.ts";
import { loadConfig } from "../../src/config.ts";
import { defineCommand } from "../../src/core/commands/definition.ts";
import { say } from "../../src/core/view.ts";
import { newId } from "../../src/core/ids.ts";
import { UserError } from "../../src/core/errors.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { createTestDatabaseTarget, assertBalancesMatchLedger } from "./test-database.ts";
import { tempDataDir } from "./temp-dir.ts";
import { FakeSlackApi } from "./slack-fake-api.ts";
import { FakeSlackSocket } from "./slack-fake-socket.ts";
import { httpTransport, socketTransport, type SlackTransport } from "./slack-requests.ts";

export const SIGNING_SECRET = "test-signing-secret";
export const ACK_BUDGET_MS = 1000;

export interface SlackHarness {
  app: RunningApp;
  fake: FakeSlackApi;
  socket?: FakeSlackSocket;
  transport: SlackTransport;
  baseUrl: string;
  charges(): number;
  close(): Promise<void>;
}

export async function startSlackHarness(mode: "http" | "socket" | "oauth", env: Record<string, string> = {}, slack: SlackOptions = {}): Promise<SlackHarness> {
  const fake = await new FakeSlackApi().start();
  const socket = mode === "socket" ? new FakeSlackSocket() : undefined;
  if (socket) fake.socketUrl = await socket.ready();
  const db = await createTestDatabaseTarget();
  const auth: Record<string, string> =
    mode === "oauth"
      ? { SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "client-secret", SLACK_STATE_SECRET: "state-secret", SLACK_SIGNING_SECRET: SIGNING_SECRET }
      : mode === "socket"
        ? { SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-test" }
        : { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SIGNING_SECRET };
  const config = {
    ...loadConfig({
      ...auth,
      SLACK_API_URL: fake.apiUrl,
      PORT: "0",
      HOST: "127.0.0.1",
      PUBLIC_URL: "http://127.0.0.1:9",
      DATA_DIR: tempDataDir(),
      JOBS_ENABLED: "false",
      SWITCHBOARD_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      ...env,
    }),
    database: db.target,
  };
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const app = await startApp(config, { log, slack: { retryConfig: { retries: 0 }, ackBudgetMs: ACK_BUDGET_MS, ...slack } });
  const charged = { count: 0 };
  await seed(app, charged);
  const baseUrl = `http://127.0.0.1:${app.port}`;
  return {
    app,
    fake,
    socket,
    transport: socket ? socketTransport(socket) : httpTransport(baseUrl, SIGNING_SECRET),
    baseUrl,
    charges: () => charged.count,
    async close() {
      try {
        await assertBalancesMatchLedger(app.services.db);
      } finally {
        await app.stop();
        await socket?.close();
        await fake.close();
        await db.drop();
      }
    },
  };
}

async function seed(app: RunningApp, charged: { count: number }): Promise<void> {
  const { registry, db, directory } = app.services;
  registry.add(
    defineCommand({
      path: "test charge",
      description: "Charges the test account",
      formTitle: "Charge the account",
      args: z.object({ amount: z.coerce.number().positive() }),
      positional: ["amount"],
      access: "payments",
      sideEffect: "spend",
      needsAccount: true,
      confirm: async (_ctx, { amount }) => ({ title: "Charge", text: `This charges €${amount}.`, confirmLabel: `Pay €${amount}` }),
      handler: async (_ctx, { amount }) => {
        charged.count++;
        return say(`Charged €${amount}.`);
      },
    }),
  );
  registry.add(
    defineCommand({
      path: "test export",
      description: "Exports an invoice file",
      args: z.object({}),
      access: "member",
      sideEffect: "read",
      needsAccount: true,
      handler: async () => ({ ...say("Here is your invoice."), files: [{ name: "invoice-1.pdf", mimeType: "application/pdf", content: Buffer.from("%PDF-1.4 test invoice") }] }),
    }),
  );
  registry.add(
    defineCommand({
      path: "test slow",
      description: "Takes longer than Slack waits",
      args: z.object({}),
      access: "member",
      sideEffect: "write",
      needsAccount: true,
      handler: async () => {
        await new Promise((r) => setTimeout(r, ACK_BUDGET_MS + 500));
        return say("Slow work done.");
      },
    }),
  );
  registry.add(
    defineCommand({
      path: "test rent",
      description: "Rents a number in a country",
      args: z.object({ country: z.string().length(2) }),
      fields: { country: { suggest: "countries", label: "Country" } },
      access: "numbers",
      sideEffect: "write",
      needsAccount: true,
      handler: async (_ctx, { country }) => {
        if (country === "ZZ") throw new UserError("no_inventory", "There are no numbers to rent in ZZ.", { hint: "Pick another country." });
        return say(`Rented a number in ${country}.`);
      },
    }),
  );
  const accountId = newId("acc");
  await db.account.create({ data: { id: accountId, apiKey: "abcd1234", companyName: "Acme", contactName: "Ada", email: "ada@acme.test" } });
  await directory.bindWorkspace("slack:T1", accountId);
  const ada = await directory.ensurePerson("slack:T1:U1", "Ada");
  await db.member.create({ data: { id: newId("mem"), accountId, personId: ada, role: "primary", permissions: [] } });
}
