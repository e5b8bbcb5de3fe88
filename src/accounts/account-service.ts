// Creating accounts and the one place an account leaves DEMO mode.
import type { Db } from "../data/database.ts";
import type { SecretBox } from "../platform/secret-box.ts";
import type { Ledger } from "../billing/ledger.ts";
import { Decimal } from "../core/money.ts";
import { newId } from "../core/ids.ts";
import { UserError } from "../core/errors.ts";
import { generateApiKey, generateSecret } from "./api-secrets.ts";
import { accountSelect, type AccountDirectory, type AccountRecord } from "./directory.ts";
import { PERMISSIONS } from "../core/commands/definition.ts";

export const FREE_TEST_CREDIT = new Decimal("2.00");

export interface NewAccount {
  companyName: string;
  contactName: string;
  email: string;
  /** E.164, already verified. */
  phone: string;
  /** The chat identity that signs up: it becomes the primary user. */
  creator: { address: string; name: string };
  workspace: string;
  channel?: string;
  at: Date;
}

export class AccountService {
  constructor(
    private readonly db: Db,
    private readonly directory: AccountDirectory,
    private readonly ledger: Ledger,
    private readonly secrets: SecretBox,
  ) {}

  /** A new sandbox account: €2.00 of free test credit, DEMO mode, an API key and secret. */
  async create(input: NewAccount): Promise<{ account: AccountRecord; secret: string }> {
    const owner = await this.db.account.findUnique({ where: { phone: input.phone }, select: { id: true } });
    if (owner) throw phoneInUse(input.phone);
    const accountId = newId("acc");
    const secret = generateSecret();
    const personId = await this.directory.ensurePerson(input.creator.address, input.creator.name);
    await this.db.$transaction([
      this.db.account.create({
        data: {
          id: accountId,
          apiKey: await this.uniqueApiKey(),
          companyName: input.companyName,
          contactName: input.contactName,
          email: input.email,
          phone: input.phone,
          createdAt: input.at,
        },
      }),
      this.db.apiSecret.create({
        data: { id: newId("sec"), accountId, secretEnc: this.secrets.seal(secret), hint: secret.slice(-4), createdAt: input.at },
      }),
      this.db.member.create({
        data: { id: newId("mem"), accountId, personId, role: "primary", permissions: [...PERMISSIONS], createdAt: input.at },
      }),
      this.db.workspaceBinding.create({ data: { id: newId("wsb"), workspace: input.workspace, accountId } }),
    ]);
    await this.ledger.post({
      accountId,
      kind: "credit",
      amount: FREE_TEST_CREDIT,
      description: "Free test credit",
      ref: "signup-credit",
      at: input.at,
    });
    const account = await this.db.account.findUniqueOrThrow({ where: { id: accountId }, select: accountSelect });
    return { account, secret };
  }

  /** The first successful payment takes an account out of DEMO mode; later ones change nothing. */
  async recordSuccessfulPayment(accountId: string): Promise<boolean> {
    return (await this.recordSuccessfulPayments([accountId])).has(accountId);
  }

  /** The same for several accounts in one statement: the ones that left DEMO mode. */
  async recordSuccessfulPayments(accountIds: readonly string[]): Promise<Set<string>> {
    if (accountIds.length === 0) return new Set();
    const rows = await this.db.$queryRawUnsafe<{ id: string }[]>(`UPDATE "Account" SET mode = 'LIVE' WHERE id = ANY($1::text[]) AND mode = 'DEMO' RETURNING id`, accountIds);
    return new Set(rows.map((r) => r.id));
  }

  async get(accountId: string): Promise<AccountRecord> {
    return this.db.account.findUniqueOrThrow({ where: { id: accountId }, select: accountSelect });
  }

  private async uniqueApiKey(): Promise<string> {
    for (;;) {
      const key = generateApiKey();
      if (!(await this.db.account.findUnique({ where: { apiKey: key }, select: { id: true } }))) return key;
    }
  }
}

export function phoneInUse(phone: string): UserError {
  return new UserError("phone_in_use", `${phone} is already the phone number of another account.`, {
    hint: "A phone number belongs to one account only: remove it from the other account's profile first (`account profile update phone:<another number>`).",
  });
}
