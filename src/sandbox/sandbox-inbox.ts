// The sandbox's phone network: SMS and voice calls it "sends" are kept here for the user
// to read with `sandbox inbox`, clearly marked as simulated.
import type { Db } from "../data/database.ts";
import { newId } from "../core/ids.ts";

export class SandboxInbox {
  constructor(private readonly db: Db) {}

  async deliver(phone: string, kind: "sms" | "voice", text: string, at: Date): Promise<void> {
    await this.db.sandboxMessage.create({ data: { id: newId("sbm"), phone, kind, text, createdAt: at } });
  }

  async read(phones: string[], take = 10) {
    if (phones.length === 0) return [];
    return this.db.sandboxMessage.findMany({
      where: { phone: { in: phones } },
      orderBy: { createdAt: "desc" },
      take,
      select: { phone: true, kind: true, text: true, createdAt: true },
    });
  }
}
