import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { OPT_IN_EXAMPLE, optInArgs, optInFields, setUpShortCode } from "./short-code-args.ts";

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
  handler: (ctx, args) => setUpShortCode(ctx, "alerts", args),
});
