// Who is asking and for which account: chat identities → people → memberships, and which
// account a channel or workspace works on. Tenants never see each other: an account is
// reachable only from a workspace bound to it.
import type { Db } from "../data/database.ts";
import { newId } from "../core/ids.ts";
import { UserError } from "../core/errors.ts";

export const accountSelect = {
  id: true,
  provider: true,
  mode: true,
  apiKey: true,
  companyName: true,
  contactName: true,
  email: true,
  phone: true,
  displayCurrency: true,
  clockOffsetMs: true,
  createdAt: true,
} as const;

export interface AccountRecord {
  id: string;
  provider: string;
  mode: string;
  apiKey: string;
  companyName: string;
  contactName: string;
  email: string;
  phone: string | null;
  displayCurrency: string;
  clockOffsetMs: bigint;
  createdAt: Date;
}

export interface MemberRecord {
  id: string;
  accountId: string;
  personId: string;
  role: string;
  permissions: string[];
}

/** An account of a workspace as one person sees it there (see `AccountDirectory.workspaceAccountsOf`). */
export interface WorkspaceAccount {
  account: AccountRecord;
  /** The person is a user of the account (not removed). */
  isMember: boolean;
  /** The channel asked from has made it its default (`account use`). */
  isChannelDefault: boolean;
}

const memberSelect = { id: true, accountId: true, personId: true, role: true, permissions: true } as const;

/** Who asks and which account they reach, read in one statement (see `AccountDirectory.requester`). */
export interface Requester {
  personId: string | undefined;
  account: AccountRecord;
  member: MemberRecord | undefined;
}

interface RequesterRow extends Omit<AccountRecord, "id"> {
  personId: string | null;
  id: string | null;
  isChannelDefault: boolean | null;
  memberId: string | null;
  role: string | null;
  permissions: string[] | null;
}

/**
 * The open accounts among `ids`, in id order, in one raw statement: a sweep's batch of
 * hundreds (the query builder spends more CPU on a long IN list than the database does).
 */
export async function openAccountsByIds(db: Db, ids: readonly string[]): Promise<AccountRecord[]> {
  if (ids.length === 0) return [];
  return db.$queryRawUnsafe<AccountRecord[]>(
    `SELECT id, provider, mode, "apiKey", "companyName", "contactName", email, phone, "displayCurrency", "clockOffsetMs", "createdAt"
       FROM "Account" WHERE id = ANY($1::text[]) AND "closedAt" IS NULL ORDER BY id`,
    ids,
  );
}

export class AccountDirectory {
  constructor(private readonly db: Db) {}

  /**
   * The person behind `actor`, the account the command acts on and the person's membership
   * in it, in one statement: the identity, the workspace's open accounts (oldest binding
   * first), the channel's default and the memberships, instead of five round trips before
   * Slack hears back. Picks the account exactly as `resolve` does.
   */
  async requester(actor: string, workspace: string, channel: string, requested?: string): Promise<Requester> {
    const rows = await this.db.$queryRaw<RequesterRow[]>`
      SELECT i."personId", a.id, a.provider, a.mode, a."apiKey", a."companyName", a."contactName", a.email, a.phone,
             a."displayCurrency", a."clockOffsetMs", a."createdAt", (d."accountId" = a.id) AS "isChannelDefault",
             m.id AS "memberId", m.role, m.permissions
      FROM (SELECT 1) AS one
      LEFT JOIN "ChatIdentity" i ON i.address = ${actor}
      LEFT JOIN ("WorkspaceBinding" b JOIN "Account" a ON a.id = b."accountId" AND a."closedAt" IS NULL) ON b.workspace = ${workspace}
      LEFT JOIN "ChannelDefault" d ON d.channel = ${channel}
      LEFT JOIN "Member" m ON m."accountId" = a.id AND m."personId" = i."personId" AND m."removedAt" IS NULL
      ORDER BY b."createdAt", b.id`;
    const personId = rows[0]?.personId ?? undefined;
    const found = rows.filter((row): row is RequesterRow & { id: string } => row.id !== null);
    const accounts = found.map(({ personId: _p, isChannelDefault: _d, memberId: _m, role: _r, permissions: _perm, ...account }) => account);
    const preferred = found.find((row) => row.isChannelDefault)?.id;
    const account = pickAccount(accounts, requested, preferred);
    const row = found.find((r) => r.id === account.id)!;
    const member =
      row.memberId && personId
        ? { id: row.memberId, accountId: account.id, personId, role: row.role!, permissions: row.permissions ?? [] }
        : undefined;
    return { personId, account, member };
  }

  async personFor(address: string): Promise<string | undefined> {
    // Raw: every command asks this before anything else, and a raw statement costs half the CPU of the query builder's.
    const rows = await this.db.$queryRaw<{ personId: string }[]>`SELECT "personId" FROM "ChatIdentity" WHERE address = ${address}`;
    return rows[0]?.personId;
  }

  /** The person behind a chat identity, created on first use. */
  async ensurePerson(address: string, displayName: string): Promise<string> {
    const existing = await this.personFor(address);
    if (existing) return existing;
    const personId = newId("per");
    await this.db.$transaction([
      this.db.person.create({ data: { id: personId, displayName } }),
      this.db.chatIdentity.create({ data: { id: newId("idn"), address, personId } }),
    ]);
    return personId;
  }

