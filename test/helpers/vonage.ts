// A test app whose Vonage provider is the real SDK pointed at the local fake Vonage.
import { Writable } from "node:stream";
import { createTestApp, type TestApp } from "./test-app.ts";
import { VonageFake } from "../fakes/vonage-fake.ts";
import { SdkVonageGateway } from "../../adapters/vonage/sdk-gateway.ts";
import { createLogger, type Logger } from "../../src/platform/logger.ts";

export interface VonageTestApp {
  app: TestApp;
  fake: VonageFake;
  gateway: SdkVonageGateway;
  /** Everything logged, as JSON lines. */
  logText(): string;
  close(): Promise<void>;
}

/**
 * The SDK's timeout against the local fake. Generous: on a loaded machine a local answer can
 * take seconds, and a test that is not about timeouts must not turn into one. Tests of
 * timeouts set their own short timeout against a fake that never answers.
 */
export const VONAGE_TEST_TIMEOUT_MS = 30_000;

export async function createVonageTestApp(options: { timeoutMs?: number } = {}): Promise<VonageTestApp> {
  const fake = await VonageFake.start();
  const { log, text } = memoryLogger();
  const gateway = new SdkVonageGateway({ restHost: fake.restHost, apiHost: fake.apiHost, timeoutMs: options.timeoutMs ?? VONAGE_TEST_TIMEOUT_MS, log });
  const app = await createTestApp({ vonage: gateway, log });
  return {
    app,
    fake,
    gateway,
    logText: text,
    async close() {
      await app.close();
      await fake.close();
    },
  };
}

/** The production logger (same redaction), writing into memory. */
export function memoryLogger(): { log: Logger; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { log: createLogger("debug", stream), text: () => chunks.join("") };
}
