// The chat adapters' StateStore on the KeyValue table, so every instance sharing the
// database sees the same state. An expired key reads as absent at once; housekeeping
// deletes it later.
import type { Clock } from "../../src/core/clock.ts";
import type { Db } from "../../src/data/database.ts";
import type { StateStore } from "./chat-host.ts";

export class DatabaseState implements StateStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    const row = await this.db.keyValue.findFirst({
      where: { key, OR: [{ expiresAt: null }, { expiresAt: { gt: this.clock.now() } }] },
      select: { value: true },
    });
    return (row?.value ?? undefined) as T | undefined;
  }

  async set(key: string, value: unknown, options: { ttlMs?: number } = {}): Promise<void> {
    const json = value as object;
    const expiresAt = options.ttlMs === undefined ? null : new Date(this.clock.now().getTime() + options.ttlMs);
    await this.db.keyValue.upsert({ where: { key }, create: { key, value: json, expiresAt }, update: { value: json, expiresAt } });
  }

  async delete(key: string): Promise<void> {
    await this.db.keyValue.deleteMany({ where: { key } });
  }
}
