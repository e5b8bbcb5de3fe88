import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { requireAccount } from "../../core/commands/context.ts";
import { ShortCodes } from "../../shortcodes/short-codes.ts";
import { OPT_IN_EXAMPLE, optInArgs, optInFields, shortCodeReply } from "./short-code-args.ts";

export const shortcodesAlertsCommand = defineCommand({
  path: "shortcodes alerts",
  description: "Set up a shared US short code for event-based alerts, with the alert template",
  examples: [`shortcodes alerts template:"{brand}: your order {order} has shipped" ${OPT_IN_EXAMPLE}`],
  args: z.object({
    template: z.string().trim().min(1).max(160, "must fit in one SMS: at most 160 characters"),
    ...optInArgs,
  }),
  fields: {
    template: { label: "Alert template", kind: "multiline", placeholder: "{brand}: your order {order} has shipped", hint: "{name} placeholders are filled in when an alert is sent." },
    ...optInFields,
  },
  access: "numbers",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, args) {
    const account = requireAccount(ctx);
    const shortCode = await new ShortCodes(ctx.services.db).setUp(account, {
      kind: "alerts",
      template: args.template,
      brand: args.brand ?? account.companyName,
      messagesPerDay: args.frequency,
      termsUrl: args.terms,
      privacyUrl: args.privacy,
      at: ctx.clock.now(),
    });
    return shortCodeReply(shortCode);
  },
});
