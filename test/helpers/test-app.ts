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
import { plainText } from "../../src/core/view.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export interface TestApp {
  services: Services;
  dispatcher: Dispatcher;
  clock: ManualClock;
  testDb: TestDatabase;
  /** Runs a command line as `who` and returns the result and its text. */
  run(line: string, who?: Partial<Invocation>): Promise<DispatchResult & { text: string }>;
  dispatch(input: DispatchInput, who?: Partial<Invocation>): Promise<DispatchResult & { text: string }>;
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
  options: { now?: Date; vonage?: VonageGateway; log?: Logger; settings?: Partial<Settings> } = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const clock = new ManualClock(options.now ?? new Date("2026-01-15T10:00:00Z"));
  const services = buildServices({
    db: testDb.database.prisma,
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
    return { ...result, text: plainText(result.reply.message) };
  };
  return {
    services,
    dispatcher,
    clock,
    testDb,
    dispatch,
    run: (line, who) => dispatch({ kind: "text", text: line }, who),
    // Button references are written just after a reply: let the last ones land first.
    close: () => services.actions.settle().then(() => testDb.close()),
  };
}
