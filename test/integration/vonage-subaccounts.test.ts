// Subaccounts on a linked Vonage account: the official SDK against the local fake,
// through the command layer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { createVonageTestApp, type VonageTestApp } from "../helpers/vonage.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import type { TestApp } from "../helpers/test-app.ts";
import { newId } from "../../src/core/ids.ts";
import { PERMISSIONS } from "../../src/core/commands/definition.ts";

let t: VonageTestApp;
let app: TestApp;
const ada = { actor: "slack:T3:U1", actorName: "Ada", workspace: "slack:T3", channel: "slack:T3:C1" };
const ben = { actor: "slack:T3:U2", actorName: "Ben", workspace: "slack:T3", channel: "slack:T3:C1" };
const pia = { actor: "slack:T4:U1", actorName: "Pia", workspace: "slack:T4", channel: "slack:T4:C1" };
let reseller = "";
let department = "";

beforeAll(async () => {
  t = await createVonageTestApp();
  app = t.app;
  t.fake.addAccount({ apiKey: "9a1b2c3d", secret: "Primary5ecret", balance: "50.00", subaccountsEnabled: true });
  t.fake.addAccount({ apiKey: "0ff1ce00", secret: "Plain5ecret", balance: "5.00" });
  expect((await app.run("account link key:9a1b2c3d secret:Primary5ecret", ada)).outcome).toBe("ok");
  expect((await app.run("account link key:0ff1ce00 secret:Plain5ecret", pia)).outcome).toBe("ok");
  // Ben is a secondary user with every permission: still not the primary user.
  const [account] = await app.services.directory.accountsOfWorkspace("slack:T3");
  const personId = await app.services.directory.ensurePerson(ben.actor, "Ben");
  await app.services.db.member.create({ data: { id: newId("mem"), accountId: account!.id, personId, role: "secondary", permissions: [...PERMISSIONS] } });
});
afterAll(() => t.close());

const fakeAccount = (key: string) => t.fake.accounts.get(key)!;

