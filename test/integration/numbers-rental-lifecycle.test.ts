// A rented number's life, tried as a new user would: search GB mobile numbers containing 77, rent one,
// point its SMS webhook at a local server that answers 200 (refused against one answering
// 500 and one that never answers), list it with its renewal date, advance the sandbox
// clock 3 months and see 3 rents in the ledger, cancel it.
import { afterAll, beforeAll, expect, it } from "vitest";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { buttonRef, rentEntries, topUp } from "../helpers/numbers.ts";
import { localServer, type LocalServer } from "../helpers/webhook-servers.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";

dayjs.extend(utc);

let app: TestApp;
let account: AccountRecord;
let ok: LocalServer;
let failing: LocalServer;
let silent: LocalServer;

beforeAll(async () => {
  app = await createTestApp({ now: new Date("2026-01-15T10:00:00Z") });
  ({ account } = await createTestAccount(app));
  [ok, failing, silent] = await Promise.all([localServer("ok"), localServer("error"), localServer("silent")]);
});
afterAll(async () => {
  await Promise.all([ok.close(), failing.close(), silent.close()]);
  await app.close();
});

it("a new user searches, rents, configures, lists, lets 3 months pass and cancels", async () => {
  await topUp(app, account.id, "10.00"); // €2.00 free credit + €10.00

  const search = await app.run("numbers search GB type:mobile-lvn pattern:77");
  expect(search.text).toContain("Mobile-lvn numbers in United Kingdom containing 77");
  const number = /\*(\+44\d*77\d*)\*/.exec(search.text)![1]!;

  const confirmation = await app.dispatch({ kind: "action", ref: buttonRef(search.reply, `Rent ${number}`) });
  expect(confirmation.text).toContain("costs €0.85 a month");
  expect(confirmation.text).toContain("the balance goes from €12.00 to €11.15");
  expect(confirmation.text).toContain("Next renewal: 15 Feb 2026");
  const rented = await app.dispatch({ kind: "action", ref: buttonRef(confirmation.reply, "Rent for") });
  expect(rented.text).toContain(`Rented ${number}`);

  const saved = await app.run(`numbers configure ${number} sms:${ok.url}`);
  expect(saved.text).toContain(`Inbound SMS webhook: ${ok.url}`);
  const answered500 = await app.run(`numbers configure ${number} sms:${failing.url}`);
  expect(answered500.text).toContain("it answered 500 Internal Server Error");
  const neverAnswered = await app.run(`numbers configure ${number} sms:${silent.url}`);
  expect(neverAnswered.text).toContain("it did not answer within 4 seconds");

  const list = await app.run("numbers list");
  expect(list.text).toContain(`*${number}*  mobile-lvn`);
  expect(list.text).toContain("renews 15 Feb 2026");
  expect(list.text).toContain(`inbound SMS → ${ok.url}`);

  const from = app.clock.now();
  const notes = await app.services.timeline.replay(account, from, dayjs.utc(from).add(3, "month").toDate());
  expect(notes).toHaveLength(3);
  const rents = await rentEntries(app, account.id);
  expect(rents.filter((e) => !e.ref.endsWith(":0")).map((e) => [e.createdAt.toISOString().slice(0, 10), e.amount.toString()])).toEqual([
    ["2026-02-15", "-0.85"],
    ["2026-03-15", "-0.85"],
    ["2026-04-15", "-0.85"],
  ]);
  expect((await app.services.ledger.balance(account.id)).toFixed(2)).toBe("8.60");

  const cancel = await app.run(`numbers cancel ${number}`);
  const cancelled = await app.dispatch({ kind: "action", ref: buttonRef(cancel.reply, "Release") });
  expect(cancelled.text).toContain(`Cancelled ${number}`);
  expect((await app.run("numbers list")).text).toContain("has no numbers yet");
});
