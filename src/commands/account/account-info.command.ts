import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { buttons, fields, header, reply, text } from "../../core/view.ts";
import { formatMoney } from "../../core/money.ts";
import { can } from "../../providers/capabilities.ts";
import { vonageInfo } from "./vonage-info.ts";

/** The dashboard's "Settings → API settings", for anyone in the account; the secret stays masked. */
export const accountInfoCommand = defineCommand({
  path: "account info",
  description: "API key, masked secret, balance, mode and company of the account",
  args: z.object({}),
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const { account } = ctx;
    // A Vonage account's balance and settings live at Vonage: its own view (webhooks, auto-reload).
    if (can(account, "vonage")) return vonageInfo(ctx, account);
    const [secrets, balance] = await Promise.all([ctx.services.secretProviders.for(account).masked(account), ctx.services.ledger.balance(account.id)]);
    return reply([
      header(account.companyName),
      fields({
        "API key": account.apiKey,
        "API secret": secrets,
        Balance: formatMoney(balance, "EUR"),
        Mode: account.mode === "DEMO" ? "DEMO (up to 10 verified destinations, [DEMO] tag)" : "LIVE",
        Provider: "Sandbox (built-in account platform)",
        Contact: `${account.contactName} <${account.email}>`,
      }),
      account.mode === "DEMO" ? text("A first payment (`billing topup`) takes the account out of DEMO mode.", "muted") : text("", "muted"),
      buttons(
        { label: "Reveal secret", action: { command: "account secret reveal", args: { account: account.id } } },
        { label: "Users", action: { command: "users list", args: { account: account.id } } },
      ),
    ].filter((block) => block.type !== "text" || block.text !== ""));
  },
});
