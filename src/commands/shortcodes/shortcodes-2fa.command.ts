import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { OPT_IN_EXAMPLE, optInArgs, optInFields, setUpShortCode } from "./short-code-args.ts";

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
  handler: (ctx, args) => setUpShortCode(ctx, "2fa", args),
});
