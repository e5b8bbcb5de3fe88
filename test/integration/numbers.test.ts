// Numbers through the command layer, as a user sees them: search, rent (confirmation,
// refusal, once-only), list, configure (webhook liveness), cancel, permissions, typeahead
// and the home section.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, consoleOperator, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { addMember, buttonRef, buttonsOf, firstListed, rentEntries, topUp } from "../helpers/numbers.ts";
import { localServer, type LocalServer } from "../helpers/webhook-servers.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";

let app: TestApp;
let account: AccountRecord;
let ok: LocalServer;
let failing: LocalServer;
const bob = "console:local:bob";

beforeAll(async () => {
  app = await createTestApp();
  ({ account } = await createTestAccount(app));
  await topUp(app, account.id, "50.00");
  await addMember(app, account.id, bob, ["payments"]);
  [ok, failing] = await Promise.all([localServer("ok"), localServer("error")]);
});
afterAll(async () => {
  await Promise.all([ok.close(), failing.close()]);
  await app.close();
});

const balance = async () => (await app.services.ledger.balance(account.id)).toFixed(2);

describe("numbers search", () => {
  it("lists numbers with price and features, a Rent button each, and pages", async () => {
    const result = await app.run("numbers search GB type:mobile-lvn pattern:77");
    expect(result.outcome).toBe("ok");
    expect(result.text).toContain("Mobile-lvn numbers in United Kingdom containing 77");
    const lines = result.text.split("\n").filter((l) => l.startsWith("*+"));
    expect(lines).toHaveLength(10);
    for (const line of lines) expect(line).toMatch(/^\*\+447\d*77\d*\* {2}mobile-lvn · SMS, VOICE(, MMS)? · €0\.85\/month$/);
    const rents = buttonsOf(result.reply).filter((b) => b.label.startsWith("Rent +"));
    expect(rents).toHaveLength(10);
    expect(rents[0]!.action).toEqual({ command: "numbers rent", args: { number: lines[0]!.slice(1, 14), account: account.id } });

    const pagination = result.reply.message!.pagination!;
    expect(pagination.page).toBe(1);
    expect(pagination.pageCount).toBeGreaterThan(1);
    const next = await app.dispatch({ kind: "action", ref: pagination.nextRef! });
    expect(next.text).toContain("page 2 of");
    expect(next.text).not.toContain(lines[0]!);
  });

  it("says what exists when a country or type has no numbers", async () => {
    const unknown = await app.run("numbers search XX");
    expect(unknown.outcome).toBe("user-error");
    expect(unknown.text).toContain('There are no numbers for "XX"');
    const noType = await app.run("numbers search JP type:mobile-lvn");
    expect(noType.text).toContain("Japan has no mobile-lvn numbers on sale");
    expect(noType.text).toContain("type:landline or type:toll-free");
    const badFeature = await app.run("numbers search GB features:FAX");
    expect(badFeature.text).toContain("must be SMS, VOICE or MMS");
  });

  it("may be run by any user of the account", async () => {
    expect((await app.run("numbers search DE", { actor: bob })).outcome).toBe("ok");
    expect((await app.run("numbers list", { actor: bob })).outcome).toBe("ok");
  });
});

