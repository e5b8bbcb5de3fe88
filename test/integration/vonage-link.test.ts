// Linking real Vonage accounts, as a new user would: the official SDK against the local
// fake Vonage, through the command layer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { createVonageTestApp, type VonageTestApp } from "../helpers/vonage.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import type { TestApp } from "../helpers/test-app.ts";

let t: VonageTestApp;
let app: TestApp;
const vic = { actor: "slack:T1:U1", actorName: "Vic", workspace: "slack:T1", channel: "slack:T1:C1" };
const walt = { actor: "slack:T1:U2", actorName: "Walt", workspace: "slack:T1", channel: "slack:T1:C1" };

beforeAll(async () => {
  t = await createVonageTestApp();
  app = t.app;
  t.fake.addAccount({ apiKey: "a1b2c3d4", secret: "Secr3tValue1", balance: "12.50", autoReload: true });
  t.fake.addNumbers(
    { msisdn: "447700900001", country: "GB", type: "mobile-lvn", features: ["SMS", "VOICE"], cost: "1.25" },
    { msisdn: "447700900002", country: "GB", type: "landline", features: ["VOICE"], cost: "0.90" },
  );
});
afterAll(() => t.close());

describe("a new user links a Vonage account", () => {
  it("refuses bad credentials clearly and stores nothing", async () => {
    const result = await app.run("account link key:a1b2c3d4 secret:Wrong0ne", vic);
    expect(result.outcome).toBe("user-error");
    expect(result.text).toContain("Vonage did not accept that API key and secret.");
    expect(result.text).toContain("https://dashboard.nexmo.com/settings");
    expect(await app.services.db.account.count({ where: { apiKey: "a1b2c3d4" } })).toBe(0);
  });

  it("asks for key and secret in a form, the secret as a secret field", async () => {
    const result = await app.run("account link", { ...vic, canShowForms: true });
    const secretField = result.reply.form?.fields.find((f) => f.name === "secret");
    expect(secretField?.kind).toBe("secret");
    expect(result.reply.form?.fields.map((f) => f.name)).toEqual(["key", "secret"]);

    // A secret typed on the line is asked for again rather than stored with the form.
    const partial = await app.run("account link secret:Typed5ecret", { ...vic, canShowForms: true });
    expect(partial.reply.form?.fields.map((f) => f.name)).toEqual(["key", "secret"]);
    expect(partial.reply.form?.fixedArgs).toEqual({});
    const stored = await app.services.db.actionRef.findMany({ select: { action: true } });
    expect(JSON.stringify(stored)).not.toContain("Typed5ecret");
  });

  it("links with a balance call, keeps the secret sealed and makes the linker primary", async () => {
    const result = await app.run("account link key:a1b2c3d4 secret:Secr3tValue1", vic);
    expect(result.text).toContain("Linked the Vonage account a1b2c3d4. You are its primary user");
    expect(result.text).toContain("Balance: €12.50");
    expect(result.text).toContain("Auto-reload: on");
    expect(result.text).not.toContain("Secr3tValue1");

    const balanceCall = t.fake.requestsTo("GET /account/get-balance").at(-1)!;
    expect(balanceCall.authorization).toBe(`Basic ${Buffer.from("a1b2c3d4:Secr3tValue1").toString("base64")}`);
    const row = await app.services.db.account.findUniqueOrThrow({ where: { apiKey: "a1b2c3d4" }, select: { provider: true, vonageSecretEnc: true } });
    expect(row.provider).toBe("vonage");
    expect(row.vonageSecretEnc).not.toContain("Secr3tValue1");
    expect(app.services.secrets.open(row.vonageSecretEnc!)).toBe("Secr3tValue1");
    const audit = await app.services.db.auditEntry.findFirstOrThrow({ where: { command: "account link", outcome: "ok" } });
    expect(JSON.stringify(audit.args)).not.toContain("Secr3tValue1");

    expect((await app.run("users list", vic)).text).toContain("primary user: every permission");
  });

  it("shows the balance from Vonage and sets the default webhooks", async () => {
    const info = await app.run("account info", vic);
    expect(info.text).toContain("Balance: €12.50");
    expect(info.text).toContain("Provider: Vonage");

    const set = await app.run("account webhooks sms:https://example.com/inbound dlr:https://example.com/receipts", vic);
    expect(set.text).toContain("Vonage saved the account's default webhooks.");
    expect(set.text).toContain("Inbound SMS: https://example.com/inbound");
    const post = t.fake.requestsTo("POST /account/settings").at(-1)!;
    expect(post.contentType).toBe("application/x-www-form-urlencoded");
    expect(t.fake.accounts.get("a1b2c3d4")!.settings).toEqual({ mo: "https://example.com/inbound", dr: "https://example.com/receipts" });

    const shown = await app.run("account webhooks", vic);
    expect(shown.text).toContain("Delivery receipts: https://example.com/receipts");
    await app.run("account webhooks dlr:none", vic);
    expect(t.fake.accounts.get("a1b2c3d4")!.settings.dr).toBe("");
    expect((await app.run("account webhooks dlr:ftp://x", vic)).text).toContain("must be an http(s) URL");
  });

  it("searches and buys a number, sets its webhook, and the balance follows", async () => {
    const account = (await app.services.directory.accountsOfWorkspace("slack:T1"))[0]!;
    const { numbers } = await t.gateway.numbers(await app.services.vonage.credentials(account));
    const found = await numbers.search({ country: "gb", features: ["SMS"] });
    expect(found.count).toBe(1);
    expect(found.numbers[0]).toMatchObject({ msisdn: "447700900001", type: "mobile-lvn", features: ["SMS", "VOICE"] });
    expect(found.numbers[0]!.monthlyCost.equals(new Decimal("1.25"))).toBe(true);

    const bought = await numbers.buy({ msisdn: "+447700900001", country: "GB", expectedMonthlyCost: found.numbers[0]!.monthlyCost });
    expect(bought).toEqual({ msisdn: "447700900001", country: "GB", confirmedBy: "response" });
    const updated = await numbers.update({ msisdn: "447700900001", country: "GB", inboundSmsUrl: "https://example.com/n1" });
    expect(updated.inboundSmsUrl).toBe("https://example.com/n1");
    expect((await numbers.listOwned()).numbers.map((n) => n.msisdn)).toEqual(["447700900001"]);

    expect((await app.run("account info", vic)).text).toContain("Balance: €11.25");
  });
});

