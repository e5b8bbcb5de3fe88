import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import type { AccountCommandContext } from "../../core/commands/context.ts";
import type { AccountRecord } from "../../accounts/directory.ts";
import { accountBalance } from "../../providers/account-balance.ts";
import { can } from "../../providers/capabilities.ts";
import { dashboardLink } from "../../providers/dashboard-links.ts";
import { formatMoney } from "../../core/money.ts";
import { buttons, fields, header, reply, text } from "../../core/view.ts";
import type { Block } from "../../core/view.ts";
import { displayFor } from "../../billing/display-currency.ts";
import { TOPUP_PRESETS } from "./billing-args.ts";
import { autoReloadLine, lastReloadLine, zeroBalanceWarning } from "./billing-view.ts";

export const billingBalanceCommand = defineCommand({
  path: "billing balance",
  description: "Show the balance (in the display currency and EUR), auto-reload and its last reload",
  examples: ["billing balance"],
  args: z.object({}),
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const { account } = ctx;
    const { billing } = ctx.services;
    // A Vonage account keeps its money at Vonage: no ledger, no history, no chart.
    if (!can(account, "ledger")) return vonageBalance(ctx, account);
    const balance = await ctx.services.ledger.balance(account.id);
    const display = await displayFor(billing.fx, account.displayCurrency, ctx.clock);
    const state = await billing.autoReload.state(account.id);
    const method = state?.methodId ? await billing.methods.get(account.id, state.methodId) : undefined;
    const blocks: Block[] = [
      header(`Balance of ${account.companyName}`),
      fields({
        Balance: display.format(balance),
        Mode: account.mode === "DEMO" ? "DEMO (your first payment ends it)" : account.mode,
        "Auto-reload": autoReloadLine(state, method?.label, display),
        "Last auto-reload": lastReloadLine(state, display),
      }),
      ...zeroBalanceWarning(balance),
    ];
    if (display.note) blocks.push(text(display.note, "muted"));
    const chart = await ctx.services.balanceCharts.file(account, display, ctx.clock.now());
    blocks.push(
      buttons(
        ...TOPUP_PRESETS.map((amount) => ({ label: `Top up €${amount}`, action: { command: "billing topup", args: { amount: String(amount) } } })),
        { label: "Payment methods", action: { command: "billing methods list", args: {} } },
        { label: "Usage", action: { command: "usage", args: {} } },
      ),
    );
    return reply(blocks, { files: [chart.file] });
  },
});

/** A Vonage account's balance is what Vonage reports now; payments happen in its dashboard. */
async function vonageBalance(ctx: AccountCommandContext, account: AccountRecord) {
  const { value, autoReload } = await accountBalance(ctx.services, account);
  return reply([
    header(`Balance of ${account.companyName}`),
    fields({
      Balance: formatMoney(value),
      "Auto-reload": autoReload ? "on (managed in the Vonage dashboard)" : "off (turn it on in the Vonage dashboard)",
    }),
    ...zeroBalanceWarning(value),
    text(`Top up with \`vonage topup\` when auto-reload is on; otherwise pay in the dashboard: ${dashboardLink("auto-reload")}`, "muted"),
    text("Vonage's API reports only the current balance, not its history: there is no balance chart for a Vonage account. `usage` charts its spend.", "muted"),
  ]);
}