describe("numbers rent", () => {
  it("confirms with the monthly price, the balance after and the next renewal date", async () => {
    const number = await firstListed(app, "numbers search FR type:landline");
    const before = await balance();
    const confirmation = await app.run(`numbers rent ${number}`);
    expect(confirmation.text).toContain(`Rent ${number}?`);
    expect(confirmation.text).toContain("costs €1.00 a month");
    expect(confirmation.text).toContain(`the balance goes from €${before} to €${(Number(before) - 1).toFixed(2)}`);
    expect(confirmation.text).toContain("Next renewal: 15 Feb 2026, then on the 15th of every month");
    expect(await balance()).toBe(before);

    const done = await app.dispatch({ kind: "action", ref: buttonRef(confirmation.reply, "Rent for €1.00/month") });
    expect(done.text).toContain(`Rented ${number}`);
    expect(done.text).toContain("Next renewal: 15 Feb 2026");
    expect(await balance()).toBe((Number(before) - 1).toFixed(2));
    const events = await app.services.events.recent(account.id);
    expect(events[0]).toMatchObject({ type: "number.rented", summary: `${number} was rented by Local operator for €1.00 a month.` });
  });

  it("refuses, before and at confirmation, when the balance cannot cover the first month", async () => {
    const { account: poor } = await createTestAccount(app, { workspace: "console:poor", companyName: "Poor Ltd" });
    const who = { workspace: "console:poor", channel: "console:poor:console" };
    const number = await firstListed(app, "numbers search GB type:toll-free");
    for (const line of [`numbers rent ${number}`, `numbers rent ${number} confirm:yes`]) {
      const result = await app.run(line, who);
      expect(result.outcome).toBe("user-error");
      expect(result.text).toContain(`The balance (€2.00) does not cover the first month of ${number} (€8.00).`);
    }
    expect((await app.services.ledger.balance(poor.id)).toFixed(2)).toBe("2.00");
    expect((await app.run("numbers list", who)).text).toContain("has no numbers yet");
  });

  it("rents once and charges once when a request is retried with the same idempotency key", async () => {
    const number = await firstListed(app, "numbers search SE type:mobile-lvn");
    const before = (await rentEntries(app, account.id)).length;
    const first = await app.run(`numbers rent ${number} confirm:yes`, { idempotencyKey: "slack-retry-42" });
    const retry = await app.run(`numbers rent ${number} confirm:yes`, { idempotencyKey: "slack-retry-42" });
    expect(first.outcome).toBe("ok");
    expect(retry.text).toBe(first.text);
    expect((await rentEntries(app, account.id)).length).toBe(before + 1);
    const rented = await app.services.numberProviders.for(account).list(account);
    expect(rented.filter((n) => `+${n.msisdn}` === number)).toHaveLength(1);
  });

  it("rents once when the confirm button is clicked twice at the same time", async () => {
    const number = await firstListed(app, "numbers search NL type:landline");
    const before = (await rentEntries(app, account.id)).length;
    const balanceBefore = await balance();
    const confirmation = await app.run(`numbers rent ${number}`);
    const ref = buttonRef(confirmation.reply, "Rent for");
    const clicks = await Promise.all([app.dispatch({ kind: "action", ref }), app.dispatch({ kind: "action", ref })]);
    expect(clicks.some((c) => c.text.includes(`Rented ${number}`))).toBe(true);
    expect(clicks.every((c) => c.outcome === "ok")).toBe(true);
    expect((await rentEntries(app, account.id)).length).toBe(before + 1);
    expect(await balance()).toBe((Number(balanceBefore) - 1).toFixed(2));
  });

  it("charges once when two separate requests race for the same number", async () => {
    const number = await firstListed(app, "numbers search IE type:landline");
    const before = (await rentEntries(app, account.id)).length;
    const results = await Promise.all([app.run(`numbers rent ${number} confirm:yes`), app.run(`numbers rent ${number} confirm:yes`)]);
    expect(results.filter((r) => r.outcome === "ok")).toHaveLength(1);
    expect(results.find((r) => r.outcome !== "ok")!.text).toContain(`You already rent ${number}: nothing was charged again.`);
    expect((await rentEntries(app, account.id)).length).toBe(before + 1);
  });

  it("takes a rented number out of search results", async () => {
    const number = await firstListed(app, "numbers search PT type:landline");
    await app.run(`numbers rent ${number} confirm:yes`);
    expect((await app.run("numbers search PT type:landline")).text).not.toContain(number);
    const again = await app.run(`numbers rent ${number}`);
    expect(again.text).toContain(`${number} is not available`);
  });

  it("needs the numbers permission", async () => {
    const number = await firstListed(app, "numbers search DK type:landline");
    const result = await app.run(`numbers rent ${number} confirm:yes`, { actor: bob });
    expect(result.outcome).toBe("user-error");
    expect(result.text).toContain('You need the "numbers" permission');
  });
});

