// `users link`: one person on Slack and Discord. A one-time code, valid 15 minutes, typed
// on the other platform joins that identity to the person who asked for it.
import type { Db } from "../data/database.ts";
import { newId, newToken } from "../core/ids.ts";
import { UserError } from "../core/errors.ts";
import { hashCode } from "./invites.ts";

export const LINK_CODE_TTL_MS = 15 * 60 * 1000;

export class IdentityLinks {
  constructor(private readonly db: Db) {}

  async issue(personId: string, at: Date): Promise<{ code: string; expiresAt: Date }> {
    const code = newToken(6).toUpperCase().replace(/[^A-Z0-9]/g, "7").slice(0, 8);
    const expiresAt = new Date(at.getTime() + LINK_CODE_TTL_MS);
    await this.db.linkCode.create({ data: { codeHash: hashCode(code), personId, expiresAt } });
    return { code, expiresAt };
  }

  /** Joins `address` to the code's person; memberships of the identity's old person move over. */
  async redeem(code: string, address: string, displayName: string, at: Date): Promise<{ personId: string }> {
    const codeHash = hashCode(code.toUpperCase());
    const link = await this.db.linkCode.findUnique({ where: { codeHash }, select: { personId: true, expiresAt: true, usedAt: true } });
    if (!link || link.usedAt) throw new UserError("unknown_link_code", "That link code is not valid or was already used.", { hint: "Run `users link` again where you are already known." });
    if (link.expiresAt <= at) throw new UserError("link_code_expired", "That link code has expired (codes last 15 minutes).", { hint: "Run `users link` again." });
    const identity = await this.db.chatIdentity.findUnique({ where: { address }, select: { personId: true } });
    if (identity?.personId === link.personId) throw new UserError("already_linked", "This identity is already linked to you.");
    await this.db.$transaction(async (tx) => {
      const { count } = await tx.linkCode.updateMany({ where: { codeHash, usedAt: null }, data: { usedAt: at } });
      if (count === 0) throw new UserError("unknown_link_code", "That link code was already used.");
      if (!identity) {
        await tx.person.upsert({ where: { id: link.personId }, create: { id: link.personId, displayName }, update: {} });
        await tx.chatIdentity.create({ data: { id: `idn_${codeHash.slice(0, 16)}`, address, personId: link.personId } });
        return;
      }
      const old = identity.personId;
      const kept = await tx.member.findMany({ where: { personId: link.personId }, select: { accountId: true } });
      await tx.member.updateMany({
        where: { personId: old, accountId: { notIn: kept.map((m) => m.accountId) } },
        data: { personId: link.personId },
      });
      await tx.chatIdentity.updateMany({ where: { personId: old }, data: { personId: link.personId } });
    });
    return { personId: link.personId };
  }

  /** The chat identities of one person (each is an equal way in: there is no password). */
  async identitiesOf(personId: string): Promise<string[]> {
    const rows = await this.db.chatIdentity.findMany({ where: { personId }, select: { address: true }, orderBy: { address: "asc" } });
    return rows.map((r) => r.address);
  }

  /**
   * Cuts one of a person's identities off (a lost or taken-over chat account): it becomes
   * a stranger with no accounts, and link codes the person had not used yet stop working,
   * so a code asked for from the lost identity cannot bring it back.
   */
  async unlink(personId: string, address: string, at: Date): Promise<void> {
    const identity = await this.db.chatIdentity.findUnique({ where: { address }, select: { personId: true } });
    if (identity?.personId !== personId) {
      throw new UserError("not_your_identity", `${address} is not one of your linked identities.`, { hint: "Run `users unlink` to see yours." });
    }
    await this.db.$transaction(async (tx) => {
      const stranger = newId("per");
      const { displayName } = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { displayName: true } });
      await tx.person.create({ data: { id: stranger, displayName } });
      const { count } = await tx.chatIdentity.updateMany({ where: { address, personId }, data: { personId: stranger } });
      if (count === 0) throw new UserError("not_your_identity", `${address} is no longer linked to you.`);
      await tx.linkCode.updateMany({ where: { personId, usedAt: null }, data: { usedAt: at } });
    });
  }
}
