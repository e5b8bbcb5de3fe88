// Quiet hours, account event subscriptions, snoozing, permissions and `sandbox advance`,
// through the commands a team types.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { RecordingPoster } from "../helpers/recording-poster.ts";
import { Decimal } from "../../src/core/money.ts";
import { newId } from "../../src/core/ids.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";

let app: TestApp;
let account: AccountRecord;
let poster: RecordingPoster;
let sms = 0;

beforeAll(async () => {
  app = await createTestApp({ now: new Date("2026-01-15T23:00:00Z") });
  ({ account } = await createTestAccount(app));
  poster = new RecordingPoster("console");
  app.services.posters.register(poster);
});
afterAll(() => app.close());

const charge = (amount: string) =>
  app.services.ledger.charge({ accountId: account.id, kind: "message", amount: new Decimal(amount).neg(), description: "SMS", ref: `sms:${++sms}`, at: app.clock.now() });
const check = () => app.services.alerts.balance.checkAccount(account, app.clock.now());
const deliver = () => app.services.outboxDispatcher.dispatchDue();
const emit = (type: "payment.received" | "number.renewal_failed", summary: string) =>
  app.services.events.emit({ accountId: account.id, type, summary, at: app.clock.now() });

describe("quiet hours", () => {
  it("hold a warning until they end but post a critical alert at once", async () => {
    expect((await app.run("alerts quiet 22:00 07:00 timezone:UTC")).text).toContain(
      "Quiet hours for this channel: 22:00 to 07:00 (UTC). Warnings and events raised then are posted at 07:00; critical alerts are posted at once.",
    );
    await app.run("alerts balance 10");
    await app.run("alerts balance 2 level:critical");
    await charge("0.50"); // €1.50: below both
    expect(await check()).toMatchObject({ posted: 2 });
    await deliver();
    expect(poster.posts.map((p) => p.text.split("\n")[0])).toEqual(["Critical: balance · Acme Ltd"]);

    app.clock.set(new Date("2026-01-16T07:00:00Z"));
    await deliver();
    expect(poster.posts.map((p) => p.text.split("\n")[0])).toEqual(["Critical: balance · Acme Ltd", "Low balance · Acme Ltd"]);
  });

  it("can be removed", async () => {
    expect((await app.run("alerts quiet off")).text).toContain("Quiet hours removed");
    expect((await app.run("alerts quiet 9 to:nine")).text).toContain('"nine" is not a time of day');
  });
});

describe("account events", () => {
  it("post each subscribed event once; quiet hours hold all but critical ones", async () => {
    const subscribed = await app.run("alerts subscribe payments renewal-failed");
    expect(subscribed.text).toContain("This channel now receives these events of Acme Ltd: Number renewal failed, Payment received.");
    await app.run("alerts quiet 22:00 07:00 timezone:UTC");
    app.clock.set(new Date("2026-01-16T23:30:00Z"));
    const before = poster.posts.length;
    await emit("payment.received", "A payment of €20.00 was received.");
    await emit("number.renewal_failed", "+447700900123 could not be renewed: the balance does not cover €1.00.");
    await app.services.alerts.events.fanOut();
    await app.services.alerts.events.fanOut();
    await deliver();
    expect(poster.posts.slice(before).map((p) => p.text)).toEqual([
      "*Number renewal failed* · Acme Ltd\n+447700900123 could not be renewed: the balance does not cover €1.00.",
    ]);
    app.clock.set(new Date("2026-01-17T07:00:00Z"));
    await deliver();
    expect(poster.posts.slice(before).map((p) => p.text.split("\n")[0])).toEqual([
      "*Number renewal failed* · Acme Ltd",
      "*Payment received* · Acme Ltd",
    ]);
  });

  it("stop after unsubscribing", async () => {
    expect((await app.run("alerts unsubscribe payments")).text).toContain("This channel still receives: Number renewal failed.");
    expect((await app.run("alerts unsubscribe")).text).toContain("This channel no longer receives events of Acme Ltd.");
    const before = poster.posts.length;
    await emit("number.renewal_failed", "+447700900123 could not be renewed.");
    await app.services.alerts.events.fanOut();
    await deliver();
    expect(poster.posts.length).toBe(before);
  });

  it("refuses an event name that does not exist", async () => {
    const result = await app.run("alerts subscribe sms.sent");
    expect(result.outcome).toBe("user-error");
    expect(result.text).toContain('"sms.sent" is not an account event');
  });
});

describe("snooze", () => {
  it("keeps a re-fired alert quiet for 24 hours", async () => {
    const warning = poster.posts.find((p) => p.text.startsWith("Low balance"))!;
    const snooze = poster.button(warning, "Snooze 24h");
    expect((await app.dispatch({ kind: "action", ref: snooze.ref! })).text).toMatch(/^Snoozed al_\w+ until 18 Jan 07:00 UTC\.$/);
    await deliver();
    expect(poster.posts[poster.posts.length - 1]!.text).toContain("Snoozed until 18 Jan 07:00 UTC");

    await app.services.ledger.post({ accountId: account.id, kind: "payment", amount: new Decimal(20), description: "Top-up", ref: "pay:1", at: app.clock.now() });
    await check(); // resolved
    await check(); // re-armed: €21.50 is above €11.00
    await charge("12.00"); // €9.50
    expect(await check()).toMatchObject({ posted: 0 });
    app.clock.advance(24 * 3600 * 1000);
    expect(await check()).toMatchObject({ posted: 1 });
  });
});

describe("permissions and ids", () => {
  it("needs the alerts permission", async () => {
    const bob = await app.services.directory.ensurePerson("console:local:bob", "Bob");
    await app.services.db.member.create({ data: { id: newId("mem"), accountId: account.id, personId: bob, role: "secondary", permissions: ["numbers"] } });
    const result = await app.run("alerts balance 50", { actor: "console:local:bob", actorName: "Bob" });
    expect(result.outcome).toBe("user-error");
    expect(result.text).toContain('You need the "alerts" permission');
  });

  it("removes an alert by id and says so when the id is unknown", async () => {
    const created = await app.run("alerts balance 50 mention:@oncall");
    expect(created.text).toContain("set: a warning alert in this channel");
    const id = /Balance alert (al_\w+) set/.exec(created.text)![1]!;
    expect((await app.run(`alerts remove ${id}`)).text).toBe(`Removed ${id}.`);
    expect((await app.run(`alerts remove ${id}`)).text).toContain(`The alert ${id} was not found.`);
    expect((await app.run("alerts balance 5 mention:everyone")).text).toContain('"everyone" is not a mention');
  });
});

describe("sandbox advance", () => {
  it("runs the hourly balance check on the account's timeline", async () => {
    const { account: sandbox } = await createTestAccount(app, { companyName: "Sandbox Co", workspace: "console:sandbox", creator: "console:sandbox:ada" });
    await app.run("alerts balance 5", { workspace: "console:sandbox", channel: "console:sandbox:ops", actor: "console:sandbox:ada" });
    const from = app.clock.now();
    const notes = await app.services.timeline.replay(sandbox, from, new Date(from.getTime() + 3 * 3600 * 1000));
    expect(notes).toEqual(["Balance warning alert at €5.00: posted to console:sandbox:ops."]);
  });
});
