// DEMO mode: messages may go only to at most 10 verified destination numbers.
import type { Db } from "../data/database.ts";
import { UserError } from "../core/errors.ts";

export const MAX_DEMO_NUMBERS = 10;

export async function assertMayMessage(db: Db, account: { id: string; mode: string }, to: string): Promise<void> {
  if (account.mode !== "DEMO") return;
  const verified = await db.demoNumber.findFirst({ where: { accountId: account.id, phone: to, verifiedAt: { not: null } }, select: { id: true } });
  if (!verified) {
    throw new UserError("demo_destination", `In DEMO mode you can only message verified numbers, and ${to} is not one.`, {
      hint: `Verify it with \`demo numbers add ${to}\` (up to ${MAX_DEMO_NUMBERS}), or leave DEMO mode with a first payment (\`billing topup\`).`,
    });
  }
}
