// Two Switchboard instances driven as chat users would, through their own dispatchers. On
// PostgreSQL they are two connection pools on one database (two app processes' worth); on
// PGlite, which one process owns, they share the one embedded database.
import { randomBytes } from "node:crypto";
import { ManualClock } from "../../src/core/clock.ts";
import { Dispatcher, type DispatchInput, type DispatchResult } from "../../src/core/commands/dispatcher.ts";
import { buildServices, type Services } from "../../src/services.ts";
import { SecretBox } from "../../src/platform/secret-box.ts";
import { silentLogger, type Logger } from "../../src/platform/logger.ts";
import { plainText } from "../../src/core/view.ts";
import type { Invocation } from "../../src/core/commands/context.ts";
import { consoleOperator } from "./test-app.ts";
import { createTestDatabase, usingPostgres } from "./test-database.ts";
import { startTwoInstances } from "./two-instances.ts";

export interface Instance {
  services: Services;
  dispatch(input: DispatchInput, who?: Partial<Invocation>): Promise<DispatchResult & { text: string }>;
}

export interface InstancePair {
  clock: ManualClock;
  a: Instance;
  b: Instance;
  close(): Promise<void>;
}

export async function startInstancePair(options: { now?: Date; log?: Logger } = {}): Promise<InstancePair> {
  const now = options.now ?? new Date("2026-01-15T10:00:00Z");
  if (usingPostgres) {
    const two = await startTwoInstances(now);
    return { clock: two.clock, a: instance(two.a), b: instance(two.b), close: () => two.close() };
  }
  const testDb = await createTestDatabase();
  const clock = new ManualClock(now);
  const secrets = new SecretBox(randomBytes(32));
  const settings = { publicUrl: "http://127.0.0.1:3000", devMode: true, inviteTtlDays: 7 };
  const build = (instanceId: string) =>
    instance(buildServices({ db: testDb.database.prisma, clock, log: options.log ?? silentLogger, instanceId, secrets, settings }));
  return { clock, a: build("instance-a"), b: build("instance-b"), close: () => testDb.close() };
}

function instance(services: Services): Instance {
  const dispatcher = new Dispatcher(services);
  return {
    services,
    async dispatch(input, who = {}) {
      const result = await dispatcher.dispatch({ ...consoleOperator, ...who }, input);
      return { ...result, text: plainText(result.reply.message) };
    },
  };
}
