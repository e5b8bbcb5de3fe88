// Auto-reload: checked every 10 minutes for each account that has it on. Below the
// threshold it charges the chosen method for the amount; three consecutive failures
// switch it off. Every outcome is an account event, which the alerts part posts.
import type { Db } from "../data/database.ts";
import type { Ledger } from "./ledger.ts";
import type { AccountEvents } from "../accounts/account-events.ts";
import { ABANDONED_AFTER_MS, type PaymentRecord, type PayInput, type PayOutcome, type Payments } from "./payments.ts";
import type { PaymentMethods } from "./payment-methods.ts";
import { Decimal, formatMoney } from "../core/money.ts";

export const CHECK_EVERY_MS = 10 * 60_000;
export const MAX_FAILURES = 3;
export const DEFAULT_THRESHOLD = new Decimal(5);
export const DEFAULT_RELOAD_AMOUNT = new Decimal(20);

export interface AutoReloadState {
  enabled: boolean;
  threshold: Decimal;
  amount: Decimal;
  methodId: string | null;
  failures: number;
  lastReloadAt: Date | null;
  lastReloadAmount: Decimal | null;
  disabledReason: string | null;
}

const select = { enabled: true, threshold: true, amount: true, methodId: true, failures: true, lastReloadAt: true, lastReloadAmount: true, disabledReason: true } as const;

/** A row as Prisma (Decimals) or a raw statement (amounts as text) returns it. */
type Amount = { toString(): string };
type StateRow = Omit<AutoReloadState, "threshold" | "amount" | "lastReloadAmount"> & { threshold: Amount; amount: Amount; lastReloadAmount: Amount | null };

function toState(row: StateRow): AutoReloadState {
  return {
    ...row,
    threshold: new Decimal(row.threshold.toString()),
    amount: new Decimal(row.amount.toString()),
    lastReloadAmount: row.lastReloadAmount ? new Decimal(row.lastReloadAmount.toString()) : null,
  };
}

/** A reload the batch pays: the account, its settings, and what its report line says. */
interface Reload {
  i: number;
  accountId: string;
  state: AutoReloadState;
  label: string;
  amount: Decimal;
  balance: Decimal;
  at: Date;
  input: PayInput;
}

export class AutoReloads {
  constructor(
    private readonly db: Db,
    private readonly ledger: Ledger,
    private readonly methods: PaymentMethods,
    private readonly payments: Payments,
    private readonly events: AccountEvents,
  ) {}

  async state(accountId: string): Promise<AutoReloadState | undefined> {
    const row = await this.db.autoReload.findUnique({ where: { accountId }, select });
    return row ? toState(row) : undefined;
  }

  /** The settings of several accounts in one query (a sweep's balance alerts); accounts without any are absent. */
  async states(accountIds: readonly string[]): Promise<Map<string, AutoReloadState>> {
    if (accountIds.length === 0) return new Map();
    // Raw: hundreds of ids cost the query builder more than the database.
    const rows = await this.db.$queryRawUnsafe<(StateRow & { accountId: string })[]>(
      `SELECT "accountId", enabled, threshold::text AS threshold, amount::text AS amount, "methodId", failures, "lastReloadAt",
              "lastReloadAmount"::text AS "lastReloadAmount", "disabledReason"
         FROM "AutoReload" WHERE "accountId" = ANY($1::text[])`,
      accountIds,
    );
    return new Map(rows.map(({ accountId, ...row }) => [accountId, toState(row)]));
  }

  async turnOn(accountId: string, settings: { threshold: Decimal; amount: Decimal; methodId: string }, at: Date): Promise<void> {
    const data = { enabled: true, threshold: settings.threshold.toString(), amount: settings.amount.toString(), methodId: settings.methodId, failures: 0, disabledReason: null, updatedAt: at };
    await this.db.autoReload.upsert({ where: { accountId }, create: { accountId, ...data }, update: data });
  }

  async turnOff(accountId: string, at: Date, reason: string | null = null): Promise<boolean> {
    const { count } = await this.db.autoReload.updateMany({ where: { accountId, enabled: true }, data: { enabled: false, disabledReason: reason, updatedAt: at } });
    return count > 0;
  }

  /** Switches auto-reload off when it charges a method being removed. */
  async methodRemoved(accountId: string, methodId: string, at: Date): Promise<boolean> {
    const { count } = await this.db.autoReload.updateMany({
      where: { accountId, methodId, enabled: true },
      data: { enabled: false, disabledReason: "its payment method was removed", updatedAt: at },
    });
    if (count > 0) {
      await this.events.emit({ accountId, type: "autoreload.disabled", summary: "Auto-reload was switched off: its payment method was removed.", at });
    }
    return count > 0;
  }

  /** One check at `at` (the account's time). Returns a line for the sandbox report. */
  async check(accountId: string, at: Date): Promise<string | undefined> {
    return (await this.checkMany([{ accountId, at }]))[0];
  }

