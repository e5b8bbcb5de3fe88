import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { requireAccount } from "../../core/commands/context.ts";
import { buttons, fields, header, reply, text } from "../../core/view.ts";
import type { Block } from "../../core/view.ts";
import { displayFor } from "../../billing/display-currency.ts";
import { TOPUP_PRESETS } from "./billing-args.ts";
import { autoReloadLine, lastReloadLine, zeroBalanceWarning } from "./billing-view.ts";

export const billingBalanceCommand = defineCommand({
  path: "billing balance",
  description: "Show the balance (in the display currency and EUR), auto-reload and the last reload",
  examples: ["billing balance"],
  args: z.object({}),
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const account = requireAccount(ctx);
    const { ledger, billing } = ctx.services;
    const balance = await ledger.balance(account.id);
    const display = await displayFor(billing.fx, account.displayCurrency, ctx.clock);
    const state = await billing.autoReload.state(account.id);
    const method = state?.methodId ? await billing.methods.get(account.id, state.methodId) : undefined;
    const blocks: Block[] = [
      header(`Balance of ${account.companyName}`),
      fields({
        Balance: display.format(balance),
        Mode: account.mode === "DEMO" ? "DEMO (your first payment ends it)" : account.mode,
        "Auto-reload": autoReloadLine(state, method?.label, display),
        "Last reload": lastReloadLine(state, display),
      }),
      ...zeroBalanceWarning(balance),
    ];
    if (display.note) blocks.push(text(display.note, "muted"));
    blocks.push(
      buttons(
        ...TOPUP_PRESETS.map((amount) => ({ label: `Top up €${amount}`, action: { command: "billing topup", args: { amount: String(amount) } } })),
        { label: "Payment methods", action: { command: "billing methods list", args: {} } },
      ),
    );
    return reply(blocks);
  },
});
