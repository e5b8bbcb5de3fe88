// Delivers due outbox rows. Each instance claims a batch with row locks (FOR UPDATE SKIP
// LOCKED) and a lease, so several instances on one PostgreSQL never post the same row at
// once, and a row claimed by an instance that died is picked up when its lease runs out.
import type { Db } from "../data/database.ts";
import type { Clock } from "../core/clock.ts";
import type { Logger } from "../platform/logger.ts";
import type { Message } from "../core/view.ts";
import { DeliveryError, platformOf } from "../core/channel-poster.ts";
import type { PosterRegistry } from "./poster-registry.ts";
import { defaultRetryPolicy, retryDelayMs, type RetryPolicy } from "./retry-policy.ts";
import { planEdit } from "./edit-plan.ts";
import { dropOutboxFiles, loadOutboxFiles } from "./outbox-files.ts";
import { recipesOf, type FileRecipes } from "./file-recipes.ts";

export interface ClaimedRow {
  id: string;
  channel: string;
  payload: unknown;
  replacesId: string | null;
  fileRecipes: unknown;
  attempts: number;
  firstAttemptAt: Date | null;
  createdAt: Date;
}

export interface DispatchStats {
  sent: number;
  retrying: number;
  failed: number;
  deferred: number;
}

export interface DispatcherOptions {
  policy?: RetryPolicy;
  batchSize?: number;
  /** How long a claim lasts: longer than any post takes, shorter than anyone would wait. */
  leaseMs?: number;
  /** Draws the files a post names by recipe (the balance chart); without it they are left out. */
  recipes?: FileRecipes;
}

export class OutboxDispatcher {
  private readonly policy: RetryPolicy;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly recipes?: FileRecipes;

  constructor(
    private readonly db: Db,
    private readonly posters: PosterRegistry,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly instanceId: string,
    options: DispatcherOptions = {},
  ) {
    this.policy = options.policy ?? defaultRetryPolicy;
    this.batchSize = options.batchSize ?? 20;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.recipes = options.recipes;
  }

  /** Delivers what is due now, batch after batch while batches come back full. */
  async dispatchDue(): Promise<DispatchStats> {
    const stats: DispatchStats = { sent: 0, retrying: 0, failed: 0, deferred: 0 };
    for (let round = 0; round < 10; round++) {
      const rows = await this.claim();
      for (const row of rows) await this.deliver(row, stats);
      if (rows.length < this.batchSize) break;
    }
    return stats;
  }

  private async claim(): Promise<ClaimedRow[]> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.leaseMs);
    const rows = await this.db.$queryRaw<ClaimedRow[]>`
      UPDATE "OutboxMessage"
      SET "lockedBy" = ${this.instanceId}, "lockedUntil" = ${until}, "attempts" = "attempts" + 1,
          "firstAttemptAt" = COALESCE("firstAttemptAt", ${now})
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage"
        WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
          AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
        ORDER BY "nextAttemptAt", "createdAt"
        LIMIT ${this.batchSize}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id", "channel", "payload", "replacesId", "fileRecipes", "attempts", "firstAttemptAt", "createdAt"`;
    // RETURNING keeps no order: a post must go out before its edits.
    return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  private async deliver(row: ClaimedRow, stats: DispatchStats): Promise<void> {
    let replaceRef: string | undefined;
    try {
      if (row.replacesId) {
        const plan = await planEdit(this.db, row, this.clock.now());
        if (plan.kind === "wait") {
          await this.finish(row, { nextAttemptAt: plan.until, attempts: { decrement: 1 }, firstAttemptAt: row.attempts === 1 ? null : undefined });
          stats.deferred++;
          return;
        }
        if (plan.kind === "drop") {
          await this.finish(row, { status: "superseded", lastError: plan.reason });
          return;
        }
        replaceRef = plan.ref;
      }
      const poster = this.posters.forChannel(row.channel);
      if (!poster) {
        throw new DeliveryError(`no chat adapter for "${platformOf(row.channel)}" is connected to this instance`, true);
      }
      // A new post carries its files (a chart); an edit of a live message keeps its text only.
      const stored = replaceRef ? [] : await loadOutboxFiles(this.db, row.id);
      const files = replaceRef ? [] : [...stored, ...(await this.drawn(row))];
      // A row tried before may have been posted by an attempt that died before recording it.
      const { ref } = await poster.post(row.channel, row.payload as Message, replaceRef, row.id, row.attempts > 1, files);
      await this.finish(row, { status: "sent", platformRef: ref, sentAt: this.clock.now(), lastError: null });
      if (stored.length) await dropOutboxFiles(this.db, row.id);
      if (row.replacesId && !replaceRef) await this.adoptAsLive(row.replacesId, ref);
      stats.sent++;
    } catch (error) {
      await this.recordFailure(row, error, stats);
    }
  }

  private async drawn(row: ClaimedRow) {
    const recipes = recipesOf(row.fileRecipes);
    if (recipes.length === 0) return [];
    if (!this.recipes) {
      this.log.warn({ outboxId: row.id }, "a post names files to draw but this dispatcher draws none; posting without them");
      return [];
    }
    return this.recipes.draw(recipes, this.log, { outboxId: row.id });
  }

  private async recordFailure(row: ClaimedRow, error: unknown, stats: DispatchStats): Promise<void> {
    const now = this.clock.now();
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 400);
    // Anything that is not a DeliveryError is unexpected: worth a bounded retry too.
    const retryable = error instanceof DeliveryError ? error.retryable : true;
    const retryAfterMs = error instanceof DeliveryError ? error.retryAfterMs : undefined;
    const next = new Date(now.getTime() + retryDelayMs(this.policy, row.attempts, retryAfterMs));
    const deadline = (row.firstAttemptAt ?? now).getTime() + this.policy.giveUpAfterMs;
    this.log.warn({ outboxId: row.id, channel: row.channel, attempt: row.attempts, reason }, "channel post failed");
    if (retryable && next.getTime() <= deadline) {
      await this.finish(row, { nextAttemptAt: next, lastError: reason });
      stats.retrying++;
      return;
    }
    const minutes = Math.round((now.getTime() - (row.firstAttemptAt ?? now).getTime()) / 60_000);
    const why = retryable ? `gave up after ${row.attempts} attempts over ${minutes} min: ${reason}` : `not retried: ${reason}`;
    await this.finish(row, { status: "failed", lastError: why.slice(0, 500) });
    stats.failed++;
  }

  /** Writes the outcome and releases the claim, if the claim is still ours. */
  private async finish(row: ClaimedRow, data: Parameters<Db["outboxMessage"]["updateMany"]>[0]["data"]): Promise<void> {
    const { count } = await this.db.outboxMessage.updateMany({
      where: { id: row.id, lockedBy: this.instanceId },
      data: { ...data, lockedBy: null, lockedUntil: null },
    });
    if (count === 0) this.log.warn({ outboxId: row.id }, "outbox claim expired before the post finished");
  }

  /** An edit whose original never went out was posted as a new message: later edits edit that one. */
  private async adoptAsLive(originalId: string, ref: string): Promise<void> {
    await this.db.outboxMessage.updateMany({ where: { id: originalId, platformRef: null }, data: { platformRef: ref } });
  }
}