  /**
   * Checks several accounts, each at its own time (the job's page); a line for each, in
   * order. Everything the decisions need is read a query each for the whole batch (the
   * settings, the reloads on their way, the balances, the methods); the reloads are paid
   * together (Payments.payMany); declines and the rare cases (a reload a crash left
   * half-done, a method gone) are handled one account at a time.
   */
  async checkMany(due: readonly { accountId: string; at: Date }[]): Promise<(string | undefined)[]> {
    const ids = due.map((d) => d.accountId);
    const states = await this.states(ids);
    const underWay = await this.payments.reloadsUnderWay(due.filter((d) => states.has(d.accountId)));
    const balances = await this.ledger.balances(ids);
    const methods = await this.methods.getMany(
      due.flatMap(({ accountId }) => {
        const methodId = states.get(accountId)?.methodId;
        return methodId ? [{ accountId, id: methodId }] : [];
      }),
    );
    const lines: (string | undefined)[] = due.map(() => undefined);
    const reloads: Reload[] = [];
    for (const [i, { accountId, at }] of due.entries()) {
      const state = states.get(accountId);
      if (!state) continue;
      // A reload whose process died mid-charge is finished first, on or off: it may have
      // been charged, and only its own key can tell.
      const abandoned = underWay.abandoned.get(accountId);
      if (abandoned) {
        lines[i] = (await this.finishAbandoned(accountId, state, abandoned, at)).line;
        continue;
      }
      if (!state.enabled) continue;
      // A reload still on its way would otherwise be charged again every 10 minutes.
      if (underWay.pending.has(accountId)) continue;
      const balance = balances.get(accountId) ?? new Decimal(0);
      if (balance.gte(state.threshold)) continue;
      const method = state.methodId ? methods.get(state.methodId) : undefined;
      if (!method) {
        await this.disable(accountId, at, "its payment method is gone");
        lines[i] = "Auto-reload was switched off: its payment method is gone.";
        continue;
      }
      const slot = new Date(Math.floor(at.getTime() / CHECK_EVERY_MS) * CHECK_EVERY_MS);
      reloads.push({ i, accountId, state, label: method.label, amount: state.amount, balance, at, input: { accountId, method, amount: state.amount, key: `autoreload:${accountId}:${slot.toISOString()}`, origin: "autoreload", at } });
    }
    const outcomes = await this.payments.payMany(reloads.map((r) => r.input));
    const recorded = await this.recordOutcomes(reloads.map((r, k) => ({ ...r, outcome: outcomes[k]! })));
    reloads.forEach((r, k) => (lines[r.i] = recorded[k]));
    return lines;
  }

  /**
   * The payment reconciler's way in: a reload a dead process left "processing", finished
   * as `check` finishes it (its events, its failure count). Undefined when the account has
   * no auto-reload settings to record the outcome in.
   */
  async resumeAbandoned(abandoned: PaymentRecord, at: Date): Promise<PayOutcome | undefined> {
    const state = await this.state(abandoned.accountId);
    if (!state) return undefined;
    return (await this.finishAbandoned(abandoned.accountId, state, abandoned, at)).outcome;
  }

  private async finishAbandoned(accountId: string, state: AutoReloadState, abandoned: PaymentRecord, at: Date): Promise<{ outcome?: PayOutcome; line?: string }> {
    const method = await this.methods.getEvenRemoved(accountId, abandoned.methodId);
    if (!method) return {};
    const amount = new Decimal(abandoned.amount.toString());
    const balance = await this.ledger.balance(accountId);
    const input: PayInput = { accountId, method, amount, key: abandoned.key, origin: "autoreload", at };
    const outcome = await this.payments.pay(input);
    return { outcome, line: (await this.recordOutcomes([{ accountId, state, label: method.label, amount, balance, at, input, outcome }]))[0] };
  }

  /** What each payment's outcome means for its auto-reload: charged ones recorded together, declines one by one. */
  private async recordOutcomes(reloads: readonly (Omit<Reload, "i"> & { outcome: PayOutcome })[]): Promise<(string | undefined)[]> {
    const lines: (string | undefined)[] = reloads.map(() => undefined);
    const charged = reloads.flatMap((r, k) => (r.outcome.fresh && r.outcome.payment.status !== "failed" ? [{ ...r, k }] : []));
    if (charged.length > 0) {
      await this.db.$executeRawUnsafe(
        `UPDATE "AutoReload" r SET failures = 0, "lastReloadAt" = v.at, "lastReloadAmount" = v.amount, "updatedAt" = v.at
           FROM jsonb_to_recordset($1::jsonb) AS v("accountId" text, at timestamp, amount numeric) WHERE r."accountId" = v."accountId"`,
        JSON.stringify(charged.map((r) => ({ accountId: r.accountId, at: r.at.toISOString(), amount: r.amount.toString() }))),
      );
    }
    const events = charged.map(({ accountId, state, label, amount, balance, at, outcome, k }) => {
      const pending = outcome.payment.status === "pending" ? " (pending: the money arrives when the payment settles)" : "";
      const summary = `Auto-reload charged ${formatMoney(amount)} to ${label}: the balance was ${formatMoney(balance)}, below ${formatMoney(state.threshold)}${pending}.`;
      lines[k] = summary;
      return { accountId, type: "autoreload.charged" as const, summary, data: { paymentId: outcome.payment.id, amount: amount.toFixed(2) }, at };
    });
    await this.events.emitMany(events);
    for (const [k, r] of reloads.entries()) {
      if (r.outcome.fresh && r.outcome.payment.status === "failed") lines[k] = await this.failed(r.accountId, r.state, r.label, r.outcome.payment.failureReason ?? "declined", r.at);
    }
    return lines;
  }

