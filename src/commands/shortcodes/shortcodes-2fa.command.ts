import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { requireAccount } from "../../core/commands/context.ts";
import { ShortCodes } from "../../shortcodes/short-codes.ts";
import { OPT_IN_EXAMPLE, optInArgs, optInFields, shortCodeReply } from "./short-code-args.ts";

export const shortcodes2faCommand = defineCommand({
  path: "shortcodes 2fa",
  description: "Set up a shared US short code for two-factor authentication, with its message template",
  examples: [`shortcodes 2fa template:"Your {brand} code is {code}" ${OPT_IN_EXAMPLE}`],
  args: z.object({
    template: z
      .string()
      .trim()
      .min(1)
      .max(140, "must fit in one SMS with the code: at most 140 characters")
      .refine((t) => t.includes("{code}"), "must contain {code} where the PIN goes, such as \"Your {brand} code is {code}\""),
    ...optInArgs,
  }),
  fields: {
    template: { label: "Message template", kind: "multiline", placeholder: "Your {brand} code is {code}", hint: "{code} is the PIN; {brand} your brand." },
    ...optInFields,
  },
  access: "numbers",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, args) {
    const account = requireAccount(ctx);
    const shortCode = await new ShortCodes(ctx.services.db).setUp(account, {
      kind: "2fa",
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
