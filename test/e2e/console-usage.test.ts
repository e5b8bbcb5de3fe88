// The usage walk-through typed into the console as a new user would: sign up, verify three
// demo destinations, send three messages, then `usage` reports them with their cost and
// writes a chart, `usage search to:` finds one, and `billing balance` writes a balance chart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConsoleSession } from "../../adapters/console/console-session.ts";
import { Dispatcher } from "../../src/core/commands/dispatcher.ts";
import { buildServices } from "../../src/services.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { SecretBox } from "../../src/platform/secret-box.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.ts";
import { expectChartPng } from "../helpers/png.ts";

let testDb: TestDatabase;
let session: ConsoleSession;
let out = "";
const filesDir = mkdtempSync(path.join(os.tmpdir(), "sb-console-usage-"));

async function type(line: string): Promise<string> {
  out = "";
  await session.handleLine(line);
  return out;
}

/** The path of the file the console says it wrote, matching `pattern`. */
function writtenFile(text: string, pattern: RegExp): string {
  const file = text.split("\n").map((l) => /^File written: (.+)$/.exec(l)?.[1]).find((f) => f && pattern.test(f));
  if (!file) throw new Error(`no file matching ${pattern} in:\n${text}`);
  return file;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const services = buildServices({
    db: testDb.database.prisma,
    clock: new ManualClock(new Date("2026-03-10T09:00:00Z")),
    log: silentLogger,
    instanceId: "console-usage-test",
    secrets: new SecretBox(randomBytes(32)),
    settings: { publicUrl: "http://127.0.0.1:3000", devMode: true, inviteTtlDays: 7 },
  });
  session = new ConsoleSession(new Dispatcher(services), { write: (t) => void (out += t) }, filesDir, { address: "console:local:operator", name: "Ada" });
});
afterAll(() => testDb.close());

describe("usage in the console, as a new user", () => {
  it("sends three messages, sees them in usage with their cost and a chart, finds one, and charts the balance", async () => {
    expect(await type('account signup company:"Chart Co" contact:"Ada" email:ada@chart.io phone:+447700900400')).toContain("We sent a PIN");
    const pin = /PIN is (\d{4})/.exec(await type("sandbox inbox"))![1];
    expect(await type(`account verify ${pin}`)).toMatch(/Balance\s+€2\.00 free test credit/);

    const destinations = ["+447700900401", "+447700900402", "+447700900403"];
    for (const phone of destinations) {
      await type(`demo numbers add ${phone}`);
      const inbox = await type("sandbox inbox");
      const code = new RegExp(`SMS to \\${phone}.*\\n?.*PIN is (\\d{4})`).exec(inbox)![1];
      expect(await type(`demo numbers verify ${phone} ${code}`)).toContain("is verified");
    }
    for (const [i, phone] of destinations.entries()) {
      expect(await type(`sms send ${phone} Hello number ${i + 1}`)).toMatch(/Cost\s+€0\.04/);
    }

    const usage = await type("usage");
    expect(usage).toContain("Usage of Chart Co · the last 7 days");
    expect(usage).toMatch(/SMS\s+3 sent \(3 parts\), 0 received/);
    expect(usage).toMatch(/Cost\s+€0\.12 \(previous period €0\.00, none before\)/);
    expect(usage).toContain("GB: 3 messages, €0.12");
    const chart = writtenFile(usage, /usage-.*\.png$/);
    expect(existsSync(chart)).toBe(true);
    expectChartPng(readFileSync(chart));

    const found = await type("usage search to:+447700900402");
    expect(found).toContain("1 record, newest first");
    expect(found).toContain("SMS to +447700900402 (GB,");
    expect(found).toContain("“[DEMO] Hello number 2”");
    expect(found).not.toContain("+447700900401");

    const balance = await type("billing balance");
    expect(balance).toMatch(/Balance\s+€1\.88/);
    const balanceChart = writtenFile(balance, /balance-.*\.png$/);
    expectChartPng(readFileSync(balanceChart));
    // A backstop for a loaded machine, not a performance claim: nothing here waits on time.
  }, 300_000);
});
