// Billing's scheduled jobs. Each account is handled at its own time (sandbox accounts may
// run ahead), in batches with a cursor so a sweep runs in bounded memory.
import type { Services } from "../services.ts";
import type { Config } from "../config.ts";
import type { JobDefinition } from "../jobs/job-runner.ts";

const BATCH = 200;
/** Accounts with auto-reload settings an auto-reload selection page covers (one statement). */
const PAGE = 2000;
/** Settlements are not configurable: money arriving 10 minutes late is fine. */
const SETTLEMENTS_CRON = "*/10 * * * *";
/**
 * Payments left "processing" count as abandoned after 5 minutes: looking every 5 minutes
 * credits a charge whose process died within 10 minutes, whether or not anyone retries.
 */
const RECONCILE_CRON = "*/5 * * * *";

export function billingJobs(services: Services, config: Config): JobDefinition[] {
  return [
    {
      name: "auto-reload",
      schedule: config.jobs.autoReloadCron,
      async run(now, _log, progress) {
        let checked = 0;
        let reloaded = 0;
        // A page of due accounts is checked as one batch: its reads, payments, credits and
        // events a statement each (each reload still keyed per account and slot).
        for (let cursor = ""; ; ) {
          const { last, due } = await services.billing.autoReload.dueAfter(cursor, PAGE, now);
          if (last === undefined) break;
          for (let i = 0; i < due.length; i += BATCH) {
            const batch = due.slice(i, i + BATCH).map(({ accountId, offsetMs }) => ({ accountId, at: new Date(now.getTime() + offsetMs) }));
            reloaded += (await services.billing.autoReload.checkMany(batch)).filter(Boolean).length;
            checked += batch.length;
          }
          cursor = last;
          await progress?.save(cursor);
        }
        await services.statistics.afterBulkChange(reloaded, ["Payment", "LedgerEntry", "AccountEvent"]);
        return { checked, reloaded };
      },
    },
    {
      name: "payment-reconcile",
      schedule: RECONCILE_CRON,
      async run(now, _log, progress) {
        const counts = { credited: 0, pending: 0, failed: 0, left: 0 };
        // Rare and each one a processor call: one at a time.
        for (let cursor = progress?.resumeAfter ?? ""; ; ) {
          const batch = await services.billing.reconciler.abandonedAfter(cursor, BATCH, now);
          if (batch.length === 0) break;
          for (const { paymentId, offsetMs } of batch) counts[await services.billing.reconciler.reconcile(paymentId, new Date(now.getTime() + offsetMs))]++;
          cursor = batch[batch.length - 1]!.paymentId;
          await progress?.save(cursor);
        }
        return counts;
      },
    },
    {
      name: "payment-settlements",
      schedule: SETTLEMENTS_CRON,
      async run(now, _log, progress) {
        let cursor = progress?.resumeAfter ?? "";
        let settled = 0;
        for (;;) {
          const rows = await services.db.payment.findMany({
            where: { settledAt: null, status: { in: ["pending", "succeeded"] }, settlesAt: { not: null }, accountId: { gt: cursor } },
            distinct: ["accountId"],
            orderBy: { accountId: "asc" },
            take: BATCH,
            select: { accountId: true },
          });
          if (rows.length === 0) return { settled };
          const ids = rows.map((r) => r.accountId);
          for (const [accountId, at] of await accountTimes(services, ids, now)) {
            settled += (await services.billing.payments.settleDue(accountId, at)).length;
          }
          cursor = ids[ids.length - 1]!;
          await progress?.save(cursor);
        }
      },
    },
  ];
}

async function accountTimes(services: Services, ids: string[], now: Date): Promise<[string, Date][]> {
  const accounts = await services.db.account.findMany({ where: { id: { in: ids }, closedAt: null }, select: { id: true, clockOffsetMs: true } });
  return accounts.map((a) => [a.id, new Date(now.getTime() + Number(a.clockOffsetMs))]);
}
