// Spend guardrails as a team meets them: a single spend above the limit waits for a second
// user, the requester cannot approve their own, an approval runs once; daily top-ups and
// hourly rents are capped, also when people spend at the same time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBillingTestApp, addMethod, buttonRef, type BillingTestApp } from "../helpers/billing.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { addMember, firstListed } from "../helpers/numbers.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { Decimal } from "../../src/core/money.ts";

let app: BillingTestApp;
let account: AccountRecord;
const bob = { actor: "console:local:bob", actorName: "Bob" };
const carol = { actor: "console:local:carol", actorName: "Carol" };
const balance = async () => (await app.services.ledger.balance(account.id)).toFixed(2);

beforeAll(async () => {
  app = await createBillingTestApp();
  ({ account } = await createTestAccount(app));
  await addMember(app, account.id, bob.actor, ["payments"]);
  await addMember(app, account.id, carol.actor, ["numbers"]);
  await addMethod(app);
  expect((await app.run("billing limits topups:1500 rents:3 approval:300")).outcome).toBe("ok");
}, 120_000);
afterAll(() => app.stop());

describe("a single spend above the approval limit", () => {
  let requestRef: string;
  let approvalId: string;

  it("files a request for a second user instead of charging, shown in the channel", async () => {
    const asked = await app.run("billing topup 400 confirm:yes");
    expect(asked.outcome).toBe("ok");
    expect(asked.reply.visibility).toBe("channel");
    expect(asked.text).toContain("Approval needed: Local operator asked for a top-up of €400.00 from Visa •••• 4242");
    expect(asked.text).toContain('above this account\'s limit of €300.00 for a single spend. A second user with the "payments" permission (or the primary user) decides.');
    expect(await balance()).toBe("2.00");
    approvalId = /apr_[\w-]+/.exec(asked.text)![0];
    requestRef = buttonRef(asked.reply, "Approve");
    // Asking again waits on the same request.
    const again = await app.run("billing topup 400 confirm:yes");
    expect(again.text).toContain(`Still waiting for approval`);
    expect(again.text).toContain(approvalId);
    const events = await app.services.events.recent(account.id);
    expect(events.filter((e) => e.type === "spend.requested")).toHaveLength(1);
  });

  it("cannot be approved by the one who asked, nor by a user without the permission", async () => {
    const self = await app.dispatch({ kind: "action", ref: requestRef });
    expect(self.outcome).toBe("user-error");
    expect(self.text).toContain("You asked for this spend: a second user must approve or deny it.");
    const carolTries = await app.run(`approvals approve ${approvalId}`, carol);
    expect(carolTries.text).toContain('needs the "payments" permission');
  });

  it("runs once after a second user approves: a double click charges once", async () => {
    const approved = await app.dispatch({ kind: "action", ref: requestRef }, bob);
    expect(approved.outcome).toBe("ok");
    expect(approved.text).toContain("Approved by Bob: Local operator's request for a top-up of €400.00");
    const run = buttonRef(approved.reply, "Run it now");
    const [first, second] = await Promise.all([app.dispatch({ kind: "action", ref: run }), app.dispatch({ kind: "action", ref: run })]);
    expect([first.text, second.text].join("\n")).toContain("€400.00 from Visa •••• 4242 was added");
    expect(await balance()).toBe("402.00");
    // Used up: the same top-up typed again asks anew.
    const anew = await app.run("billing topup 400 confirm:yes");
    expect(anew.text).toContain("Approval needed");
    expect(await balance()).toBe("402.00");
    const list = await app.run("approvals list", carol);
    expect(list.text).toContain(`*${approvalId}* · Local operator: a top-up of €400.00`);
    expect(list.text).toContain("State: used (approved by Bob)");
  });

  it("is refused for good when denied", async () => {
    const pending = (await app.services.billing.guard.list(account.id, app.clock.now())).find((a) => a.status === "pending")!;
    const denied = await app.run(`approvals deny ${pending.id}`, bob);
    expect(denied.text).toContain("Denied by Bob");
    expect((await app.run(`approvals approve ${pending.id}`, bob)).text).toContain("That request is denied (by Bob): nothing to decide.");
    expect(await balance()).toBe("402.00");
  });
});

describe("daily top-ups and hourly rents", () => {
  it("caps the day's top-ups, counting two people topping up at once one after the other", async () => {
    // €400 today already; the limit is €1,500: of three concurrent €300 top-ups... all fit (1,300); a fourth does not.
    const results = await Promise.all([1, 2, 3, 4].map(() => app.run("billing topup 300 confirm:yes", bob)));
    const ok = results.filter((r) => r.outcome === "ok");
    const refused = results.filter((r) => r.outcome === "user-error");
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.text).toContain("This account may top up €1500.00 a day; €1300.00 was topped up today, so at most €200.00 more until midnight UTC.");
    expect(await balance()).toBe("1302.00");
    expect(results.every((r) => r.outcome !== "error")).toBe(true);
  });

  it("caps the numbers rented in an hour, and lets them again an hour later", async () => {
    const rent = async () => app.run(`numbers rent ${await firstListed(app, "numbers search FR type:landline")} confirm:yes`, carol);
    for (let i = 0; i < 3; i++) expect((await rent()).outcome).toBe("ok");
    const fourth = await rent();
    expect(fourth.text).toContain("This account may rent 3 numbers an hour, and has rented 3 in the last hour.");
    app.clock.advance(3_600_001);
    expect((await rent()).outcome).toBe("ok");
  });

  it("does not count a spend the platform refused", async () => {
    const grants = await app.services.db.spendGrant.count({ where: { accountId: account.id } });
    const taken = await app.run("numbers rent +33100000000 confirm:yes", carol);
    expect(taken.outcome).toBe("user-error");
    expect(await app.services.db.spendGrant.count({ where: { accountId: account.id } })).toBe(grants);
  });

  it("shows the limits to anyone and lets only the primary user change them", async () => {
    expect((await app.run("billing limits", carol)).text).toContain("Top-ups a day: €1500.00");
    const refused = await app.run("billing limits approval:5000", bob);
    expect(refused.text).toContain("Only the primary user of Acme Ltd can change its spend limits.");
    expect((await app.services.billing.guard.policy(account.id)).approvalAbove).toEqual(new Decimal(300));
  });
});
