// A top-up whose process dies after the payment processor charged the card, before
// Switchboard recorded the answer, leaves its payment "processing": charged, not credited.
// If the user never retries, the payment-reconcile job finishes it once it has been left
// for the abandon time (5 minutes): it asks the processor again with the payment's own key
// (charged once per key) and credits it once, or marks it failed when the processor
// declines. A run that dies is a handler whose promise never settles on instance A, which
// also stops renewing its lease (a dead process renews nothing): the database is left as a
// killed process leaves it. The race with the user's own retry runs on two instances (two
// connection pools on PostgreSQL; one embedded database on PGlite).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { jobDefinitions } from "../../src/jobs/index.ts";
import { JobRunner } from "../../src/jobs/job-runner.ts";
import { ABANDONED_AFTER_MS } from "../../src/billing/payments.ts";
import { Decimal } from "../../src/core/money.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import type { PaymentDetails, PaymentProcessor } from "../../src/billing/processor/payment-processor.ts";
import { startInstancePair, type Instance, type InstancePair } from "../helpers/instance-pair.ts";
import { consoleOperator } from "../helpers/test-app.ts";

// A busy machine may take a while; only the outcome is asserted, never the time.
const WAIT = { timeout: 60_000, interval: 50 };
const address = { name: "Initech Ltd", line1: "1 Main Street", city: "London", postalCode: "N1 9GU", country: "GB" };
let pair: InstancePair;
let account: AccountRecord;
/** Instance A's processor as it is, for the fake that charges and then never returns. */
let realCharge: PaymentProcessor["charge"];

beforeAll(async () => {
  pair = await startInstancePair();
  const { services } = pair.a;
  ({ account } = await services.accounts.create({
    companyName: "Initech Ltd",
    contactName: "Ada",
    email: "ada@initech.test",
    phone: "+447700900321",
    creator: { address: consoleOperator.actor, name: "Ada" },
    workspace: consoleOperator.workspace,
    at: pair.clock.now(),
  }));
  realCharge = services.billing.processor.charge.bind(services.billing.processor);
  await addCard({ kind: "card", number: "4242424242424242", expMonth: 12, expYear: 2040, cvc: "123" });
  await addCard({ kind: "card", number: "4000000000000341", expMonth: 12, expYear: 2040, cvc: "123" });
}, 120_000);
afterAll(() => pair?.close());
afterEach(() => {
  vi.restoreAllMocks();
});

async function addCard(details: PaymentDetails): Promise<string> {
  const { services } = pair.a;
  const vaulted = await services.billing.processor.vault(details, address, pair.clock.now());
  if (!vaulted.ok) throw new Error(`the simulated processor refused the card: ${vaulted.reason}`);
  const added = await services.billing.methods.add({ accountId: account.id, processor: "simulated", vaulted: vaulted.method, address, addedBy: consoleOperator.actor, at: pair.clock.now() });
  if (!added.ok) throw new Error(`could not store the card: ${added.reason}`);
  return added.method.id;
}

const db = () => pair.b.services.db;
const balance = async () => (await pair.b.services.ledger.balance(account.id)).toFixed(2);
const never = () => new Promise<never>(() => {});
const paymentKey = (requestKey: string) => `topup:${account.id}:${account.id}:${requestKey}`;
const topUp = (instance: Instance, line: string, requestKey: string) => instance.dispatch({ kind: "text", text: line }, { idempotencyKey: requestKey });

/**
 * Instance A runs the top-up and dies: after the processor charged (`charged`), or while
 * it is being asked (the charge never reached it). A's later lease renewals never happen.
 */
async function dieMidTopUp(line: string, requestKey: string, charged: boolean): Promise<void> {
  const { services } = pair.a;
  vi.spyOn(services.billing.processor, "charge").mockImplementationOnce(async (request) => {
    if (charged) await realCharge(request);
    return never();
  });
  vi.spyOn(services.idempotency, "renew").mockResolvedValue(undefined);
  void topUp(pair.a, line, requestKey);
  await vi.waitFor(async () => expect(await db().payment.findUnique({ where: { key: paymentKey(requestKey) }, select: { status: true } })).toEqual({ status: "processing" }), WAIT);
}

