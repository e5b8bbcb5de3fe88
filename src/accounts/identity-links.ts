// `users link`: one person on Slack and Discord. A one-time code, valid 15 minutes, typed
// on the other platform joins that identity to the person who asked for it.
//
// Linking makes both sides one person: each gains the other's accounts and permissions.
// A code can be phished ("type this in Slack for me"), so nothing is linked on typing it:
// the identity that typed it sees both identities and what each would gain, and confirms;
// when the typing side would gain an account from the issuer, the issuer confirms as well.
// Whoever gives access away has therefore seen what the other gains before it happens.
import type { Db } from "../data/database.ts";
import { newId, newToken } from "../core/ids.ts";
import { UserError } from "../core/errors.ts";
import { hashCode } from "./invites.ts";

export const LINK_CODE_TTL_MS = 15 * 60 * 1000;
/** Once typed, the confirmations may take a while (the issuer may be away). */
export const LINK_CONFIRM_TTL_MS = 24 * 3600 * 1000;

export interface GainedAccount {
  accountId: string;
  companyName: string;
  role: string;
  permissions: string[];
}

export interface LinkPreview {
  /** The code's hash: what buttons refer to, never the code. */
  ref: string;
  issuerIdentities: string[];
  redeemer: string;
  issuerGains: GainedAccount[];
  redeemerGains: GainedAccount[];
  issuedBy?: string;
}

export type ConfirmOutcome =
  | { state: "linked"; preview: LinkPreview; personId: string }
  | { state: "waiting"; preview: LinkPreview; waitingFor: "issuer" | "redeemer" };

export class IdentityLinks {
  constructor(private readonly db: Db) {}

  async issue(personId: string, issuedBy: string, at: Date): Promise<{ code: string; expiresAt: Date }> {
    const code = newToken(6).toUpperCase().replace(/[^A-Z0-9]/g, "7").slice(0, 8);
    const expiresAt = new Date(at.getTime() + LINK_CODE_TTL_MS);
    await this.db.linkCode.create({ data: { codeHash: hashCode(code), personId, issuedBy, expiresAt } });
    return { code, expiresAt };
  }

  /** Typing the code: claims it for this identity and shows what linking would do. */
  async preview(code: string, address: string, displayName: string, at: Date): Promise<LinkPreview> {
    const codeHash = hashCode(code.toUpperCase());
    const link = await this.db.linkCode.findUnique({ where: { codeHash }, select: { personId: true, expiresAt: true, usedAt: true, redeemer: true } });
    if (!link || link.usedAt || (link.redeemer && link.redeemer !== address)) {
      throw new UserError("unknown_link_code", "That link code is not valid or was already used.", { hint: "Run `users link` again where you are already known." });
    }
    if (link.expiresAt <= at) throw new UserError("link_code_expired", "That link code has expired (codes last 15 minutes).", { hint: "Run `users link` again." });
    const identity = await this.db.chatIdentity.findUnique({ where: { address }, select: { personId: true } });
    if (identity?.personId === link.personId) throw new UserError("already_linked", "This identity is already linked to you.");
    const { count } = await this.db.linkCode.updateMany({
      where: { codeHash, usedAt: null, OR: [{ redeemer: null }, { redeemer: address }] },
      data: { redeemer: address, redeemerName: displayName, expiresAt: new Date(at.getTime() + LINK_CONFIRM_TTL_MS) },
    });
    if (count === 0) throw new UserError("unknown_link_code", "That link code is not valid or was already used.");
    return this.describe(codeHash);
  }

