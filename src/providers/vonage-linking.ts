// Linking a real Vonage account to Switchboard, and forgetting it again. Credentials are
// verified with a balance call before anything is stored; the secret is kept sealed.
import type { Db } from "../data/database.ts";
import { withAccountLock } from "../billing/account-lock.ts";
import type { SecretBox } from "../platform/secret-box.ts";
import { accountSelect, type AccountDirectory, type AccountRecord } from "../accounts/directory.ts";
import { PERMISSIONS } from "../core/commands/definition.ts";
import { UserError, isUserError } from "../core/errors.ts";
import { newId } from "../core/ids.ts";
import type { VonageAccounts } from "./vonage-accounts.ts";
import type { VonageBalance } from "./vonage-gateway.ts";

export interface LinkRequest {
  apiKey: string;
  apiSecret: string;
  name?: string;
  /** Add a separate account even when the linker's sandbox account could be converted. */
  asNew: boolean;
  actor: { address: string; name: string };
  workspace: string;
  channel: string;
  at: Date;
}

export interface LinkOutcome {
  /** created: a new account; converted: the linker's sandbox account became this one; relinked: new secret. */
  kind: "created" | "converted" | "relinked";
  account: AccountRecord;
  balance: VonageBalance;
  releasedSandboxNumbers: number;
}

export class VonageLinking {
  constructor(
    private readonly db: Db,
    private readonly directory: AccountDirectory,
    private readonly vonage: VonageAccounts,
    private readonly secrets: SecretBox,
  ) {}

  async link(req: LinkRequest): Promise<LinkOutcome> {
    const balance = await this.vonage.verify({ apiKey: req.apiKey, apiSecret: req.apiSecret });
    const personId = await this.directory.ensurePerson(req.actor.address, req.actor.name);
    const existing = await this.db.account.findUnique({ where: { apiKey: req.apiKey }, select: { id: true, provider: true, closedAt: true } });
    if (existing && !existing.closedAt) return { ...(await this.relink(existing, personId, req)), balance, releasedSandboxNumbers: 0 };

    const { accounts, primaryOf } = await this.workspaceRights(req.workspace, personId);
    if (accounts.length > 0 && primaryOf.size === 0) {
      throw new UserError("primary_only", "Only the primary user of an account used in this workspace can link a Vonage account here.", {
        hint: "Ask that primary user to run `account link`.",
      });
    }
    if (existing) {
      await this.reopen(existing.id, personId, req);
      return { kind: "created", account: await this.get(existing.id), balance, releasedSandboxNumbers: 0 };
    }
    const candidate = req.asNew || accounts.length === 0 ? undefined : await this.defaultAccount(req.workspace, req.channel);
    if (candidate?.provider === "sandbox" && primaryOf.has(candidate.id)) {
      const released = await this.convert(candidate.id, req);
      return { kind: "converted", account: await this.get(candidate.id), balance, releasedSandboxNumbers: released };
    }
    return { kind: "created", account: await this.create(personId, req), balance, releasedSandboxNumbers: 0 };
  }

  /** Forgets the credentials and every binding: the Vonage account itself is untouched. */
  async unlink(accountId: string, at: Date): Promise<void> {
    await this.db.$transaction([
      this.db.account.update({ where: { id: accountId }, data: { vonageSecretEnc: null, closedAt: at } }),
      this.db.workspaceBinding.deleteMany({ where: { accountId } }),
      this.db.channelDefault.deleteMany({ where: { accountId } }),
    ]);
  }

  private async create(personId: string, req: LinkRequest): Promise<AccountRecord> {
    const accountId = newId("acc");
    await this.db.$transaction([
      this.db.account.create({
        data: {
          id: accountId,
          provider: "vonage",
          mode: "LIVE",
          apiKey: req.apiKey,
          companyName: req.name ?? `Vonage ${req.apiKey}`,
          contactName: req.actor.name,
          email: "",
          vonageSecretEnc: this.secrets.seal(req.apiSecret),
          createdAt: req.at,
        },
      }),
      this.db.member.create({ data: { id: newId("mem"), accountId, personId, role: "primary", permissions: [...PERMISSIONS], createdAt: req.at } }),
      this.db.workspaceBinding.create({ data: { id: newId("wsb"), workspace: req.workspace, accountId } }),
    ]);
    await this.directory.setChannelDefault(req.channel, accountId);
    return this.get(accountId);
  }

