// API secrets, top-up and what only the dashboard can do, on a linked Vonage account:
// the official SDK against the local fake, through the command layer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVonageTestApp, type VonageTestApp } from "../helpers/vonage.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import type { TestApp } from "../helpers/test-app.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { dashboardOnlyError } from "../../src/providers/dashboard-links.ts";

let t: VonageTestApp;
let app: TestApp;
let account: AccountRecord;
const ada = { actor: "slack:T7:U1", actorName: "Ada", workspace: "slack:T7", channel: "slack:T7:C1" };

beforeAll(async () => {
  t = await createVonageTestApp();
  app = t.app;
  t.fake.addAccount({ apiKey: "5ec12345", secret: "Start5ecret", balance: "4.00" });
  const linked = await app.run("account link key:5ec12345 secret:Start5ecret", ada);
  expect(linked.outcome).toBe("ok");
  account = (await app.services.directory.accountsOfWorkspace("slack:T7"))[0]!;
});
afterAll(() => t.close());

const fakeSecrets = () => t.fake.accounts.get("5ec12345")!.secrets;

describe("API secrets follow Vonage's rules", () => {
  it("reveals the secret Switchboard uses and lists Vonage's secret ids, only to the requester", async () => {
    const result = await app.run("account secret reveal", ada);
    expect(result.reply.visibility).toBe("ephemeral");
    expect(result.text).toContain("Secret Switchboard uses: Start5ecret");
    expect(result.text).toContain(`Secret ${fakeSecrets()[0]!.id}`);
    expect(t.fake.requestsTo("GET /accounts/5ec12345/secrets")[0]!.host).toBe("api");
  });

  it("lets Vonage judge a new secret, rotates with use:yes, and stops at two", async () => {
    const weak = await app.run("account secret create secret:weakness", ada);
    expect(weak.text).toContain("Vonage refused that API secret.");
    expect(weak.text).toContain("Does not meet complexity requirements");

    const created = await app.run("account secret create secret:Second5ecret use:yes", ada);
    expect(created.text).toContain("New API secret created at Vonage");
    expect(created.text).toContain("Secret: Second5ecret");
    expect(created.text).toContain("Switchboard now uses this secret");
    const post = t.fake.requestsTo("POST /accounts/5ec12345/secrets").at(-1)!;
    expect(post.contentType).toBe("application/json");
    expect(JSON.parse(post.body)).toEqual({ secret: "Second5ecret" });
    expect((await app.run("account secret reveal", ada)).text).toContain("Secret Switchboard uses: Second5ecret");

    const third = await app.run("account secret create", ada);
    expect(third.text).toContain("already has 2 API secrets, the most Vonage allows");
  });

  it("revokes with confirmation, refuses unknown ids and the last secret", async () => {
    const oldId = fakeSecrets()[0]!.id;
    const asked = await app.run(`account secret revoke ${oldId}`, ada);
    expect(asked.text).toContain("If it is the secret Switchboard uses, relink afterwards");
    const revoked = await app.run(`account secret revoke ${oldId} confirm:yes`, ada);
    expect(revoked.text).toContain(`Vonage revoked the API secret ${oldId}.`);
    expect(revoked.text).not.toContain("That was the secret Switchboard used");
    expect(fakeSecrets().map((s) => s.value)).toEqual(["Second5ecret"]);

    expect((await app.run("account secret revoke nope-0000 confirm:yes", ada)).text).toContain("The Vonage account has no API secret nope-0000.");
    const last = await app.run(`account secret revoke ${fakeSecrets()[0]!.id} confirm:yes`, ada);
    expect(last.text).toContain("That is the account's last API secret: Vonage does not allow revoking it.");
  });

  it("says so when the revoked secret was the one Switchboard used", async () => {
    await app.run("account secret create secret:Third5ecret", ada);
    const usedId = fakeSecrets().find((s) => s.value === "Second5ecret")!.id;
    const result = await app.run(`account secret revoke ${usedId} confirm:yes`, ada);
    expect(result.text).toContain("That was the secret Switchboard used");
    expect((await app.run("account link key:5ec12345 secret:Third5ecret", ada)).text).toContain("Updated the credentials");
  });
});

describe("top-up", () => {
  it("says plainly that Vonage tops up only accounts with auto-reload", async () => {
    const refused = await app.run("vonage topup trx:8ef2447e69604f642ae59363aa5f781b confirm:yes", ada);
    expect(refused.outcome).toBe("user-error");
    expect(refused.text).toContain("Vonage only tops up accounts that have auto-reload enabled, and this account does not.");
    expect(refused.text).toContain("https://dashboard.nexmo.com/billing-and-payments");
  });

  it("asks for the payment reference once, confirms, tops up and remembers it", async () => {
    Object.assign(t.fake.accounts.get("5ec12345")!, { autoReload: true, topUpTrx: "8ef2447e69604f642ae59363aa5f781b" });
    expect((await app.run("vonage topup confirm:yes", ada)).text).toContain("does not know its reference yet");

    const asked = await app.run("vonage topup trx:8ef2447e69604f642ae59363aa5f781b", ada);
    expect(asked.text).toContain("auto-reload amount set in the dashboard");
    expect(asked.text).toContain("[Top up]");
    const done = await app.run("vonage topup trx:8ef2447e69604f642ae59363aa5f781b confirm:yes", ada);
    expect(done.text).toContain("Vonage topped up the account.");
    expect(done.text).toContain("Balance: €24.00");
    expect(t.fake.requestsTo("POST /account/top-up").at(-1)!.body).toBe("trx=8ef2447e69604f642ae59363aa5f781b");

    // The auto-reload policy calls the port without a reference.
    await app.services.vonage.topUp(account);
    expect((await app.services.vonage.balance(account)).value.toFixed(2)).toBe("44.00");
    const events = await app.services.events.recent(account.id);
    expect(events.map((e) => e.type)).toContain("payment.received");
  });

  it("refuses a top-up Vonage answers with an error code inside an HTTP 200", async () => {
    const result = await app.run("vonage topup trx:ffffeeee00001111 confirm:yes", ada);
    expect(result.text).toContain('Vonage refused that (420 "method failed")');
  });

  it("is a Vonage command: a sandbox account is told so", async () => {
    const sam = { actor: "discord:G5:U1", actorName: "Sam", workspace: "discord:G5", channel: "discord:G5:C1" };
    await createTestAccount(app, { workspace: "discord:G5", creator: "discord:G5:U1", companyName: "Sandbox Co" });
    expect((await app.run("vonage topup confirm:yes", sam)).text).toContain("`vonage topup` works on Vonage accounts");
  });
});

describe("what only the dashboard can do", () => {
  it("lists each task with its dashboard link, and explains one topic", async () => {
    const all = await app.run("vonage dashboard", ada);
    expect(all.text).toContain("payment-methods: add or remove payment methods: https://dashboard.nexmo.com/billing-and-payments/billing-information");
    expect(all.text).toContain("dashboard-users");
    expect(all.text).toContain("email-alerts");
    const invoices = await app.run("vonage dashboard invoices", ada);
    expect(invoices.text).toContain("Vonage's API cannot generate or download invoices: do it in the Vonage dashboard, https://dashboard.nexmo.com/billing-and-payments");
    expect(dashboardOnlyError("payment-methods").code).toBe("dashboard_only");
  });
});