describe("subaccounts", () => {
  it("says when Vonage has not enabled subaccounts for the account", async () => {
    const result = await app.run("subaccounts list", pia);
    expect(result.outcome).toBe("user-error");
    expect(result.text).toContain("Subaccounts are not enabled for this Vonage account.");
    expect(result.text).toContain("ask your Vonage account manager or support");
  });

  it("is for the primary user only, and for Vonage accounts only", async () => {
    expect((await app.run("subaccounts list", ben)).text).toContain("Only the primary user");
    const sam = { actor: "discord:G6:U1", actorName: "Sam", workspace: "discord:G6", channel: "discord:G6:C1" };
    await createTestAccount(app, { workspace: "discord:G6", creator: sam.actor, companyName: "Sandbox Co" });
    expect((await app.run("subaccounts list", sam)).text).toContain("The Subaccounts API works on Vonage accounts, and Sandbox Co is a sandbox account");
  });

  it("creates subaccounts, shows each secret once and lists them", async () => {
    expect((await app.run("subaccounts list", ada)).text).toContain("No subaccounts yet");
    const shared = await app.run("subaccounts create Department A", ada);
    expect(shared.text).toContain("Created the subaccount Department A.");
    expect(shared.text).toContain("Money: shares the primary balance");
    expect(shared.reply.visibility).toBe("ephemeral");
    department = /API key: (\w+)/.exec(shared.text)![1]!;
    const secret = /API secret: (\S+)/.exec(shared.text)![1]!;
    expect(fakeAccount(department).secrets[0]!.value).toBe(secret);

    const own = await app.run("subaccounts create Reseller B shared:no", ada);
    expect(own.text).toContain("balance €0.00, credit limit €0.00");
    reseller = /API key: (\w+)/.exec(own.text)![1]!;
    expect(JSON.parse(t.fake.requestsTo("POST /accounts/9a1b2c3d/subaccounts").at(-1)!.body)).toMatchObject({ name: "Reseller B", use_primary_account_balance: false });

    const list = await app.run("subaccounts list", ada);
    expect(list.text).toContain("(primary, 9a1b2c3d)");
    expect(list.text).toContain(`Department A (${department}): shares the primary balance`);
    expect(list.text).toContain(`Reseller B (${reseller}): balance €0.00`);
    expect((await app.run(`subaccounts create ${"x".repeat(81)}`, ada)).text).toContain("must be at most 80 characters");
  });

  it("transfers balance with a spend confirmation, and relays Vonage's refusals", async () => {
    const asked = await app.run(`subaccounts transfer-balance 5 to:${reseller}`, ada);
    expect(asked.text).toContain(`Moves €5.00 of balance from 9a1b2c3d to ${reseller}.`);
    expect(asked.text).toContain("[Transfer €5.00]");
    const done = await app.run(`subaccounts transfer-balance 5 to:${reseller} reference:"month end" confirm:yes`, ada);
    expect(done.text).toContain(`Moved €5.00 of balance from 9a1b2c3d to ${reseller}.`);
    expect(done.text).toContain("Reference: month end");
    expect(fakeAccount(reseller).balance.equals(new Decimal(5))).toBe(true);
    expect(fakeAccount("9a1b2c3d").balance.equals(new Decimal(45))).toBe(true);

    const tooMuch = await app.run(`subaccounts transfer-balance 500 to:${reseller} confirm:yes`, ada);
    expect(tooMuch.text).toContain("Vonage refused the transfer.");
    expect(tooMuch.text).toContain("exceeds the balance available for transfer (45.00)");
    expect((await app.run(`subaccounts transfer-balance 1 to:${department} confirm:yes`, ada)).text).toContain("uses the primary account's balance");
    expect((await app.run("subaccounts transfer-balance 1 to:primary confirm:yes", ada)).text).toContain("A transfer needs two different accounts.");

    const back = await app.run(`subaccounts transfer-balance 2 from:${reseller} to:primary confirm:yes`, ada);
    expect(back.text).toContain(`Moved €2.00 of balance from ${reseller} to 9a1b2c3d.`);
  });

  it("transfers credit limit", async () => {
    expect((await app.run(`subaccounts transfer-credit 10 to:${reseller} confirm:yes`, ada)).text).toContain("exceeds the credit limit");
    fakeAccount("9a1b2c3d").creditLimit = new Decimal(-100);
    const done = await app.run(`subaccounts transfer-credit 10 to:${reseller} confirm:yes`, ada);
    expect(done.text).toContain(`Moved €10.00 of credit limit from 9a1b2c3d to ${reseller}.`);
    expect(fakeAccount(reseller).creditLimit.toFixed(2)).toBe("-10.00");
    expect((await app.run("subaccounts list", ada)).text).toContain("balance €3.00, credit limit -€10.00");
  });

  it("transfers numbers, finding the country among the primary account's numbers", async () => {
    fakeAccount("9a1b2c3d").owned.set("447700900009", { msisdn: "447700900009", country: "GB", type: "mobile-lvn", features: ["SMS"], cost: "1.00" });
    const asked = await app.run(`subaccounts transfer-number +447700900009 to:${reseller}`, ada);
    expect(asked.text).toContain(`${reseller} pays its monthly rent from then on`);
    const moved = await app.run(`subaccounts transfer-number +447700900009 to:${reseller} confirm:yes`, ada);
    expect(moved.text).toContain(`Moved +447700900009 from 9a1b2c3d to ${reseller}.`);
    expect(fakeAccount(reseller).owned.has("447700900009")).toBe(true);

    expect((await app.run(`subaccounts transfer-number +447700900009 from:${reseller} to:primary confirm:yes`, ada)).text).toContain("Add `country:<two letters>`");
    const back = await app.run(`subaccounts transfer-number +447700900009 from:${reseller} to:primary country:gb confirm:yes`, ada);
    expect(back.text).toContain(`Moved +447700900009 from ${reseller} to 9a1b2c3d.`);
    const missing = await app.run(`subaccounts transfer-number +447700900008 from:${reseller} to:primary country:GB confirm:yes`, ada);
    expect(missing.text).toContain("Vonage could not transfer +447700900008: it is not on the account it should come from.");
  });

  it("suspends with confirmation and reactivates", async () => {
    expect((await app.run(`subaccounts suspend ${reseller}`, ada)).text).toContain("Vonage refuses every API call of");
    expect((await app.run(`subaccounts suspend ${reseller} confirm:yes`, ada)).text).toContain(`Suspended Reseller B (${reseller}).`);
    expect((await app.run("subaccounts list", ada)).text).toContain("SUSPENDED");
    expect((await app.run(`subaccounts reactivate ${reseller}`, ada)).text).toContain("is active again");
    expect(fakeAccount(reseller).suspended).toBe(false);
    expect((await app.run("subaccounts reactivate deadbeef", ada)).text).toContain("Vonage found no deadbeef among this account's subaccounts.");
  });

  it("pages a long list", async () => {
    for (let i = 0; i < 10; i++) t.fake.addAccount({ apiKey: `5ub0000${i}`, secret: "Sub5ecret1", name: `Team ${i}`, parent: "9a1b2c3d" });
    const first = await app.run("subaccounts list", ada);
    expect(first.reply.message?.pagination).toMatchObject({ page: 1, pageCount: 2 });
    const second = await app.run("subaccounts list page:2", ada);
    expect(second.text).toContain("Team 9");
    expect(second.text).not.toContain("Department A");
  });
});