/** The payment-reconcile job, run by `instance`'s job runner for the current minute. */
async function runReconcileJob(instance: Instance) {
  const job = jobDefinitions(instance.services, loadConfig({})).find((j) => j.name === "payment-reconcile")!;
  return instance.services.jobs.runSlot(job, JobRunner.slotOf(pair.clock.now()));
}

async function paymentOf(requestKey: string) {
  return db().payment.findUniqueOrThrow({ where: { key: paymentKey(requestKey) }, select: { id: true, status: true, creditedAt: true, failureReason: true } });
}

const creditsOf = (paymentId: string) => db().ledgerEntry.count({ where: { accountId: account.id, ref: `payment:${paymentId}` } });
/** The direct messages the reconciler left for the top-up's requester, as their text. */
async function requesterNotices(paymentId: string): Promise<{ channel: string; text: string }[]> {
  const rows = await db().outboxMessage.findMany({ where: { dedupeKey: `payment-reconciled:${paymentId}` }, select: { channel: true, payload: true } });
  return rows.map((r) => ({ channel: r.channel, text: JSON.stringify(r.payload) }));
}

const receivedEvents = async (paymentId: string) =>
  (await db().accountEvent.findMany({ where: { accountId: account.id, type: "payment.received" }, select: { data: true } })).filter((e) => (e.data as { paymentId?: string }).paymentId === paymentId).length;

