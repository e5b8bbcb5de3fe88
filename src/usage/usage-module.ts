// The usage views' services: the sandbox's records and messaging API, and the source of
// records for an account (its own table for sandbox accounts, the Reports API for Vonage).
import type { Db } from "../data/database.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import type { Clock } from "../core/clock.ts";
import { UserError } from "../core/errors.ts";
import { ProviderPorts } from "../providers/provider-ports.ts";
import { MessageRecords } from "./message-records.ts";
import type { Ledger } from "../billing/ledger.ts";
import { SandboxMessaging } from "./sandbox-messaging.ts";
import type { UsageProvider, UsageSource } from "./usage-types.ts";

export interface Usage {
  records: MessageRecords;
  messaging: SandboxMessaging;
  /** `clock`: the account's (a sandbox account's may run ahead). */
  sourceFor(account: AccountRecord, clock: Clock): UsageSource;
}

/** `vonage`: the Vonage provider's records (its Reports API), from the gateway. */
export function buildUsage(db: Db, vonage: UsageProvider, ledger: Ledger): Usage {
  const records = new MessageRecords(db);
  const providers = new ProviderPorts<UsageProvider>(
    (account) =>
      new UserError("usage_unavailable", `Usage cannot be read from Switchboard for ${account.companyName} (${account.provider}) yet.`, {
        hint: "Use the provider's dashboard for usage on this account.",
      }),
  );
  providers.register({ name: "sandbox", source: (account) => sandboxSource(records, account.id) });
  providers.register(vonage);
  return {
    records,
    messaging: new SandboxMessaging(records, db, ledger),
    sourceFor: (account, clock) => providers.for(account).source(account, clock),
  };
}

/** The sandbox's own records, every query bound to the one account. */
function sandboxSource(records: MessageRecords, accountId: string): UsageSource {
  return {
    summary: (period) => records.summary(accountId, period),
    totals: (period) => records.totals(accountId, period),
    search: (filter, page) => records.search(accountId, filter, page),
    records: (period, limit) => records.records(accountId, period, limit),
    limits: [],
  };
}
