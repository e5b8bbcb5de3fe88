// `account info` for a Vonage account: the balance comes from Vonage; if Vonage cannot be
// reached (or the secret was revoked) the rest is still shown, with the reason.
import type { CommandContext } from "../../core/commands/context.ts";
import type { AccountRecord } from "../../accounts/directory.ts";
import { buttons, fields, header, reply, text, type Block, type Reply } from "../../core/view.ts";
import { formatMoney } from "../../core/money.ts";
import { isProviderError } from "../../providers/provider-error.ts";

export async function vonageInfo(ctx: CommandContext, account: AccountRecord): Promise<Reply> {
  const secret = await ctx.services.secretProviders.for(account).masked(account);
  const notes: Block[] = [];
  let balance = "unavailable";
  let autoReload = "unknown";
  try {
    const b = await ctx.services.vonage.balance(account);
    balance = formatMoney(b.value);
    autoReload = b.autoReload ? "on" : "off (set it in the dashboard)";
  } catch (error) {
    if (!isProviderError(error)) throw error;
    notes.push(text(`${error.message} ${error.details.hint ?? ""}`.trim(), "warning"));
  }
  return reply([
    header(account.companyName),
    fields({
      "API key": account.apiKey,
      "API secret": secret,
      Balance: balance,
      "Auto-reload": autoReload,
      Provider: "Vonage",
    }),
    ...notes,
    buttons(
      { label: "Reveal secret", action: { command: "account secret reveal", args: { account: account.id } } },
      { label: "Webhooks", action: { command: "account webhooks", args: { account: account.id } } },
      { label: "Users", action: { command: "users list", args: { account: account.id } } },
    ),
  ]);
}
