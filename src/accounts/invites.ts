// Invitations to an account: sent as a direct message with Accept and Decline, valid for a
// configurable number of days, answered only by the invited chat identity. Because only
// the invitee can answer, the invitation's id is all a button or a typed answer needs:
// no code is handed out, so none can sit in stored buttons, outbox rows or replies.
// Codes handed out before this change are still accepted (by their hash).
import { createHash } from "node:crypto";
import type { Db } from "../data/database.ts";
import { newId, newToken } from "../core/ids.ts";
import { UserError } from "../core/errors.ts";
import type { Permission } from "../core/commands/definition.ts";

export const hashCode = (code: string) => createHash("sha256").update(code.trim()).digest("hex");

export interface NewInvite {
  accountId: string;
  invitee: string;
  permissions: Permission[];
  invitedBy: string;
  at: Date;
  ttlDays: number;
}

export class Invites {
  constructor(private readonly db: Db) {}

  async create(input: NewInvite): Promise<{ id: string; expiresAt: Date }> {
    // The unique hash column predates references; it holds the hash of a code nobody sees.
    const code = newToken(9);
    const id = newId("inv");
    const expiresAt = new Date(input.at.getTime() + input.ttlDays * 24 * 3600 * 1000);
    await this.db.$transaction([
      this.db.invite.updateMany({
        where: { accountId: input.accountId, invitee: input.invitee, status: "pending" },
        data: { status: "revoked", answeredAt: input.at },
      }),
      this.db.invite.create({
        data: {
          id,
          accountId: input.accountId,
          invitee: input.invitee,
          permissions: input.permissions,
          codeHash: hashCode(code),
          invitedBy: input.invitedBy,
          expiresAt,
          createdAt: input.at,
        },
      }),
    ]);
    return { id, expiresAt };
  }

  async accountOf(reference: string): Promise<string | undefined> {
    const invite = await this.db.invite.findUnique({ where: whereReference(reference), select: { accountId: true } });
    return invite?.accountId;
  }

  /** The pending invite behind a reference (its id, or an old code), checked against who answers and when. */
  async open(reference: string, answeredBy: string, at: Date) {
    const invite = await this.db.invite.findUnique({
      where: whereReference(reference),
      select: { id: true, accountId: true, invitee: true, permissions: true, status: true, expiresAt: true, invitedBy: true },
    });
    if (!invite || invite.invitee !== answeredBy) {
      throw new UserError("unknown_invite", "That invitation code is not valid for you.", {
        hint: "Invitations are personal: ask for one addressed to you (`users invite @you`).",
      });
    }
    if (invite.status !== "pending") throw new UserError("invite_answered", `That invitation was already ${invite.status}.`);
    if (invite.expiresAt <= at) {
      throw new UserError("invite_expired", "That invitation has expired.", { hint: "Ask for a new one." });
    }
    return invite;
  }

  async answer(id: string, status: "accepted" | "declined", at: Date): Promise<boolean> {
    const { count } = await this.db.invite.updateMany({ where: { id, status: "pending" }, data: { status, answeredAt: at } });
    return count === 1;
  }

  /** For `sandbox advance` and housekeeping: invitations past their date become expired. */
  async expireDue(accountId: string, at: Date): Promise<number> {
    const { count } = await this.db.invite.updateMany({
      where: { accountId, status: "pending", expiresAt: { lte: at } },
      data: { status: "expired", answeredAt: at },
    });
    return count;
  }

  /** Invitations of the account still waiting for an answer. */
  pendingCount(accountId: string): Promise<number> {
    return this.db.invite.count({ where: { accountId, status: "pending" } });
  }

  async nextExpiry(accountId: string, after: Date, until: Date): Promise<Date | undefined> {
    const next = await this.db.invite.findFirst({
      where: { accountId, status: "pending", expiresAt: { gt: after, lte: until } },
      orderBy: { expiresAt: "asc" },
      select: { expiresAt: true },
    });
    return next?.expiresAt;
  }
}

const whereReference = (reference: string) =>
  reference.trim().startsWith("inv_") ? { id: reference.trim() } : { codeHash: hashCode(reference) };

/** A person's direct-message address: slack:T1:U2 → slack:T1:@U2 (the posters open the DM). */
export function directMessageAddress(address: string): string {
  const [platform, workspace, user] = address.split(":");
  return `${platform}:${workspace}:@${user}`;
}