  /** A confirmation by either side; links once every side that gives access away has confirmed. */
  async confirm(ref: string, address: string, at: Date): Promise<ConfirmOutcome> {
    const link = await this.db.linkCode.findUnique({ where: { codeHash: ref } });
    if (!link || link.usedAt || !link.redeemer || link.expiresAt <= at) {
      throw new UserError("unknown_link_request", "That link request is not open any more.", { hint: "Run `users link` again to start over." });
    }
    const actor = await this.db.chatIdentity.findUnique({ where: { address }, select: { personId: true } });
    const side = address === link.redeemer ? "redeemer" : actor?.personId === link.personId ? "issuer" : undefined;
    if (!side) throw new UserError("not_your_link", "Only the two identities being linked can confirm this.");
    await this.db.linkCode.update({
      where: { codeHash: ref },
      data: side === "redeemer" ? { redeemerConfirmedAt: at } : { issuerConfirmedAt: at },
    });
    const preview = await this.describe(ref);
    const confirmed = await this.db.linkCode.findUniqueOrThrow({ where: { codeHash: ref }, select: { redeemerConfirmedAt: true, issuerConfirmedAt: true } });
    // Judged on what each side gains now, not when the code was typed.
    if (!confirmed.redeemerConfirmedAt) return { state: "waiting", preview, waitingFor: "redeemer" };
    if (preview.redeemerGains.length > 0 && !confirmed.issuerConfirmedAt) return { state: "waiting", preview, waitingFor: "issuer" };
    const personId = await this.join(ref, link.personId, link.redeemer, link.redeemerName ?? link.redeemer, at);
    return { state: "linked", preview, personId };
  }

  private async describe(codeHash: string): Promise<LinkPreview> {
    const link = await this.db.linkCode.findUniqueOrThrow({ where: { codeHash }, select: { personId: true, redeemer: true, issuedBy: true } });
    const redeemerPerson = (await this.db.chatIdentity.findUnique({ where: { address: link.redeemer! }, select: { personId: true } }))?.personId;
    const issuerAccounts = await this.accountsOf(link.personId);
    const redeemerAccounts = redeemerPerson ? await this.accountsOf(redeemerPerson) : [];
    const issuerIdentities = (await this.db.chatIdentity.findMany({ where: { personId: link.personId }, select: { address: true } })).map((i) => i.address);
    const has = (list: GainedAccount[], id: string) => list.some((a) => a.accountId === id);
    return {
      ref: codeHash,
      issuerIdentities,
      redeemer: link.redeemer!,
      issuedBy: link.issuedBy ?? issuerIdentities[0],
      issuerGains: redeemerAccounts.filter((a) => !has(issuerAccounts, a.accountId)),
      redeemerGains: issuerAccounts.filter((a) => !has(redeemerAccounts, a.accountId)),
    };
  }

  private async accountsOf(personId: string): Promise<GainedAccount[]> {
    const members = await this.db.member.findMany({
      where: { personId, removedAt: null },
      select: { accountId: true, role: true, permissions: true, account: { select: { companyName: true } } },
    });
    return members.map((m) => ({ accountId: m.accountId, companyName: m.account.companyName, role: m.role, permissions: m.permissions }));
  }

  /** Joins the redeeming identity (and its person's other identities) to the issuer's person. */
  private async join(codeHash: string, personId: string, address: string, displayName: string, at: Date): Promise<string> {
    const identity = await this.db.chatIdentity.findUnique({ where: { address }, select: { personId: true } });
    await this.db.$transaction(async (tx) => {
      const { count } = await tx.linkCode.updateMany({ where: { codeHash, usedAt: null }, data: { usedAt: at } });
      if (count === 0) throw new UserError("unknown_link_request", "That link request was already completed.");
      if (!identity) {
        await tx.person.upsert({ where: { id: personId }, create: { id: personId, displayName }, update: {} });
        await tx.chatIdentity.create({ data: { id: `idn_${codeHash.slice(0, 16)}`, address, personId } });
        return;
      }
      const old = identity.personId;
      const kept = await tx.member.findMany({ where: { personId }, select: { accountId: true } });
      await tx.member.updateMany({
        where: { personId: old, accountId: { notIn: kept.map((m) => m.accountId) } },
        data: { personId },
      });
      await tx.chatIdentity.updateMany({ where: { personId: old }, data: { personId } });
    });
    return personId;
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