  async membership(accountId: string, personId: string | undefined): Promise<MemberRecord | undefined> {
    if (!personId) return undefined;
    const member = await this.db.member.findFirst({
      where: { accountId, personId, removedAt: null },
      select: memberSelect,
    });
    return member ?? undefined;
  }

  async accountsOfWorkspace(workspace: string): Promise<AccountRecord[]> {
    const bindings = await this.db.workspaceBinding.findMany({
      where: { workspace, account: { closedAt: null } },
      select: { account: { select: accountSelect } },
      orderBy: { createdAt: "asc" },
    });
    return bindings.map((b) => b.account);
  }

  /**
   * The workspace's open accounts (oldest binding first), each marked with whether the
   * person uses it and whether it is the channel's default, in one statement: the home
   * dashboard lists them all, and would otherwise ask about each one in turn.
   */
  async workspaceAccountsOf(workspace: string, personId: string | undefined, channel: string): Promise<WorkspaceAccount[]> {
    const rows = await this.db.$queryRaw<(AccountRecord & { isMember: boolean; isChannelDefault: boolean })[]>`
      SELECT a.id, a.provider, a.mode, a."apiKey", a."companyName", a."contactName", a.email, a.phone,
             a."displayCurrency", a."clockOffsetMs", a."createdAt",
             (m.id IS NOT NULL) AS "isMember", (d."accountId" IS NOT NULL) AS "isChannelDefault"
      FROM "WorkspaceBinding" b
      JOIN "Account" a ON a.id = b."accountId" AND a."closedAt" IS NULL
      LEFT JOIN "Member" m ON m."accountId" = a.id AND m."personId" = ${personId ?? null} AND m."removedAt" IS NULL
      LEFT JOIN "ChannelDefault" d ON d.channel = ${channel} AND d."accountId" = a.id
      WHERE b.workspace = ${workspace}
      ORDER BY b."createdAt", b.id`;
    return rows.map(({ isMember, isChannelDefault, ...account }) => ({ account, isMember, isChannelDefault }));
  }

  async bindWorkspace(workspace: string, accountId: string): Promise<void> {
    await this.db.workspaceBinding.upsert({
      where: { workspace_accountId: { workspace, accountId } },
      create: { id: newId("wsb"), workspace, accountId },
      update: {},
    });
  }

  /** How many workspaces use the account. */
  workspaceCount(accountId: string): Promise<number> {
    return this.db.workspaceBinding.count({ where: { accountId } });
  }

  async setChannelDefault(channel: string, accountId: string): Promise<void> {
    await this.db.channelDefault.upsert({ where: { channel }, create: { channel, accountId }, update: { accountId } });
  }

  /**
   * The account a command acts on: the `account:` option (id, API key or company name),
   * else the channel's default, else the workspace's only account.
   */
  async resolve(workspace: string, channel: string, requested?: string): Promise<AccountRecord> {
    const accounts = await this.accountsOfWorkspace(workspace);
    if (accounts.length === 0 || requested) return pickAccount(accounts, requested, undefined);
    const channelDefault = await this.db.channelDefault.findUnique({ where: { channel }, select: { accountId: true } });
    return pickAccount(accounts, requested, channelDefault?.accountId);
  }
}

/**
 * The account a command acts on: the `account:` option (id, API key or company name),
 * else the channel's default, else the workspace's only account.
 */
function pickAccount(accounts: AccountRecord[], requested: string | undefined, channelDefault: string | undefined): AccountRecord {
  if (accounts.length === 0) {
    throw new UserError(
      "no_account",
      "This workspace has no Switchboard account yet.",
      { hint: "Run `account signup` to create a sandbox account, or `account link` to connect a Vonage account." },
    );
  }
  if (requested) {
    const wanted = requested.trim().toLowerCase();
    const exact = accounts.find(
      (a) => a.id.toLowerCase() === wanted || a.apiKey.toLowerCase() === wanted || a.companyName.toLowerCase() === wanted,
    );
    // "account:acme" finds "Acme Ltd" when no other account's name starts the same way.
    const byPrefix = accounts.filter((a) => a.companyName.toLowerCase().startsWith(wanted));
    const found = exact ?? (byPrefix.length === 1 ? byPrefix[0] : undefined);
    if (!found) {
      throw new UserError("unknown_account", `No account "${requested}" is used in this workspace.`, {
        hint: `Accounts here: ${accounts.map((a) => `${a.companyName} (${a.apiKey})`).join(", ")}.`,
      });
    }
    return found;
  }
  const preferred = accounts.find((a) => a.id === channelDefault);
  if (preferred) return preferred;
  if (accounts.length === 1) return accounts[0]!;
  throw new UserError("ambiguous_account", "This workspace uses several accounts and this channel has no default.", {
    hint: `Add account:<api key> to the command, or run \`account use <api key>\` here. Accounts: ${accounts
      .map((a) => `${a.companyName} (${a.apiKey})`)
      .join(", ")}.`,
  });
}
