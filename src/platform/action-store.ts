// Button actions are stored and referenced by a short token: it fits Discord's 100-character
// custom_id and Slack's button value, and the token is the idempotency key of the click.
import type { Db } from "../data/database.ts";
import type { Clock } from "../core/clock.ts";
import type { Action } from "../core/view.ts";
import { newToken } from "../core/ids.ts";

const DAY_MS = 24 * 3600 * 1000;
/** Buttons of a reply: long enough for anyone to come back to it. */
export const REPLY_ACTION_TTL_MS = 7 * DAY_MS;
/** Buttons of a channel post (a live alert may sit unchanged for weeks). */
export const POST_ACTION_TTL_MS = 120 * DAY_MS;

interface ActionRow {
  id: string;
  action: Action;
  createdAt: Date;
  expiresAt: Date;
}

/** Where a message's actions are stored: the store itself, or a collector of a batch. */
export type ActionSink = Pick<ActionStore, "putMany">;

export interface ActionCollector extends ActionSink {
  /** Writes what was collected; the references handed out are valid once it resolves. */
  flush(): Promise<void>;
}

export class ActionStore {
  /** Rows `putManyAfter` has handed out references for and not yet written, by reference. */
  private readonly writing = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async put(action: Action, ttlMs = REPLY_ACTION_TTL_MS): Promise<string> {
    const id = newToken(12);
    const now = this.clock.now();
    await this.db.actionRef.create({
      data: { id, action: action as object, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) },
    });
    return id;
  }

  /** Stores several actions in one statement (a message's buttons); references in the same order. */
  async putMany(actions: Action[], ttlMs = REPLY_ACTION_TTL_MS): Promise<string[]> {
    if (actions.length === 0) return [];
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ttlMs);
    const rows = actions.map((action) => ({ id: newToken(12), action, createdAt: now, expiresAt }));
    await this.insert(rows);
    return rows.map((r) => r.id);
  }

  /**
   * A sink that hands out references at once and writes every action it was given in one
   * insert on `flush`: the button actions of a whole sweep batch's posts in one statement.
   */
  collector(): ActionCollector {
    const rows: ActionRow[] = [];
    const now = this.clock.now();
    return {
      putMany: async (actions, ttlMs = REPLY_ACTION_TTL_MS) => {
        const expiresAt = new Date(now.getTime() + ttlMs);
        const added = actions.map((action) => ({ id: newToken(12), action, createdAt: now, expiresAt }));
        rows.push(...added);
        return added.map((r) => r.id);
      },
      flush: async () => {
        const written = rows.splice(0, rows.length);
        await this.insert(written);
      },
    };
  }

  /**
   * References now, rows written just after: the write waits for the current turn of the
   * event loop, so a reply's acknowledgement leaves before its buttons' insert runs. A click
   * that reaches this instance first waits for the write (`get`); one that reaches another
   * instance comes a human's reaction later. If the write fails the buttons answer "expired".
   */
  putManyAfter(actions: Action[], ttlMs = REPLY_ACTION_TTL_MS): { refs: string[]; written: Promise<void> } {
    if (actions.length === 0) return { refs: [], written: Promise.resolve() };
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ttlMs);
    const rows = actions.map((action) => ({ id: newToken(12), action, createdAt: now, expiresAt }));
    const written = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.insert(rows))
      .finally(() => rows.forEach((row) => this.writing.delete(row.id)));
    for (const row of rows) this.writing.set(row.id, written);
    return { refs: rows.map((r) => r.id), written };
  }

  /** Waits for every write `putManyAfter` started (before the database closes). */
  async settle(): Promise<void> {
    await Promise.allSettled([...new Set(this.writing.values())]);
  }

  /**
   * One statement for any number of rows, as one JSON document: Prisma's createMany spent
   * ~1 s of CPU on 600 rows (a parameter per column per row), and a text[] of actions is
   * escaped element by element.
   */
  private async insert(rows: readonly ActionRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.$executeRawUnsafe(
      `INSERT INTO "ActionRef" (id, action, "createdAt", "expiresAt")
       SELECT v.id, v.action, v.created, v.expires FROM jsonb_to_recordset($1::jsonb) AS v(id text, action jsonb, created timestamp, expires timestamp)`,
      JSON.stringify(rows.map((r) => ({ id: r.id, action: r.action, created: r.createdAt.toISOString(), expires: r.expiresAt.toISOString() }))),
    );
  }

  async get(id: string): Promise<Action | undefined> {
    await this.writing.get(id)?.catch(() => {});
    const row = await this.db.actionRef.findUnique({ where: { id }, select: { action: true, expiresAt: true } });
    if (!row || row.expiresAt < this.clock.now()) return undefined;
    return row.action as unknown as Action;
  }

  async purgeExpired(): Promise<number> {
    const { count } = await this.db.actionRef.deleteMany({ where: { expiresAt: { lt: this.clock.now() } } });
    return count;
  }
}
