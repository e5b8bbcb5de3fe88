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

const memberSelect = { id: true, accountId: true, personId: true, role: true, permissions: true } as const;

export class AccountDirectory {
  constructor(private readonly db: Db) {}

  async personFor(address: string): Promise<string | undefined> {
    const identity = await this.db.chatIdentity.findUnique({ where: { address }, select: { personId: true } });
    return identity?.personId;
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
    const channelDefault = await this.db.channelDefault.findUnique({ where: { channel }, select: { accountId: true } });
    const preferred = accounts.find((a) => a.id === channelDefault?.accountId);
    if (preferred) return preferred;
    if (accounts.length === 1) return accounts[0]!;
    throw new UserError("ambiguous_account", "This workspace uses several accounts and this channel has no default.", {
      hint: `Add account:<api key> to the command, or run \`account use <api key>\` here. Accounts: ${accounts
        .map((a) => `${a.companyName} (${a.apiKey})`)
        .join(", ")}.`,
    });
  }
}
