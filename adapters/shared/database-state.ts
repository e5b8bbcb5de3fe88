// The chat adapters' StateStore on the KeyValue table, so every instance sharing the
// database sees the same state.
import type { Db } from "../../src/data/database.ts";
import type { StateStore } from "./chat-host.ts";

export class DatabaseState implements StateStore {
  constructor(private readonly db: Db) {}

  async get<T>(key: string): Promise<T | undefined> {
    const row = await this.db.keyValue.findUnique({ where: { key }, select: { value: true } });
    return (row?.value ?? undefined) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    const json = value as object;
    await this.db.keyValue.upsert({ where: { key }, create: { key, value: json }, update: { value: json } });
  }

  async delete(key: string): Promise<void> {
    await this.db.keyValue.deleteMany({ where: { key } });
  }
}
