// Hourly clean-up of rows whose work is done, so tables do not grow forever. Each kind is
// kept well past the point where anything could still read it. It also asserts that every
// account's maintained balance equals its ledger's sum.
import type { Services } from "../services.ts";
import type { JobDefinition } from "./job-runner.ts";
import { balanceMismatches } from "../billing/ledger-audit.ts";

const DAY_MS = 24 * 3600 * 1000;
/** Delivered or abandoned channel posts, answered idempotent requests, fanned-out events. */
export const KEEP_DONE_DAYS = 30;

export function housekeepingJob(services: Services): JobDefinition {
  return {
    name: "housekeeping",
    schedule: "7 * * * *",
    async run(now, log) {
      const { db } = services;
      const before = new Date(now.getTime() - KEEP_DONE_DAYS * DAY_MS);
      const expiredActions = await services.actions.purgeExpired();
      const { count: idempotency } = await db.idempotencyRecord.deleteMany({ where: { status: "done", createdAt: { lt: before } } });
      // A post stays while a live alert edits it or a waiting edit points at it.
      const outbox = await db.$executeRaw`
        DELETE FROM "OutboxMessage" o
        WHERE o."status" IN ('sent', 'failed', 'superseded') AND o."createdAt" < ${before}
          AND NOT EXISTS (SELECT 1 FROM "BalanceAlert" a WHERE a."liveMessageId" = o."id")
          AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" w WHERE w."replacesId" = o."id" AND w."status" = 'pending')`;
      // Events this old are behind the fan-out's watermark: their markers are no longer read.
      const fanouts = await db.$executeRaw`
        DELETE FROM "EventFanout" f USING "AccountEvent" e
        WHERE f."eventId" = e."id" AND e."at" < ${before}`;
      const { count: verifications } = await db.verification.deleteMany({ where: { expiresAt: { lt: before } } });
      // Chat surfaces' state with a time to live (such as who has opened Slack's App Home) reads as absent once expired.
      const { count: expiredState } = await db.keyValue.deleteMany({ where: { expiresAt: { lt: now } } });
      const mismatches = await balanceMismatches(db);
      if (mismatches.count > 0) log.error({ count: mismatches.count, sample: mismatches.sample }, "maintained balances differ from the ledger");
      // The embedded database gathers no planner statistics by itself: without them its
      // sweeps plan nested loops over full scans as tables grow.
      const analyzed = (await services.statistics.refreshIfEmbedded()) ? 1 : 0;
      return { expiredActions, idempotency, outbox, fanouts, verifications, expiredState, balanceMismatches: mismatches.count, analyzed };
    },
  };
}
