// The sandbox's phone network: SMS and voice calls it "sends" are kept here for the user
// to read with `sandbox inbox`, clearly marked as simulated. A phone number says nothing
// about who may read a message (anyone can add any number as a demo number): each message
// is kept with the account it belongs to, or the identity that asked for a sign-up PIN.
import type { Db } from "../data/database.ts";
import { newId } from "../core/ids.ts";

export interface InboxOwner {
  accountId?: string;
  requestedBy?: string;
}

export class SandboxInbox {
  constructor(private readonly db: Db) {}

  async deliver(phone: string, kind: "sms" | "voice", text: string, at: Date, owner: InboxOwner): Promise<void> {
    await this.db.sandboxMessage.create({
      data: { id: newId("sbm"), phone, kind, text, accountId: owner.accountId, requestedBy: owner.requestedBy, createdAt: at },
    });
  }

  /** Messages of these accounts, and sign-up PINs this identity asked for. */
  async read(reader: { accountIds: string[]; identity: string }, take = 10) {
    return this.db.sandboxMessage.findMany({
      where: { OR: [{ accountId: { in: reader.accountIds } }, { accountId: null, requestedBy: reader.identity }] },
      orderBy: { createdAt: "desc" },
      take,
      select: { phone: true, kind: true, text: true, createdAt: true },
    });
  }
}
