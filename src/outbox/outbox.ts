// Every channel post goes through this table: written in the same transaction as the state
// change that caused it, delivered later by the dispatcher with retries. A dedupe key
// makes enqueueing idempotent, so a retried job or a second instance posts once.
import type { Db } from "../data/database.ts";
import type { Clock } from "../core/clock.ts";
import type { Message, ReadyFile } from "../core/view.ts";
import { POST_ACTION_TTL_MS, type ActionStore } from "../platform/action-store.ts";
import { attachActionRefs } from "../core/commands/action-refs.ts";
import { newId } from "../core/ids.ts";
import { storeOutboxFiles } from "./outbox-files.ts";
import type { FileRecipe } from "./file-recipes.ts";

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
  /** Files the post carries, stored with it; an edit carries none. */
  files?: readonly ReadyFile[];
  /** Files drawn when the post is delivered (file-recipes.ts); an edit carries none. */
  draw?: readonly FileRecipe[];
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
    return (await this.prepareMany([message]))[0]!;
  }

  /** The same for many messages, with every button action of all of them in one insert. */
  async prepareMany(messages: readonly Message[]): Promise<Message[]> {
    const collector = this.actions.collector();
    const prepared = await Promise.all(messages.map((message) => attachActionRefs({ visibility: "channel", message }, collector, POST_ACTION_TTL_MS)));
    await collector.flush();
    return prepared.map((reply) => reply.message!);
  }

  /** Enqueues outside any transaction. Returns the outbox id (the existing one for a repeated key). */
  async enqueue(post: OutboxPost): Promise<string> {
    const message = await this.prepare(post.message);
    return this.db.$transaction((tx) => this.enqueueIn(tx, { ...post, message }));
  }

  /** Enqueues inside the caller's transaction; the message must have been prepared. */
  async enqueueIn(tx: Tx, post: OutboxPost): Promise<string> {
    return (await this.enqueueManyIn(tx, [post]))[0]!;
  }

  /**
   * Enqueues several posts inside the caller's transaction, a statement per step whatever
   * their number (a sweep batch's alerts); ids in the posts' order. Each post is treated as
   * `enqueueIn` always treated one: an edit of a post nobody is delivering yet rewrites it,
   * a repeated dedupe key returns the existing id, and a new edit supersedes older edits of
   * the same post still waiting. Dedupe keys, and the posts edits replace, must differ.
   */
  async enqueueManyIn(tx: Tx, posts: readonly OutboxPost[]): Promise<string[]> {
    if (posts.length === 0) return [];
    assertDistinct(posts.map((p) => p.dedupeKey), "dedupe key");
    assertDistinct(posts.flatMap((p) => (p.replaces ? [p.replaces] : [])), "replaced post");
    const now = this.clock.now();
    const ids: (string | undefined)[] = posts.map(() => undefined);
    const edits = posts.filter((p) => p.replaces);
    // A post nobody is delivering right now is simply rewritten: one message instead of post + edit.
    const rewritten = await rewriteUnsent(tx, edits, now);
    posts.forEach((p, i) => p.replaces && rewritten.has(p.replaces) && (ids[i] = p.replaces));
    const rows = posts.flatMap((post, i) => (ids[i] === undefined ? [{ post, i, id: newId("out") }] : []));
    if (rows.length === 0) return ids as string[];
    const inserted = await insertPosts(tx, rows, now);
    const existing = await idsOfKeys(tx, rows.filter((r) => !inserted.has(r.id)).map((r) => r.post.dedupeKey));
    for (const { post, i, id } of rows) ids[i] = inserted.has(id) ? id : existing.get(post.dedupeKey);
    const fresh = rows.filter((r) => inserted.has(r.id));
    await storeOutboxFiles(tx, fresh.flatMap(({ post, id }) => (post.files?.length && !post.replaces ? [{ outboxId: id, files: post.files }] : [])));
    // Only the newest edit matters: older edits still waiting are dropped.
    await supersedeOlderEdits(tx, fresh.filter((r) => r.post.replaces), now);
    return ids.map((id, i) => id ?? missing(posts[i]!.dedupeKey));
  }

  /** Stops a post that has not gone out yet (an alert resolved during quiet hours). */
  async cancelIfUnsent(tx: Tx, id: string): Promise<boolean> {
    return (await this.cancelManyIfUnsent(tx, [id])).has(id);
  }

  /** The same for several posts, in one statement: the ids it stopped. */
  async cancelManyIfUnsent(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE "OutboxMessage" SET status = 'cancelled'
        WHERE id = ANY($1::text[]) AND status = 'pending' AND ${unlockedAt2()}
        RETURNING id`,
      ids,
      this.clock.now().toISOString(),
    );
    return new Set(rows.map((r) => r.id));
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
}

/** Nobody is delivering the row: no claim, or one that ran out before $2 (each statement's now). */
const unlockedAt2 = (row = "") => `(${row}"lockedUntil" IS NULL OR ${row}"lockedUntil" < $2::timestamp)`;

type Row = { post: OutboxPost; id: string };

// The batch's rows travel as one JSON document (jsonb_to_recordset): a text[] parameter of
// payloads is escaped element by element into an array literal, which was a sixth of the
// sweep's allocations.

async function rewriteUnsent(tx: Tx, edits: readonly OutboxPost[], now: Date): Promise<Set<string>> {
  if (edits.length === 0) return new Set();
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE "OutboxMessage" o SET payload = v.payload
       FROM jsonb_to_recordset($1::jsonb) AS v(id text, payload jsonb)
      WHERE o.id = v.id AND o.status = 'pending' AND o."platformRef" IS NULL AND ${unlockedAt2("o.")}
      RETURNING o.id`,
    JSON.stringify(edits.map((e) => ({ id: e.replaces!, payload: e.message }))),
    now.toISOString(),
  );
  return new Set(rows.map((r) => r.id));
}

