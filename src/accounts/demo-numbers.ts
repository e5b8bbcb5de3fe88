// DEMO mode: messages may go only to at most 10 verified destination numbers.
import type { Db } from "../data/database.ts";
import { UserError } from "../core/errors.ts";
import { newId } from "../core/ids.ts";

export const MAX_DEMO_NUMBERS = 10;

export interface DemoNumber {
  phone: string;
  verifiedAt: Date | null;
}

const demoNumberSelect = { phone: true, verifiedAt: true } as const;

export class DemoNumbers {
  constructor(private readonly db: Db) {}

  /** The account's demo numbers, oldest first. */
  list(accountId: string): Promise<DemoNumber[]> {
    return this.db.demoNumber.findMany({ where: { accountId }, select: demoNumberSelect, orderBy: { createdAt: "asc" } });
  }

  /** Adds a number waiting for its PIN; adding one already there changes nothing. */
  async add(accountId: string, phone: string, at: Date): Promise<void> {
    await this.db.demoNumber.upsert({
      where: { accountId_phone: { accountId, phone } },
      create: { id: newId("dem"), accountId, phone, createdAt: at },
      update: {},
      select: { id: true },
    });
  }

  async markVerified(accountId: string, phone: string, at: Date): Promise<void> {
    await this.db.demoNumber.update({ where: { accountId_phone: { accountId, phone } }, data: { verifiedAt: at }, select: { id: true } });
  }

  /** Whether a number was there to remove. */
  async remove(accountId: string, phone: string): Promise<boolean> {
    const { count } = await this.db.demoNumber.deleteMany({ where: { accountId, phone } });
    return count > 0;
  }

  async assertMayMessage(account: { id: string; mode: string }, to: string): Promise<void> {
    if (account.mode !== "DEMO") return;
    const verified = await this.db.demoNumber.findFirst({ where: { accountId: account.id, phone: to, verifiedAt: { not: null } }, select: { id: true } });
    if (!verified) {
      throw new UserError("demo_destination", `In DEMO mode you can only message verified numbers, and ${to} is not one.`, {
        hint: `Verify it with \`demo numbers add ${to}\` (up to ${MAX_DEMO_NUMBERS}), or leave DEMO mode with a first payment (\`billing topup\`).`,
      });
    }
  }
}
