// The account walk-through, typed into the console adapter as a new user would: sign up,
// read the PIN, verify, DEMO numbers, an SMS, an invited user refused what they lack.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConsoleSession } from "../../adapters/console/console-session.ts";
import { Dispatcher } from "../../src/core/commands/dispatcher.ts";
import { buildServices } from "../../src/services.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { SecretBox } from "../../src/platform/secret-box.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.ts";

let testDb: TestDatabase;
let dispatcher: Dispatcher;
const filesDir = mkdtempSync(path.join(os.tmpdir(), "sb-console-"));

function operator(address: string) {
  let out = "";
  const session = new ConsoleSession(dispatcher, { write: (t) => void (out += t) }, filesDir, { address, name: address.split(":")[2]! });
  return {
    async type(line: string) {
      out = "";
      await session.handleLine(line);
      return out;
    },
  };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const services = buildServices({
    db: testDb.database.prisma,
    clock: new ManualClock(new Date("2026-03-01T09:00:00Z")),
    log: silentLogger,
    instanceId: "console-test",
    secrets: new SecretBox(randomBytes(32)),
    settings: { publicUrl: "http://127.0.0.1:3000", devMode: true, inviteTtlDays: 7 },
  });
  dispatcher = new Dispatcher(services);
});
afterAll(() => testDb.close());

describe("the console, as a new user", () => {
  it("asks for what a command is missing, field by field, and runs it with the answers", async () => {
    let out = "";
    const questions: string[] = [];
    const answers = ["Prompted Ltd", "Pat", "pat@prompted.io", "+447700900300"];
    const session = new ConsoleSession(
      dispatcher,
      {
        write: (t) => void (out += t),
        ask: async (question) => {
          questions.push(question);
          return answers.shift();
        },
      },
      filesDir,
      { address: "console:local:pat", name: "Pat" },
    );
    await session.handleLine("account signup");
    // Only what is missing is asked: "via" has a default (SMS).
    expect(questions.map((q) => q.split(" ")[0])).toEqual(["Company", "Your", "E-mail:", "Phone"]);
    expect(out).toContain("We sent a PIN to +447700900300 by a text message");
  });

  it("signs up, verifies, uses DEMO mode and invites a restricted user", async () => {
    const ada = operator("console:local:operator");
    expect(await ada.type('account signup company:"Console Co" contact:"Ada" email:ada@console.io phone:+447700900100')).toContain("We sent a PIN");
    const inbox = await ada.type("sandbox inbox");
    const pin = /PIN is (\d{4})/.exec(inbox)![1];
    expect(await ada.type(`account verify ${pin}`)).toMatch(/Balance\s+€2\.00 free test credit/);
    expect(await ada.type("account info")).toMatch(/Mode\s+DEMO/);

    await ada.type("demo numbers add +447700900200");
    const demoPin = /SMS to \+447700900200.*\n?.*PIN is (\d{4})/.exec(await ada.type("sandbox inbox"))?.[1];
    expect(await ada.type(`demo numbers verify +447700900200 ${demoPin}`)).toContain("is verified");
    expect(await ada.type("sms send +447700900200 Hi there")).toMatch(/Balance now\s+€1\.96/);

    const invite = await ada.type("users invite @bob permissions:numbers");
    const code = /users accept (\S+)`/.exec(invite)![1];
    const bob = operator("console:local:bob");
    expect(await bob.type(`users accept ${code}`)).toContain("Welcome to Console Co!");
    const refused = await bob.type("billing topup 20");
    expect(refused).toContain('✗ You need the "payments" permission on Console Co for this.');
    expect(refused).toContain("The primary user, or a user with the \"users\" permission, can grant it");
  });

  it("shows confirmations as numbered choices and runs the chosen one", async () => {
    const ada = operator("console:local:operator");
    const asked = await ada.type("users remove @bob");
    expect(asked).toMatch(/\[1\] Remove\s+\[2\] Cancel/);
    expect(await ada.type("2")).toContain("Cancelled. Nothing was changed.");
    expect(await ada.type("7")).toContain("There is no choice 7.");
  });
});