/** Inserts the rows whose dedupe key is new; returns the ids it inserted. */
async function insertPosts(tx: Tx, rows: readonly Row[], now: Date): Promise<Set<string>> {
  const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO "OutboxMessage" (id, channel, "dedupeKey", payload, "replacesId", "fileRecipes", "nextAttemptAt", "createdAt")
     SELECT v.id, v.channel, v.key, v.payload, v.replaces, v.recipes, v.next, $2::timestamp
       FROM jsonb_to_recordset($1::jsonb) AS v(id text, channel text, key text, payload jsonb, replaces text, recipes jsonb, next timestamp)
     ON CONFLICT ("dedupeKey") DO NOTHING
     RETURNING id`,
    JSON.stringify(
      rows.map(({ id, post }) => ({
        id,
        channel: post.channel,
        key: post.dedupeKey,
        payload: post.message,
        replaces: post.replaces ?? null,
        recipes: post.draw?.length && !post.replaces ? post.draw : null,
        next: (post.notBefore && post.notBefore > now ? post.notBefore : now).toISOString(),
      })),
    ),
    now.toISOString(),
  );
  return new Set(inserted.map((r) => r.id));
}

async function idsOfKeys(tx: Tx, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<{ id: string; dedupeKey: string }[]>(`SELECT id, "dedupeKey" FROM "OutboxMessage" WHERE "dedupeKey" = ANY($1::text[])`, keys);
  return new Map(rows.map((r) => [r.dedupeKey, r.id]));
}

async function supersedeOlderEdits(tx: Tx, edits: readonly Row[], now: Date): Promise<void> {
  if (edits.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE "OutboxMessage" o SET status = 'superseded'
       FROM unnest($1::text[], $3::text[]) AS v(replaces, id)
      WHERE o."replacesId" = v.replaces AND o.status = 'pending' AND o.id <> v.id AND ${unlockedAt2("o.")}`,
    edits.map((e) => e.post.replaces!),
    now.toISOString(),
    edits.map((e) => e.id),
  );
}

function assertDistinct(values: readonly string[], what: string): void {
  if (new Set(values).size !== values.length) throw new Error(`enqueueManyIn: each post needs its own ${what}`);
}

function missing(dedupeKey: string): never {
  throw new Error(`outbox row ${dedupeKey} vanished while being enqueued`);
}
