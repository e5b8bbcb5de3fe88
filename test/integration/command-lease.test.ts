// A command whose process dies mid-run leaves its idempotency record "running". Before
// leases a retry was told "already being processed" forever; now, once the lease has
// passed (the injected clock moves on, no waiting), a retry runs the command again and
// charges once. A run that died is a handler whose promise never settles: the database
// is left exactly as a killed process leaves it, and nothing of that run goes on.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestAccount } from "../helpers/accounts.ts";
import { addMethod, buttonRef, createBillingTestApp, type BillingTestApp } from "../helpers/billing.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { COMMAND_LEASE_MS } from "../../src/platform/idempotency.ts";

// A busy machine may take a while; only the outcome is asserted, never the time.
const WAIT = { timeout: 60_000, interval: 50 };
let app: BillingTestApp;
let account: AccountRecord;

beforeAll(async () => {
  app = await createBillingTestApp({ now: new Date("2026-01-15T10:00:00Z") });
  ({ account } = await createTestAccount(app, { companyName: "Initech Ltd" }));
  await addMethod(app);
}, 180_000);
afterAll(() => app.stop());

const balance = async () => (await app.services.ledger.balance(account.id)).toFixed(2);
const paymentEntries = async () => (await app.services.ledger.entries(account.id)).filter((e) => e.kind === "payment").length;
const never = () => new Promise<never>(() => {});

describe("a command killed mid-run", () => {
  it("is run again by a retry once its lease has passed, and charges once", async () => {
    const before = await balance();
    const ref = buttonRef((await app.run("billing topup 20")).reply, "Pay €20.00");
    // The process dies while the processor is being asked: the payment stays "processing".
    vi.spyOn(app.services.billing.processor, "charge").mockImplementationOnce(never);
    void app.dispatch({ kind: "action", ref });
    await vi.waitFor(async () => expect(await app.services.db.payment.count({ where: { accountId: account.id, status: "processing" } })).toBe(1), WAIT);

    const tooSoon = await app.dispatch({ kind: "action", ref });
    expect(tooSoon.text).toContain("already being processed");

    app.clock.advance(COMMAND_LEASE_MS + 60_000);
    const retried = await app.dispatch({ kind: "action", ref });
    expect(retried.text).toContain("€20.00 from Visa •••• 4242 was added");
    expect(await balance()).toBe((Number(before) + 20).toFixed(2));
    expect(await app.services.db.payment.count({ where: { accountId: account.id } })).toBe(1);
    expect(await paymentEntries()).toBe(1);

    // Later retries get the recorded answer and change nothing.
    const again = await app.dispatch({ kind: "action", ref });
    expect(again.text).toContain("was added");
    expect(await balance()).toBe((Number(before) + 20).toFixed(2));
  }, 120_000);

  it("reports the outcome when the work was done but not recorded as done", async () => {
    const before = await balance();
    const ref = buttonRef((await app.run("billing topup 30")).reply, "Pay €30.00");
    // Charged and credited; the process dies before the answer is recorded.
    vi.spyOn(app.services.idempotency, "complete").mockImplementationOnce(never);
    void app.dispatch({ kind: "action", ref });
    await vi.waitFor(async () => expect(await balance()).toBe((Number(before) + 30).toFixed(2)), WAIT);

    app.clock.advance(COMMAND_LEASE_MS + 60_000);
    const retried = await app.dispatch({ kind: "action", ref });
    expect(retried.text).toContain("€30.00");
    expect(await balance()).toBe((Number(before) + 30).toFixed(2));
    expect(await app.services.db.payment.count({ where: { accountId: account.id } })).toBe(2);
    expect(await paymentEntries()).toBe(2);
  }, 120_000);
});