describe("who may link, convert, relink and unlink", () => {
  it("lets only a primary user link in a workspace that has an account, and converts their sandbox account", async () => {
    const { account } = await createTestAccount(app, { companyName: "Sandy Ltd" });
    t.fake.addAccount({ apiKey: "e5f6a7b8", secret: "Other5ecret", balance: "3.00" });
    const bob = { actor: "console:local:bob", actorName: "Bob" };
    expect((await app.run("account link key:e5f6a7b8 secret:Other5ecret", bob)).text).toContain(
      "Only the primary user of an account used in this workspace can link",
    );

    const converted = await app.run("account link key:e5f6a7b8 secret:Other5ecret");
    expect(converted.text).toContain("Sandy Ltd now runs on the Vonage account e5f6a7b8 instead of the sandbox.");
    expect(converted.text).toContain("users, permissions and channels are kept");
    const row = await app.services.accounts.get(account.id);
    expect(row).toMatchObject({ provider: "vonage", apiKey: "e5f6a7b8" });
    expect(await app.services.db.apiSecret.count({ where: { accountId: account.id, revokedAt: null } })).toBe(0);
    expect((await app.run("account info")).text).toContain("Balance: €3.00");
  });

  it("refuses to let another workspace take over a linked account, but relinks for its primary user", async () => {
    const stranger = { actor: "discord:G9:U9", actorName: "Mallory", workspace: "discord:G9", channel: "discord:G9:C9" };
    const taken = await app.run("account link key:a1b2c3d4 secret:Secr3tValue1", stranger);
    expect(taken.text).toContain("already linked to Switchboard, and you are not its primary user");

    const fakeAccount = t.fake.accounts.get("a1b2c3d4")!;
    fakeAccount.secrets = [{ id: "s2", value: "Rotated5ecret", createdAt: "2026-01-01T00:00:00Z" }];
    const revoked = await app.run("account info", vic);
    expect(revoked.text).toContain("Vonage refused Switchboard's stored credentials");
    expect(revoked.text).toContain("relink with `account link`");
    const relinked = await app.run("account link key:a1b2c3d4 secret:Rotated5ecret", vic);
    expect(relinked.text).toContain("Updated the credentials of the Vonage account a1b2c3d4.");
    expect((await app.run("account info", vic)).text).toContain("Balance: €11.25");
  });

  it("adds a separate account with new:yes, and unlinks with confirmation", async () => {
    t.fake.addAccount({ apiKey: "c0ffee01", secret: "Third5ecret", balance: "1.00" });
    const added = await app.run('account link key:c0ffee01 secret:Third5ecret name:"Side Co" new:yes', vic);
    expect(added.text).toContain("Linked the Vonage account c0ffee01");
    expect((await app.services.directory.accountsOfWorkspace("slack:T1")).map((a) => a.apiKey).sort()).toEqual(["a1b2c3d4", "c0ffee01"]);

    expect((await app.run("account unlink account:c0ffee01", walt)).text).toContain("not a user of the account Side Co");
    const asked = await app.run("account unlink account:c0ffee01", vic);
    expect(asked.text).toContain("Switchboard forgets the API key and secret of c0ffee01");
    expect(asked.text).toContain("[Unlink]");
    const done = await app.run("account unlink account:c0ffee01 confirm:yes", vic);
    expect(done.text).toContain("Unlinked Side Co (c0ffee01)");
    const row = await app.services.db.account.findUniqueOrThrow({ where: { apiKey: "c0ffee01" }, select: { vonageSecretEnc: true, closedAt: true } });
    expect(row).toMatchObject({ vonageSecretEnc: null });
    expect(row.closedAt).not.toBeNull();
    expect((await app.services.directory.accountsOfWorkspace("slack:T1")).map((a) => a.apiKey)).toEqual(["a1b2c3d4"]);

    const again = await app.run("account link key:c0ffee01 secret:Third5ecret new:yes", walt);
    expect(again.text).toContain("Only the primary user");
    expect((await app.run("account link key:c0ffee01 secret:Third5ecret new:yes", vic)).text).toContain("Linked the Vonage account c0ffee01");
  });

  it("does not unlink or set webhooks on a sandbox account", async () => {
    const sandboxWorkspace = { actor: "discord:G2:U1", actorName: "Sam", workspace: "discord:G2", channel: "discord:G2:C1" };
    await createTestAccount(app, { companyName: "Sandbox Only", workspace: "discord:G2", creator: "discord:G2:U1" });
    expect((await app.run("account unlink", sandboxWorkspace)).text).toContain("works on Vonage accounts, and Sandbox Only is a sandbox account");
    expect((await app.run("account webhooks", sandboxWorkspace)).text).toContain("Connect a real Vonage account with `account link`");
  });
});