describe("a top-up left processing by a dead process", () => {
  it("is credited once by the reconcile job when nobody retries; a late retry reports it and charges nothing", async () => {
    const before = await balance();
    await dieMidTopUp("billing topup 20 method:4242 confirm:yes", "click-charged", true);

    // Within the abandon time the job leaves it to its owner, who may still be alive.
    pair.clock.advance(ABANDONED_AFTER_MS - 60_000);
    expect(await runReconcileJob(pair.b)).toMatchObject({ state: "ran", stats: { credited: 0, failed: 0 } });
    expect((await paymentOf("click-charged")).status).toBe("processing");
    expect(await balance()).toBe(before);

    pair.clock.advance(2 * 60_000);
    expect(await runReconcileJob(pair.b)).toMatchObject({ state: "ran", stats: { credited: 1, failed: 0 } });
    const payment = await paymentOf("click-charged");
    expect(payment).toMatchObject({ status: "succeeded", creditedAt: expect.any(Date) });
    expect(await creditsOf(payment.id)).toBe(1);
    expect(await balance()).toBe(new Decimal(before).plus(20).toFixed(2));
    // What the command itself would have left behind: the invoice and the event.
    expect(await db().invoice.count({ where: { paymentId: payment.id } })).toBe(1);
    expect(await receivedEvents(payment.id)).toBe(1);
    // The person whose command never answered is told in a direct message.
    const [notice, ...more] = await requesterNotices(payment.id);
    expect(more).toEqual([]);
    expect(notice!.channel).toBe("console:local:@operator");
    expect(notice!.text).toContain("Your top-up of €20.00 from Visa •••• 4242");
    expect(notice!.text).toContain("has now gone through and was credited once");

    // The next run finds nothing to do, and tells nobody again.
    pair.clock.advance(5 * 60_000);
    expect(await runReconcileJob(pair.a)).toMatchObject({ state: "ran", stats: { credited: 0, failed: 0, left: 0 } });
    expect(await requesterNotices(payment.id)).toHaveLength(1);

    // The user retries after all (past the command's lease): told, not charged again.
    const payments = await db().payment.count({ where: { accountId: account.id } });
    const retried = await topUp(pair.b, "billing topup 20 method:4242 confirm:yes", "click-charged");
    expect(retried.outcome).toBe("ok");
    expect(retried.text).toContain("already been made: nothing more was charged");
    expect(await creditsOf(payment.id)).toBe(1);
    expect(await receivedEvents(payment.id)).toBe(1);
    expect(await balance()).toBe(new Decimal(before).plus(20).toFixed(2));
    expect(await db().payment.count({ where: { accountId: account.id } })).toBe(payments);
  }, 120_000);

  it("is marked failed, with nothing credited, when the processor declines it", async () => {
    const before = await balance();
    await dieMidTopUp("billing topup 30 method:0341 confirm:yes", "click-declined", false);
    pair.clock.advance(ABANDONED_AFTER_MS + 60_000);

    expect(await runReconcileJob(pair.a)).toMatchObject({ state: "ran", stats: { credited: 0, failed: 1 } });
    const payment = await paymentOf("click-declined");
    expect(payment).toMatchObject({ status: "failed", creditedAt: null, failureReason: expect.stringContaining("declined") });
    expect(await creditsOf(payment.id)).toBe(0);
    expect(await receivedEvents(payment.id)).toBe(0);
    expect(await balance()).toBe(before);
    const notices = await requesterNotices(payment.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain("Your top-up of €30.00 from Visa •••• 0341");
    expect(notices[0]!.text).toContain("declined it (The card was declined: insufficient funds.). Nothing was charged.");

    const retried = await topUp(pair.b, "billing topup 30 method:0341 confirm:yes", "click-declined");
    expect(retried).toMatchObject({ outcome: "user-error", code: "payment_declined" });
    expect(await balance()).toBe(before);
  }, 120_000);

  it("tells a retry that meets the reconciler at work that the payment is being confirmed, and charges once", async () => {
    const before = await balance();
    await dieMidTopUp("billing topup 15 method:4242 confirm:yes", "click-meets", true);
    pair.clock.advance(ABANDONED_AFTER_MS + 60_000);
    const { id } = await paymentOf("click-meets");

    // Instance B's reconciler has claimed the payment and is asking the processor.
    const processor = pair.b.services.billing.processor;
    const charge = processor.charge.bind(processor);
    let answer!: () => void;
    const asked = new Promise<void>((resolve) => (answer = resolve));
    let askedAt!: () => void;
    const inCall = new Promise<void>((resolve) => (askedAt = resolve));
    vi.spyOn(processor, "charge").mockImplementationOnce(async (request) => {
      askedAt();
      await asked;
      return charge(request);
    });
    const reconciling = pair.b.services.billing.reconciler.reconcile(id, pair.clock.now());
    await inCall;

    const retried = await topUp(pair.a, "billing topup 15 method:4242 confirm:yes", "click-meets");
    expect(retried, retried.text).toMatchObject({ outcome: "user-error", code: "payment_in_progress" });
    expect(retried.text).toContain("being confirmed");
    expect(await balance()).toBe(before);

    answer();
    expect(await reconciling).toBe("credited");
    const again = await topUp(pair.a, "billing topup 15 method:4242 confirm:yes", "click-meets");
    expect(again.text).toContain("already been made");
    expect(await creditsOf(id)).toBe(1);
    expect(await balance()).toBe(new Decimal(before).plus(15).toFixed(2));
  }, 120_000);

  it("racing the user's retries and both instances' reconcilers: each payment credited once", async () => {
    const TOPUPS = 6;
    const before = await balance();
    const keys = Array.from({ length: TOPUPS }, (_, i) => `race-${i}`);
    for (const key of keys) await dieMidTopUp("billing topup 10 method:4242 confirm:yes", key, true);
    pair.clock.advance(ABANDONED_AFTER_MS + 60_000);
    const ids = await Promise.all(keys.map(async (key) => (await paymentOf(key)).id));

    // Every payment is wanted by three at once: the user's retry through instance B, and the
    // reconcilers of both instances; the jobs of both run as well.
    const retries = keys.map((key) => topUp(pair.b, "billing topup 10 method:4242 confirm:yes", key));
    const reconciles = [pair.a, pair.b].flatMap(({ services }) => ids.map((id) => services.billing.reconciler.reconcile(id, pair.clock.now())));
    const jobs = [runReconcileJob(pair.a), runReconcileJob(pair.b)];
    const answers = await Promise.all(retries);
    const settled = await Promise.allSettled([...reconciles, ...jobs]);
    expect(settled.filter((s) => s.status === "rejected")).toEqual([]);

    for (const answer of answers) {
      // Done by the retry, or by a reconciler the retry found at work (it says so and may be run again).
      if (answer.outcome === "ok") expect(answer.text).toMatch(/was added|already been made/);
      else expect(answer, answer.text).toMatchObject({ outcome: "user-error", code: "payment_in_progress" });
    }
    for (const id of ids) {
      expect(await creditsOf(id), id).toBe(1);
      expect(await receivedEvents(id), id).toBe(1);
      expect(await db().invoice.count({ where: { paymentId: id } })).toBe(1);
    }
    expect(await db().payment.count({ where: { id: { in: ids }, status: "succeeded", creditedAt: { not: null } } })).toBe(TOPUPS);
    expect(await balance()).toBe(new Decimal(before).plus(10 * TOPUPS).toFixed(2));

    // A retry that was told the payment was being confirmed runs again and reports it.
    for (const [i, answer] of answers.entries()) {
      if (answer.outcome === "ok") continue;
      const again = await topUp(pair.a, "billing topup 10 method:4242 confirm:yes", keys[i]!);
      expect(again.text).toContain("already been made");
    }
    expect(await balance()).toBe(new Decimal(before).plus(10 * TOPUPS).toFixed(2));
  }, 180_000);
});

describe("an auto-reload left processing by a dead process", () => {
  it("is finished by the reconcile job the auto-reload way: credited once, its own event once", async () => {
    const { services } = pair.a;
    const card = await db().paymentMethod.findFirstOrThrow({ where: { accountId: account.id, last4: "4242" }, select: { id: true } });
    // Below the threshold, so the sweep charges.
    await services.billing.autoReload.turnOn(account.id, { threshold: new Decimal(100_000), amount: new Decimal(25), methodId: card.id }, pair.clock.now());
    vi.spyOn(services.billing.processor, "charge").mockImplementationOnce(async (request) => {
      await realCharge(request);
      return never();
    });
    const before = await balance();
    void services.billing.autoReload.check(account.id, pair.clock.now());
    const reload = await vi.waitFor(async () => {
      const row = await db().payment.findFirst({ where: { accountId: account.id, origin: "autoreload", status: "processing" }, select: { id: true } });
      expect(row).not.toBeNull();
      return row!;
    }, WAIT);
    await services.billing.autoReload.turnOff(account.id, pair.clock.now());

    pair.clock.advance(ABANDONED_AFTER_MS + 60_000);
    const [byA, byB] = await Promise.all([runReconcileJob(pair.a), pair.b.services.billing.reconciler.reconcile(reload.id, pair.clock.now())]);
    // One of the two did it; the other found it done or being done.
    expect(byA.state).toBe("ran");
    expect((byA.state === "ran" ? Number(byA.stats.credited) : 0) + (byB === "credited" ? 1 : 0)).toBe(1);
    expect(await creditsOf(reload.id)).toBe(1);
    expect(await balance()).toBe(new Decimal(before).plus(25).toFixed(2));
    const charged = await db().accountEvent.findMany({ where: { accountId: account.id, type: "autoreload.charged" }, select: { data: true } });
    expect(charged.filter((e) => (e.data as { paymentId?: string }).paymentId === reload.id)).toHaveLength(1);
    expect(await receivedEvents(reload.id)).toBe(1);
  }, 120_000);
});
