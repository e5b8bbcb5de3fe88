// The sandbox's phone network: SMS and voice calls it "sends" are kept here for the user
// to read with `sandbox inbox`, clearly marked as simulated.
import type { Db } from "../data/database.ts";
import { newId } from "../core/ids.ts";

export class SandboxInbox {
  constructor(private readonly db: Db) {}

  /** `accountId`: the account whose API sent it (`sms send`), whose users then see it. */
  async deliver(phone: string, kind: "sms" | "voice", text: string, at: Date, accountId?: string): Promise<void> {
    await this.db.sandboxMessage.create({ data: { id: newId("sbm"), phone, kind, text, createdAt: at, accountId } });
  }

  /** The latest messages to these phones or sent by these accounts. */
  async read(phones: string[], accountIds: string[] = [], take = 10) {
    if (phones.length === 0 && accountIds.length === 0) return [];
    return this.db.sandboxMessage.findMany({
      where: { OR: [{ phone: { in: phones } }, { accountId: { in: accountIds } }] },
      orderBy: { createdAt: "desc" },
      take,
      select: { phone: true, kind: true, text: true, createdAt: true },
    });
  }
}
