import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, reply, text, type Block } from "../../core/view.ts";
import type { VonageSettings } from "../../providers/vonage-gateway.ts";

const webhookArg = z
  .string()
  .trim()
  .refine((value) => value.toLowerCase() === "none" || isHttpUrl(value), "must be an http(s) URL, or `none` to remove it");

function isHttpUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The account's default webhooks, used by numbers that have none of their own. */
export const accountWebhooksCommand = defineCommand({
  path: "account webhooks",
  description: "Show or set the account's default inbound SMS and delivery-receipt webhooks",
  examples: ["account webhooks", "account webhooks sms:https://example.com/inbound dlr:https://example.com/receipts", "account webhooks dlr:none"],
  args: z.object({ sms: webhookArg.optional(), dlr: webhookArg.optional() }),
  fields: {
    sms: { label: "Inbound SMS webhook", kind: "url" },
    dlr: { label: "Delivery-receipt webhook", kind: "url" },
  },
  access: "numbers",
  sideEffect: "write",
  needsAccount: true,
  requires: "vonage",
  async handler(ctx, args) {
    const { account } = ctx;
    const client = await ctx.services.vonage.client(account);
    const wanted = { inboundSmsUrl: asSetting(args.sms), deliveryReceiptUrl: asSetting(args.dlr) };
    const changing = wanted.inboundSmsUrl !== undefined || wanted.deliveryReceiptUrl !== undefined;
    const settings = changing ? await client.account.updateSettings(wanted) : await client.account.settings();
    const blocks: Block[] = [
      ...(changing ? [text("Vonage saved the account's default webhooks.", "success")] : []),
      fields(view(settings)),
    ];
    const refused = (["inboundSmsUrl", "deliveryReceiptUrl"] as const).filter((k) => wanted[k] !== undefined && wanted[k] !== settings[k]);
    if (refused.length) {
      blocks[0] = text("Vonage did not save every change: it checks that a webhook answers 200 OK to a GET before keeping it.", "warning");
    }
    if (!changing) blocks.push(text("Change them with `account webhooks sms:<url> dlr:<url>` (`none` removes one).", "muted"));
    return reply(blocks);
  },
});

const asSetting = (value?: string) => (value === undefined ? undefined : value.toLowerCase() === "none" ? "" : value);

function view(settings: VonageSettings): Record<string, string> {
  const limits = [settings.maxOutboundPerSecond, settings.maxInboundPerSecond, settings.maxCallsPerSecond];
  return {
    "Inbound SMS": settings.inboundSmsUrl || "none",
    "Delivery receipts": settings.deliveryReceiptUrl || "none",
    ...(limits.some((l) => l !== undefined)
      ? { "Rate limits": `${limits[0] ?? "?"} outbound and ${limits[1] ?? "?"} inbound messages/s, ${limits[2] ?? "?"} API calls/s` }
      : {}),
  };
}
