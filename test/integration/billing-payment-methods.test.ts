// Payment methods never pass through chat: a one-time link to the payment page, a
// processor token kept instead of the card, one account per card, removal confirmed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { createTestAccount } from "../helpers/accounts.ts";
import { addMethod, buttonRef, cardValues, createBillingTestApp, requestLink, submitPaymentPage, type BillingTestApp } from "../helpers/billing.ts";
import { newId } from "../../src/core/ids.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";

let app: BillingTestApp;
let account: AccountRecord;

beforeAll(async () => {
  app = await createBillingTestApp();
  ({ account } = await createTestAccount(app));
});
afterAll(() => app.stop());

describe("billing methods add", () => {
  it("answers the requester only with a 15-minute link and stores only a hash of its token", async () => {
    const result = await app.run("billing methods add");
    expect(result.reply.visibility).toBe("ephemeral");
    expect(result.text).toContain("works once and expires at 15 Jan 2026 10:15 UTC (15 minutes)");
    const token = new URL(/http\S+/.exec(result.text)![0]).searchParams.get("token")!;
    const links = await app.services.db.paymentLink.findMany({ where: { accountId: account.id } });
    expect(JSON.stringify(links)).not.toContain(token);
    expect(links.map((l) => l.tokenHash)).toContain(createHash("sha256").update(token).digest("hex"));
  });

  it("serves a real form with the billing address and no external assets", async () => {
    const response = await fetch(await requestLink(app));
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(html).toContain("Add a payment method to Acme Ltd");
    expect(html).toMatch(/<input type="radio" name="kind" value="paypal"/);
    expect(html).toContain("Billing address");
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)[^"]*\.(css|js)/);
  });

  it("saves a card: brand, last four and expiry only, and the link is spent", async () => {
    const link = await requestLink(app);
    const saved = await submitPaymentPage(link, cardValues());
    expect(saved.status).toBe(201);
    expect(saved.html).toContain("Visa •••• 4242 was added to Acme Ltd");
    const again = await submitPaymentPage(link, cardValues({ number: "5555 5555 5555 4444" }));
    expect(again.status).toBe(410);
    expect((await fetch(link)).status).toBe(410);

    const list = await app.run("billing methods list");
    expect(list.text).toContain("Visa •••• 4242, expires 12/2030");
    const stored = await app.services.db.paymentMethod.findMany({ where: { accountId: account.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ brand: "Visa", last4: "4242", expMonth: 12, expYear: 2030, billingName: "Acme Ltd" });
    expect(JSON.stringify(stored)).not.toMatch(/4242424242424242|4242 4242 4242 4242/);
  });

  it("refuses a declined card on the page and lets the person try again with the same link", async () => {
    const link = await requestLink(app);
    const declined = await submitPaymentPage(link, cardValues({ number: "4000 0000 0000 0002" }));
    expect(declined.status).toBe(402);
    expect(declined.html).toContain("The card was declined by its bank");
    expect(declined.html).not.toContain("4000 0000 0000 0002\"");
    const retry = await submitPaymentPage(link, cardValues({ number: "5555 5555 5555 4444" }));
    expect(retry.status).toBe(201);
    expect(retry.html).toContain("Mastercard •••• 4444");
  });

  it("spends the link after five refused cards, against card testing", async () => {
    const link = await requestLink(app);
    for (let i = 0; i < 4; i++) expect((await submitPaymentPage(link, cardValues({ number: "4000 0000 0000 0002" }))).status).toBe(402);
    const fifth = await submitPaymentPage(link, cardValues({ number: "4000 0000 0000 0002" }));
    expect(fifth.status).toBe(410);
    expect(fifth.html).toContain("Too many refused attempts");
    expect((await submitPaymentPage(link, cardValues({ number: "5105 1051 0510 5100" }))).status).toBe(410);
  });

  it("requires the billing address and says which fields are missing", async () => {
    const link = await requestLink(app);
    const missing = await submitPaymentPage(link, cardValues({ line1: "", city: "", country: "" }));
    expect(missing.status).toBe(422);
    expect(missing.html).toContain("Enter the billing address.");
    expect(missing.html).toContain("Choose the country.");
    expect((await fetch(link)).status).toBe(200);
  });

  it("refuses a card that another account already uses", async () => {
    const other = await createTestAccount(app, { companyName: "Other Co", workspace: "console:other", creator: "console:other:eve" });
    const who = { workspace: "console:other", actor: "console:other:eve", channel: "console:other:general" };
    const refused = await submitPaymentPage(await requestLink(app, who), cardValues());
    expect(refused.status).toBe(409);
    expect(refused.html).toContain("already used by another Switchboard account");
    expect(await app.services.db.paymentMethod.count({ where: { accountId: other.account.id } })).toBe(0);
  });

  it("keeps PayPal and bank transfer too, and refuses cross-site submissions", async () => {
    await addMethod(app, cardValues({ kind: "paypal", email: "ada@acme.test", number: "" }));
    await addMethod(app, cardValues({ kind: "bank_transfer", number: "" }));
    const list = await app.run("billing methods list");
    expect(list.text).toContain("PayPal");
    expect(list.text).toContain("PayPal a•••@acme.test");
    expect(list.text).toContain("Bank transfer");
    const crossSite = await submitPaymentPage(await requestLink(app), cardValues({ number: "5105 1051 0510 5100" }), { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
  });

  it("expires the link after 15 minutes", async () => {
    const link = await requestLink(app);
    app.clock.advance(15 * 60_000 + 1);
    const late = await submitPaymentPage(link, cardValues({ number: "5105 1051 0510 5100" }));
    expect(late.status).toBe(410);
    expect(late.html).toContain("Run <code>billing methods add</code>");
  });
});

describe("billing methods remove", () => {
  it("asks for confirmation, then removes the method and frees the card for another account", async () => {
    const asked = await app.run("billing methods remove 4444");
    expect(asked.text).toContain("Mastercard •••• 4444 is removed from Acme Ltd and deleted by the payment processor");
    const done = await app.dispatch({ kind: "action", ref: buttonRef(asked.reply, "Remove") });
    expect(done.text).toContain("Mastercard •••• 4444 was removed");
    // The list shows random ids too, which may contain "4444": look for the card itself.
    expect((await app.run("billing methods list")).text).not.toContain("•••• 4444");
    const who = { workspace: "console:other", actor: "console:other:eve", channel: "console:other:general" };
    const reused = await submitPaymentPage(await requestLink(app, who), cardValues({ number: "5555 5555 5555 4444" }));
    expect(reused.status).toBe(201);
  });
});

describe("payments permission", () => {
  it("lets any user see the balance but only users with payments manage methods", async () => {
    const bob = await app.services.directory.ensurePerson("console:local:bob", "Bob");
    await app.services.db.member.create({ data: { id: newId("mem"), accountId: account.id, personId: bob, role: "secondary", permissions: ["numbers"] } });
    const who = { actor: "console:local:bob" };
    expect((await app.run("billing balance", who)).outcome).toBe("ok");
    const refused = await app.run("billing methods add", who);
    expect(refused.text).toContain('You need the "payments" permission');
    expect((await app.run("billing topup 20 confirm:yes", who)).text).toContain('"payments" permission');
  });
});

describe("card numbers typed in chat", () => {
  it("refuses a card number given to billing topup, and stores it nowhere", async () => {
    const result = await app.run("billing topup 4111111111111111");
    expect(result.text).toContain("looks like a card number");
    expect(result.text).toContain("billing methods add");
    expect(result.text).not.toContain("4111111111111111");
    const tables = await app.services.db.$queryRawUnsafe<{ tablename: string }[]>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    for (const { tablename } of tables) {
      const rows = await app.services.db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${tablename}"`);
      expect(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v)), tablename).not.toContain("4111111111111111");
    }
  });
});