  private async failed(accountId: string, state: AutoReloadState, label: string, reason: string, at: Date): Promise<string> {
    const { failures } = await this.db.autoReload.update({ where: { accountId }, data: { failures: { increment: 1 }, updatedAt: at }, select: { failures: true } });
    const summary = `Auto-reload could not charge ${formatMoney(state.amount)} to ${label} (${failures} of ${MAX_FAILURES}): ${reason}`;
    await this.events.emit({ accountId, type: "autoreload.failed", summary, data: { failures, reason }, at });
    if (failures < MAX_FAILURES) return summary;
    await this.disable(accountId, at, `${MAX_FAILURES} charges in a row failed`);
    return `${summary} Auto-reload is now off.`;
  }

  private async disable(accountId: string, at: Date, reason: string): Promise<void> {
    if (!(await this.turnOff(accountId, at, reason))) return;
    await this.events.emit({
      accountId,
      type: "autoreload.disabled",
      summary: `Auto-reload was switched off: ${reason}. Turn it back on with \`billing autoreload on\` once the payment method works.`,
      data: { reason },
      at,
    });
  }

  /**
   * The job's work, set-based, one page of `take` accounts with auto-reload settings after
   * `cursor` at a time: among them, those with auto-reload on whose balance is below their
   * threshold and that have no reload on its way, with their clock offsets; and those with
   * a reload a dead process left mid-charge (still "processing" past the abandon time, on
   * or off), which `check` asks about again. Only these are checked in full; a pass where
   * nobody is below the threshold is one query a page and writes nothing. `last` is the
   * page's last account (the next cursor), undefined once the sweep is done.
   */
  async dueAfter(cursor: string, take: number, now: Date): Promise<{ last: string | undefined; due: { accountId: string; offsetMs: number }[] }> {
    const abandonedBefore = new Date(now.getTime() - ABANDONED_AFTER_MS).toISOString();
    const rows = await this.db.$queryRawUnsafe<{ last: string | null; accountId: string | null; offset: string | null }[]>(AUTO_RELOAD_DUE_SQL, cursor, take, abandonedBefore);
    return {
      last: rows[0]?.last ?? undefined,
      due: rows.flatMap((r) => (r.accountId === null ? [] : [{ accountId: r.accountId, offsetMs: Number(r.offset) }])),
    };
  }
}

/**
 * Exported for the benchmark's floor ($1 cursor, $2 accounts a page, $3 abandoned before,
 * real time). One row a due account, each with the page's last account; a page with none
 * due is one row with no account. The page is taken by key first and its accounts looked
 * up by key (= ANY), the shape of the balance sweep's page: filtered and limited in one
 * query, a generic plan (chosen after a few runs of the prepared statement) hash-joined
 * every account after the cursor and sorted them, so each call grew with the accounts
 * left (29 s of the 100,000-account job on PGlite).
 */
export const AUTO_RELOAD_DUE_SQL = `
WITH page AS (
  SELECT "accountId" AS id FROM "AutoReload" WHERE "accountId" > $1 ORDER BY 1 LIMIT $2::int
), due AS (
  SELECT r."accountId", a."clockOffsetMs"::text AS "offset"
    FROM "AutoReload" r JOIN "Account" a ON a.id = r."accountId"
   WHERE r."accountId" = ANY(ARRAY(SELECT id FROM page)) AND a.id = ANY(ARRAY(SELECT id FROM page)) AND a."closedAt" IS NULL
     AND ((r.enabled AND a.balance < r.threshold
           AND NOT EXISTS (SELECT 1 FROM "Payment" p WHERE p."accountId" = r."accountId" AND p.origin = 'autoreload' AND p.status IN ('processing', 'pending')))
       OR EXISTS (SELECT 1 FROM "Payment" p WHERE p."accountId" = r."accountId" AND p.origin = 'autoreload' AND p.status = 'processing'
                     AND p."attemptedAt" <= $3::timestamp + a."clockOffsetMs" * interval '1 millisecond'))
)
SELECT b.last, d."accountId", d."offset"
  FROM (SELECT max(id) AS last FROM page) b LEFT JOIN due d ON true
 ORDER BY d."accountId"`;
