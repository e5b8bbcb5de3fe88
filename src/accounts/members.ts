// The users of an account as rows: who they are, their role and permissions. Access checks
// read them through the directory; the users commands change them here.
import type { Db } from "../data/database.ts";
import { newId } from "../core/ids.ts";
import { PERMISSIONS, type Permission } from "../core/commands/definition.ts";

export interface MemberListing {
  role: string;
  permissions: string[];
  person: { displayName: string; identities: { address: string }[] };
}

export class Members {
  constructor(private readonly db: Db) {}

  /** The account's current users, oldest first, with their chat identities. */
  list(accountId: string): Promise<MemberListing[]> {
    return this.db.member.findMany({
      where: { accountId, removedAt: null },
      select: { role: true, permissions: true, person: { select: { displayName: true, identities: { select: { address: true } } } } },
      orderBy: { createdAt: "asc" },
    });
  }

  /** The accounts a person is a current user of. */
  async accountIdsOf(personId: string): Promise<string[]> {
    const rows = await this.db.member.findMany({ where: { personId, removedAt: null }, select: { accountId: true } });
    return rows.map((row) => row.accountId);
  }

  /** Makes the person a secondary user with these permissions (again, if they were removed). */
  async join(accountId: string, personId: string, permissions: string[], at: Date): Promise<void> {
    await this.db.member.upsert({
      where: { accountId_personId: { accountId, personId } },
      create: { id: newId("mem"), accountId, personId, role: "secondary", permissions, createdAt: at },
      update: { removedAt: null, role: "secondary", permissions },
      select: { id: true },
    });
  }

  async setPermissions(memberId: string, permissions: Permission[]): Promise<void> {
    await this.db.member.update({ where: { id: memberId }, data: { permissions }, select: { id: true } });
  }

  async remove(memberId: string, at: Date): Promise<void> {
    await this.db.member.update({ where: { id: memberId }, data: { removedAt: at }, select: { id: true } });
  }

  /** Hands the primary role over in one transaction; the old primary keeps every permission. */
  async transferPrimary(fromMemberId: string, toMemberId: string): Promise<void> {
    await this.db.$transaction([
      this.db.member.update({ where: { id: fromMemberId }, data: { role: "secondary", permissions: [...PERMISSIONS] }, select: { id: true } }),
      this.db.member.update({ where: { id: toMemberId }, data: { role: "primary", permissions: [...PERMISSIONS] }, select: { id: true } }),
    ]);
  }
}