  /** The sandbox's numbers, secrets and credit do not exist at Vonage: they end here. */
  private async convert(accountId: string, req: LinkRequest): Promise<number> {
    // Under the account's lock: a renewal running now must not charge a number released here.
    return withAccountLock(this.db, accountId, async ({ tx }) => {
      await tx.account.update({
        where: { id: accountId },
        data: { provider: "vonage", mode: "LIVE", apiKey: req.apiKey, vonageSecretEnc: this.secrets.seal(req.apiSecret), ...(req.name ? { companyName: req.name } : {}) },
      });
      await tx.apiSecret.updateMany({ where: { accountId, revokedAt: null }, data: { revokedAt: req.at } });
      const released = await tx.numberRental.updateMany({
        where: { accountId, releasedAt: null },
        data: { releasedAt: req.at, activeMsisdn: null, releaseReason: "account linked to Vonage" },
      });
      return released.count;
    });
  }

  /** The workspace's accounts, and those the person is the primary user of. */
  private async workspaceRights(workspace: string, personId: string) {
    const accounts = await this.directory.accountsOfWorkspace(workspace);
    const primaryOf = new Set<string>();
    for (const account of accounts) {
      if ((await this.directory.membership(account.id, personId))?.role === "primary") primaryOf.add(account.id);
    }
    return { accounts, primaryOf };
  }

  private async relink(existing: { id: string; provider: string }, personId: string, req: LinkRequest) {
    if (existing.provider !== "vonage") {
      throw new UserError("api_key_in_use", `The API key ${req.apiKey} belongs to a Switchboard sandbox account.`);
    }
    const member = await this.directory.membership(existing.id, personId);
    if (member?.role !== "primary") {
      throw new UserError("already_linked", `The Vonage account ${req.apiKey} is already linked to Switchboard, and you are not its primary user.`, {
        hint: "Ask its primary user to invite you (`users invite`), or to run `account link` here.",
      });
    }
    await this.vonage.storeSecret(existing.id, req.apiSecret);
    await this.directory.bindWorkspace(req.workspace, existing.id);
    return { kind: "relinked" as const, account: await this.get(existing.id) };
  }

  /** An unlinked account linked again starts afresh: the linker is its only user. */
  private async reopen(accountId: string, personId: string, req: LinkRequest): Promise<void> {
    await this.db.$transaction([
      this.db.account.update({ where: { id: accountId }, data: { closedAt: null, vonageSecretEnc: this.secrets.seal(req.apiSecret), ...(req.name ? { companyName: req.name } : {}) } }),
      this.db.member.updateMany({ where: { accountId, removedAt: null }, data: { removedAt: req.at } }),
      this.db.member.upsert({
        where: { accountId_personId: { accountId, personId } },
        create: { id: newId("mem"), accountId, personId, role: "primary", permissions: [...PERMISSIONS], createdAt: req.at },
        update: { role: "primary", permissions: [...PERMISSIONS], removedAt: null },
      }),
      this.db.workspaceBinding.create({ data: { id: newId("wsb"), workspace: req.workspace, accountId } }),
    ]);
    await this.directory.setChannelDefault(req.channel, accountId);
  }

  private async defaultAccount(workspace: string, channel: string): Promise<AccountRecord | undefined> {
    try {
      return await this.directory.resolve(workspace, channel);
    } catch (error) {
      if (isUserError(error)) return undefined;
      throw error;
    }
  }

  private get(accountId: string): Promise<AccountRecord> {
    return this.db.account.findUniqueOrThrow({ where: { id: accountId }, select: accountSelect });
  }
}
