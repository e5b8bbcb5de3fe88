// The usage views' services: the sandbox's records and messaging API, and the source of
// records for an account (its own table for sandbox accounts, the Reports API for Vonage).
import type { Db } from "../data/database.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import type { Clock } from "../core/clock.ts";
import type { VonageAccounts } from "../providers/vonage-accounts.ts";
import { MessageRecords } from "./message-records.ts";
import type { Ledger } from "../billing/ledger.ts";
import { SandboxMessaging } from "./sandbox-messaging.ts";
import type { UsageSource } from "./usage-types.ts";
import { VonageUsageSource } from "./vonage-usage-source.ts";

export interface Usage {
  records: MessageRecords;
  messaging: SandboxMessaging;
  /** `clock`: the account's (a sandbox account's may run ahead). */
  sourceFor(account: AccountRecord, clock: Clock): UsageSource;
}

export function buildUsage(db: Db, vonage: VonageAccounts, ledger: Ledger): Usage {
  const records = new MessageRecords(db);
  return {
    records,
    messaging: new SandboxMessaging(records, db, ledger),
    sourceFor(account, clock) {
      if (account.provider === "vonage") return new VonageUsageSource(() => vonage.client(account), clock);
      return sandboxSource(records, account.id);
    },
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
