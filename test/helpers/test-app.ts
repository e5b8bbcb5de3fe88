// The core wired to a fresh database and a manual clock, driven as a chat user would:
// through the dispatcher, with the console renderer for readable assertions.
import { randomBytes } from "node:crypto";
import { ManualClock } from "../../src/core/clock.ts";
import { SecretBox } from "../../src/platform/secret-box.ts";
import { buildServices, type Services, type Settings } from "../../src/services.ts";
import { Dispatcher, type DispatchInput, type DispatchResult } from "../../src/core/commands/dispatcher.ts";
import type { Invocation } from "../../src/core/commands/context.ts";
import { silentLogger, type Logger } from "../../src/platform/logger.ts";
import type { VonageGateway } from "../../src/providers/vonage-gateway.ts";
import { plainText, readyReply, type ReadyReply } from "../../src/core/view.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";
import { PrismaClient } from "../../src/generated/prisma/client.ts";
import type { Db } from "../../src/data/database.ts";

/** A dispatch's result with its files drawn (a chart is drawn after the answer) and its text. */
export type TestResult = Omit<DispatchResult, "reply"> & { reply: ReadyReply; text: string };

export interface TestApp {
  services: Services;
  dispatcher: Dispatcher;
  clock: ManualClock;
  testDb: TestDatabase;
  /** Runs a command line as `who` and returns the result and its text. */
  run(line: string, who?: Partial<Invocation>): Promise<TestResult>;
  dispatch(input: DispatchInput, who?: Partial<Invocation>): Promise<TestResult>;
  /** SQL statements sent so far (only with `countStatements`; otherwise 0). */
  statements(): number;
  close(): Promise<void>;
}

export const consoleOperator: Invocation = {
  surface: "console",
  actor: "console:local:operator",
  actorName: "Local operator",
  workspace: "console:local",
  channel: "console:local:console",
  canShowForms: false,
};

export async function createTestApp(
  options: {
    now?: Date;
    vonage?: VonageGateway;
    log?: Logger;
    settings?: Partial<Settings>;
    countStatements?: boolean;
    /** With `countStatements`: called with each statement's text as it is sent. */
    onStatement?: (sql: string) => void;
  } = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase();
  let statements = 0;
  // A second client on the same driver adapter that reports each statement it sends.
  const counting = options.countStatements
    ? new PrismaClient({ adapter: testDb.database.adapterFactory, log: [{ emit: "event", level: "query" }] })
    : undefined;
  counting?.$on("query", (event) => {
    statements++;
    options.onStatement?.(event.query);
  });
  const db: Db = counting ?? testDb.database.prisma;
  const clock = new ManualClock(options.now ?? new Date("2026-01-15T10:00:00Z"));
  const services = buildServices({
    db,
    clock,
    log: options.log ?? silentLogger,
    instanceId: "test",
    vonage: options.vonage,
    secrets: new SecretBox(randomBytes(32)),
    settings: { publicUrl: "http://127.0.0.1:3000", devMode: true, inviteTtlDays: 7, ...options.settings },
  });
  const dispatcher = new Dispatcher(services);
  const dispatch = async (input: DispatchInput, who: Partial<Invocation> = {}) => {
    const result = await dispatcher.dispatch({ ...consoleOperator, ...who }, input);
    return { ...result, reply: await readyReply(result.reply), text: plainText(result.reply.message) };
  };
  return {
    services,
    dispatcher,
    clock,
    testDb,
    dispatch,
    run: (line, who) => dispatch({ kind: "text", text: line }, who),
    statements: () => statements,
    // Button references are written just after a reply: let the last ones land first.
    close: async () => {
      await services.actions.settle();
      await counting?.$disconnect();
      await testDb.close();
    },
  };
}
