import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { fields, reply, text } from "../../core/view.ts";
import { formatMoney } from "../../core/money.ts";
import { addDuration, describeDuration, parseDuration } from "../../sandbox/durations.ts";

const MAX_ADVANCE_MS = 366 * 24 * 3600 * 1000;

/**
 * Moves a sandbox account's clock forward and runs everything that would have happened
 * meanwhile, in order: renewals, auto-reload checks, balance checks, settlements, expiries.
 */
export const sandboxAdvanceCommand = defineCommand({
  path: "sandbox advance",
  description: "Move your sandbox account's clock forward and run what would have happened",
  examples: ["sandbox advance 10m", "sandbox advance 1 month", "sandbox advance 3 months"],
  args: z.object({
    duration: z
      .string()
      .refine((value) => parseDuration(value) !== undefined, "must be an amount and a unit, such as 10m, 2h, 3 days or 1 month"),
  }),
  positional: ["duration"],
  restPositional: true,
  access: "primary",
  sideEffect: "write",
  needsAccount: true,
  requires: "sandbox-clock",
  async handler(ctx, args) {
    const { account } = ctx;
    const duration = parseDuration(args.duration)!;
    const from = ctx.clock.now();
    const to = addDuration(from, duration);
    if (to.getTime() - from.getTime() > MAX_ADVANCE_MS) {
      throw new UserError("advance_too_far", "The sandbox clock moves at most one year at a time.", { hint: "Advance in steps." });
    }
    const offset = account.clockOffsetMs + BigInt(to.getTime() - from.getTime());
    await ctx.services.accountSettings.setClockOffset(account.id, offset);
    const notes = await ctx.services.timeline.replay({ ...account, clockOffsetMs: offset }, from, to);
    const balance = await ctx.services.ledger.balance(account.id);
    return reply([
      text(`Moved the sandbox clock of ${account.companyName} forward ${describeDuration(duration)}.`, "success"),
      fields({ "Sandbox time": to.toISOString().slice(0, 16).replace("T", " ") + " UTC", Balance: formatMoney(balance) }),
      text(notes.length ? `What happened:\n${notes.map((n) => `• ${n}`).join("\n")}` : "Nothing was due in that time.", "muted"),
    ]);
  },
});
