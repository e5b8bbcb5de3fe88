// One-time links to the payment page. The token is shown once, to the requester only,
// and only its hash is stored. It is spent when a method is saved; a declined card gives
// it back (a few times) so the person can try another. Links expire after 15 minutes of
// real time: people, not sandbox clocks, read them.
import { createHash } from "node:crypto";
import type { Db } from "../data/database.ts";
import type { Clock } from "../core/clock.ts";
import { newId, newToken } from "../core/ids.ts";

export const LINK_TTL_MS = 15 * 60_000;
/** Declined attempts before a link is spent for good (card testing). */
export const MAX_FAILED_ATTEMPTS = 5;

export interface LinkRecord {
  id: string;
  accountId: string;
  requestedBy: string;
  expiresAt: Date;
  failedAttempts: number;
}

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export class PaymentLinks {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async issue(input: { accountId: string; personId?: string; requestedBy: string }): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken(24);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + LINK_TTL_MS);
    await this.db.paymentLink.create({
      data: { id: newId("pml"), accountId: input.accountId, personId: input.personId, requestedBy: input.requestedBy, tokenHash: hashOf(token), createdAt: now, expiresAt },
    });
    return { token, expiresAt };
  }

  /** The link a token opens, if it is still unused and unexpired. */
  async open(token: string): Promise<LinkRecord | undefined> {
    if (!token) return undefined;
    const link = await this.db.paymentLink.findUnique({
      where: { tokenHash: hashOf(token) },
      select: { id: true, accountId: true, requestedBy: true, expiresAt: true, failedAttempts: true, usedAt: true },
    });
    if (!link || link.usedAt || link.expiresAt <= this.clock.now()) return undefined;
    return link;
  }

  /** Takes the link for one submission; a second, concurrent submission finds it taken. */
  async claim(id: string): Promise<boolean> {
    const now = this.clock.now();
    const { count } = await this.db.paymentLink.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    return count === 1;
  }

  /** Gives a claimed link back after a refusal; returns false when it is now spent. */
  async release(id: string): Promise<boolean> {
    const link = await this.db.paymentLink.update({ where: { id }, data: { failedAttempts: { increment: 1 } }, select: { failedAttempts: true } });
    if (link.failedAttempts >= MAX_FAILED_ATTEMPTS) return false;
    await this.db.paymentLink.update({ where: { id }, data: { usedAt: null } });
    return true;
  }

  async complete(id: string, methodId: string): Promise<void> {
    await this.db.paymentLink.update({ where: { id }, data: { methodId } });
  }
}