describe("numbers list, configure and cancel", () => {
  // An account of its own, so its list and events hold only what this part does.
  const here = { workspace: "console:configure", channel: "console:configure:console" };
  let number: string;
  let own: AccountRecord;
  const run = (line: string, who: Parameters<TestApp["run"]>[1] = {}) => app.run(line, { ...here, ...who });
  beforeAll(async () => {
    ({ account: own } = await createTestAccount(app, { workspace: here.workspace, companyName: "Configure Co" }));
    await addMember(app, own.id, bob, ["payments"]);
    number = await firstListed(app, "numbers search US type:mobile-lvn features:MMS");
    await run(`numbers rent ${number} confirm:yes`);
  });

  it("lists each number with country, type, features, price, renewal, configuration and buttons", async () => {
    const list = await run("numbers list");
    expect(list.text).toMatch(new RegExp(`\\*\\${number}\\*  mobile-lvn · SMS, VOICE, MMS · €0\\.90/month · US · renews 15 Feb 2026\\nnot configured`));
    const labels = buttonsOf(list.reply).map((b) => b.label);
    expect(labels).toContain(`Configure ${number}`);
    expect(labels).toContain(`Cancel ${number}`);
    expect(list.text).toContain("1 number");
  });

  it("offers a form with the current configuration on surfaces with forms", async () => {
    const result = await run(`numbers configure ${number}`, { canShowForms: true });
    const form = result.reply.form!;
    expect(form.title).toBe(`Configure ${number}`);
    expect(form.fields.map((f) => [f.name, f.kind])).toEqual([
      ["sms", "url"],
      ["answer", "url"],
      ["event", "url"],
      ["application", "text"],
    ]);
    expect(form.fixedArgs).toEqual({ number, account: own.id });
  });

  it("saves a webhook that answers 2xx, and refuses one that answers 500 without saving", async () => {
    const saved = await run(`numbers configure ${number} sms:${ok.url}`);
    expect(saved.text).toContain(`Saved the configuration of ${number}.`);
    expect(saved.text).toContain(`Inbound SMS webhook: ${ok.url}`);

    const refused = await run(`numbers configure ${number} sms:${failing.url}`);
    expect(refused.outcome).toBe("user-error");
    expect(refused.text).toContain(`Nothing was saved: the inbound SMS webhook ${failing.url}: it answered 500 Internal Server Error.`);
    expect((await run("numbers list")).text).toContain(`inbound SMS → ${ok.url}`);
    // A refused edit is answered in the reply; it posts no "Webhook check failed" event.
    const events = await app.services.events.recent(own.id);
    expect(events.filter((e) => e.type === "webhook.check_failed")).toEqual([]);
  });

  it("does not probe a URL that did not change", async () => {
    const hits = ok.hits;
    await run(`numbers configure ${number} sms:${ok.url} answer:${ok.url}`);
    expect(ok.hits).toBe(hits + 1);
  });

  it("links an application instead of voice URLs, and refuses both at once", async () => {
    const linked = await run(`numbers configure ${number} application:aaaaaaaa-bbbb-cccc-dddd-0123456789ab`);
    expect(linked.text).toContain("Voice application: aaaaaaaa-bbbb-cccc-dddd-0123456789ab");
    expect(linked.text).toContain("Voice answer URL: not set");
    const both = await run(`numbers configure ${number} application:aaaaaaaa-bbbb-cccc-dddd-0123456789ab answer:${ok.url}`);
    expect(both.text).toContain("Give either an application id or voice answer/event URLs, not both.");
    const bad = await run(`numbers configure ${number} application:nope`);
    expect(bad.text).toContain('"nope" is not an application id.');
  });

  it("refuses loopback webhooks outside development mode, without calling them", async () => {
    app.services.settings.devMode = false;
    try {
      const hits = ok.hits;
      const result = await run(`numbers configure ${number} event:${ok.url}`);
      expect(result.outcome).toBe("user-error");
      expect(result.text).toContain("127.0.0.1 is a loopback address (127.0.0.1), which Switchboard does not call");
      expect(result.text).toContain("start Switchboard with SWITCHBOARD_DEV_MODE=true");
      expect(ok.hits).toBe(hits);
      expect((await app.services.events.recent(own.id)).filter((e) => e.type === "webhook.check_failed")).toEqual([]);
    } finally {
      app.services.settings.devMode = true;
    }
  });

  it("refuses to configure or cancel a number that is not the account's", async () => {
    const result = await run("numbers configure +447700900999 sms:https://example.com");
    expect(result.text).toContain("+447700900999 is not one of this account's numbers.");
    expect((await run("numbers cancel +447700900999")).text).toContain("is not one of this account's numbers");
  });

  it("suggests the account's own numbers as you type", async () => {
    const digits = number.slice(-4);
    const options = await app.dispatcher.suggest({ ...consoleOperator, ...here }, "numbers configure", "number", digits);
    expect(options).toEqual([{ label: `${number} (US mobile-lvn)`, value: number }]);
    const stranger = { ...consoleOperator, ...here, actor: "console:local:mallory" };
    expect(await app.dispatcher.suggest(stranger, "numbers configure", "number", digits)).toEqual([]);
  });

  it("shows the numbers and their renewal dates on the home dashboard", async () => {
    const home = await run("home");
    expect(home.text).toMatch(/\*Numbers\* \(\d+\)/);
    expect(home.text).toContain(`${number} (US mobile-lvn) · renews 15 Feb 2026`);
  });

  it("cancels after a confirmation, and the number can be rented again", async () => {
    app.clock.advance(60_000);
    const confirmation = await run(`numbers cancel ${number}`);
    expect(confirmation.text).toContain(`${number} is released at once`);
    expect(confirmation.text).toContain("The rent already paid (until 15 Feb 2026) is not refunded.");
    expect((await run(`numbers cancel ${number}`, { actor: bob })).text).toContain('You need the "numbers" permission');
    const done = await app.dispatch({ kind: "action", ref: buttonRef(confirmation.reply, "Release") }, here);
    expect(done.text).toContain(`Cancelled ${number}`);
    expect((await run("numbers list")).text).not.toContain(number);
    expect((await app.services.events.recent(own.id))[0]).toMatchObject({ type: "number.released" });
    expect((await run(`numbers rent ${number}`)).text).toContain(`Rent ${number}?`);
  });
});
