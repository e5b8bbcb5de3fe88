// Billing commands run the built-in account platform's payments. A linked Vonage account
// pays in the Vonage dashboard: say so plainly instead of pretending.
import { UserError } from "../../core/errors.ts";
import type { AccountCommandContext } from "../../core/commands/context.ts";
import { dashboardOnlyError, type DashboardTopic } from "../../providers/dashboard-links.ts";
import type { AccountRecord } from "../../accounts/directory.ts";

export function sandboxBillingAccount(ctx: AccountCommandContext, topic: DashboardTopic | "topup"): AccountRecord {
  const { account } = ctx;
  if (account.provider !== "vonage") return account;
  if (topic === "topup") {
    throw new UserError("vonage_topup", "This is a Vonage account: top it up with `vonage topup` (accounts with auto-reload enabled in the dashboard).");
  }
  throw dashboardOnlyError(topic);
}
