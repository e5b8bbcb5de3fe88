// Every channel post goes through this table: written in the same transaction as the state
// change that caused it, delivered later by the dispatcher with retries. A dedupe key
// makes enqueueing idempotent, so a retried job or a second instance posts once.
import type { Db } from "../data/database.ts";
import type { Clock } from "../core/clock.ts";
import type { FileOut, Message } from "../core/view.ts";
import { POST_ACTION_TTL_MS, type ActionStore } from "../platform/action-store.ts";
import { attachActionRefs } from "../core/commands/action-refs.ts";
import { newId } from "../core/ids.ts";
import { storeOutboxFiles } from "./outbox-files.ts";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface OutboxPost {
  /** A full channel address: slack:T1:C1, discord:G1:C1, console:local:console. */
  channel: string;
  message: Message;
  /** The same key enqueues once: alert:<id>:v<version>, event:<id>:<channel>. */
  dedupeKey: string;
  /** The outbox id of an earlier post this one edits in place. */
  replaces?: string;
  /** Held back until then (quiet hours). */
  notBefore?: Date;
  /** Files the post carries (a chart), stored with it; an edit carries none. */
  files?: readonly FileOut[];
}

export class Outbox {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly actions: ActionStore,
  ) {}

  /**
   * Stores the message's button actions and returns it with their references. Done before
   * the transaction that enqueues it: the action store writes on its own connection.
   */
  async prepare(message: Message): Promise<Message> {
    const withRefs = await attachActionRefs({ visibility: "channel", message }, this.actions, POST_ACTION_TTL_MS);
    return withRefs.message!;
  }

  /** Enqueues outside any transaction. Returns the outbox id (the existing one for a repeated key). */
  async enqueue(post: OutboxPost): Promise<string> {
    const message = await this.prepare(post.message);
    return this.db.$transaction((tx) => this.enqueueIn(tx, { ...post, message }));
  }

  /** Enqueues inside the caller's transaction; the message must have been prepared. */
  async enqueueIn(tx: Tx, post: OutboxPost): Promise<string> {
    const now = this.clock.now();
    const payload = post.message as object;
    if (post.replaces && (await this.rewriteUnsent(tx, post.replaces, payload, now))) return post.replaces;
    const id = newId("out");
    const { count } = await tx.outboxMessage.createMany({
      data: [
        {
          id,
          channel: post.channel,
          dedupeKey: post.dedupeKey,
          payload,
          replacesId: post.replaces ?? null,
          nextAttemptAt: post.notBefore && post.notBefore > now ? post.notBefore : now,
          createdAt: now,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) {
      const existing = await tx.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: post.dedupeKey }, select: { id: true } });
      return existing.id;
    }
    if (post.files?.length && !post.replaces) await storeOutboxFiles(tx, id, post.files);
    // Only the newest edit matters: older edits still waiting are dropped.
    if (post.replaces) {
      await tx.outboxMessage.updateMany({
        where: { replacesId: post.replaces, status: "pending", id: { not: id }, ...unlocked(now) },
        data: { status: "superseded" },
      });
    }
    return id;
  }

  /** Stops a post that has not gone out yet (an alert resolved during quiet hours). */
  async cancelIfUnsent(tx: Tx, id: string): Promise<boolean> {
    const { count } = await tx.outboxMessage.updateMany({
      where: { id, status: "pending", ...unlocked(this.clock.now()) },
      data: { status: "cancelled" },
    });
    return count > 0;
  }

  async get(id: string) {
    return this.db.outboxMessage.findUnique({
      where: { id },
      select: { id: true, channel: true, status: true, attempts: true, platformRef: true, lastError: true, payload: true, sentAt: true },
    });
  }

  /** Delivery health of some channels, for `alerts status`. */
  async channelSummary(channels: string[], since: Date) {
    if (channels.length === 0) return { pending: 0, failed: [] as { channel: string; lastError: string | null; createdAt: Date }[] };
    const pending = await this.db.outboxMessage.count({ where: { channel: { in: channels }, status: "pending" } });
    const failed = await this.db.outboxMessage.findMany({
      where: { channel: { in: channels }, status: "failed", createdAt: { gte: since } },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { channel: true, lastError: true, createdAt: true },
    });
    return { pending, failed };
  }

  /** A post nobody is delivering right now is simply rewritten: one message instead of post + edit. */
  private async rewriteUnsent(tx: Tx, id: string, payload: object, now: Date): Promise<boolean> {
    const { count } = await tx.outboxMessage.updateMany({
      where: { id, status: "pending", platformRef: null, ...unlocked(now) },
      data: { payload },
    });
    return count > 0;
  }
}

const unlocked = (now: Date) => ({ OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] });
