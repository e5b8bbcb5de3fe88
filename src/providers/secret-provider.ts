// The port `account secret reveal|create|revoke` and `account info` go through. The sandbox
// account platform keeps its secrets sealed in its own table (src/accounts/sandbox-secrets.ts);
// a linked Vonage account's live at Vonage, whose Account API is the judge of their rules
// (adapters/vonage/vonage-secret-provider.ts, passed in by the composition root). The
// commands never know which one answers. What a provider cannot do, it says in its own words.
import type { AccountRecord } from "../accounts/directory.ts";

export interface ListedSecret {
  id: string;
  createdAt: Date;
  /** The value, where the provider can show it again; Vonage shows a value only once. */
  value?: string;
}

export interface SecretListing {
  secrets: ListedSecret[];
  /** The secret Switchboard itself reaches the account with, where it holds one (null: none stored). */
  inUse?: string | null;
  /** What the provider cannot show, said plainly. */
  note?: string;
}

export interface CreatedSecret {
  id: string;
  /** Shown to the creator, once. */
  secret: string;
  /** The reply's first sentence. */
  message: string;
  note?: string;
}

export interface RevokedSecret {
  message: string;
  warning?: string;
}

export interface SecretProvider {
  /** The account provider it serves ("sandbox", "vonage"). */
  readonly name: string;
  /** The secrets as `account info` shows them: masked. */
  masked(account: AccountRecord): Promise<string>;
  list(account: AccountRecord): Promise<SecretListing>;
  /** `secret`: the new value, or one is generated. `use`: Switchboard switches to it, where it holds one. */
  create(account: AccountRecord, input: { secret?: string; use: boolean; at: Date }): Promise<CreatedSecret>;
  /** What the revoke confirmation adds to the general warning, if anything. */
  readonly revokeWarning?: string;
  revoke(account: AccountRecord, id: string, at: Date): Promise<RevokedSecret>;
}
