// The fields both short code set-ups ask for. For a pre-approved US short code the opt-in
// details are required: a missing or invalid one is refused with what to give.
import { z } from "zod";
import { code, fields, reply, text, type Reply } from "../../core/view.ts";
import type { FieldHint } from "../../core/commands/definition.ts";
import { KIND_NAMES, type ShortCodeKind } from "../../shortcodes/short-codes.ts";
import type { AccountCommandContext } from "../../core/commands/context.ts";

const pageUrl = (what: string, example: string) =>
  z.url({ protocol: /^https?$/, message: `must be the full address of your ${what}, such as ${example}` });

export const optInArgs = {
  frequency: z.coerce
    .number({ message: "must be how many messages a day at most, such as 2" })
    .int("must be a whole number of messages a day, such as 2")
    .min(1, "must be at least 1 message a day")
    .max(100, "must be at most 100 messages a day"),
  terms: pageUrl("terms and conditions", "https://example.com/terms"),
  privacy: pageUrl("privacy policy", "https://example.com/privacy"),
  brand: z.string().trim().min(2, "must be your brand name, 2 to 30 characters").max(30, "must be at most 30 characters").optional(),
};

export const optInFields: Record<"frequency" | "terms" | "privacy" | "brand", FieldHint> = {
  frequency: { label: "Messages per day (at most)", kind: "number", placeholder: "2", hint: "Shown to subscribers: “no more than N msgs/day”." },
  terms: { label: "Terms and conditions URL", kind: "url", placeholder: "https://example.com/terms" },
  privacy: { label: "Privacy policy URL", kind: "url", placeholder: "https://example.com/privacy" },
  brand: { label: "Brand", hint: "Defaults to your company name." },
};

export const OPT_IN_EXAMPLE = "frequency:2 terms:https://example.com/terms privacy:https://example.com/privacy";

export interface ShortCodeView {
  kind: string;
  code: string;
  template: string;
  brand: string;
  messagesPerDay: number;
  optInText: string;
}

export function shortCodeBlocks(sc: ShortCodeView) {
  return [
    fields({
      "Short code": `${sc.code} (shared, US)`,
      Use: KIND_NAMES[sc.kind as ShortCodeKind] ?? sc.kind,
      Brand: sc.brand,
      Template: sc.template,
      "Messages per day": `at most ${sc.messagesPerDay}`,
    }),
    text("Show this on the opt-in page of your website (required for pre-approved US short codes):"),
    code(sc.optInText),
  ];
}

export const shortCodeReply = (sc: ShortCodeView): Reply =>
  reply([text(`Your ${KIND_NAMES[sc.kind as ShortCodeKind]} short code ${sc.code} is set up.`, "success"), ...shortCodeBlocks(sc)]);

/** What both set-up commands do once their arguments are valid: set up, then show the opt-in text. */
export async function setUpShortCode(
  ctx: AccountCommandContext,
  kind: ShortCodeKind,
  args: { template: string; frequency: number; terms: string; privacy: string; brand?: string },
): Promise<Reply> {
  const { account } = ctx;
  const shortCode = await ctx.services.shortCodes.setUp(account, {
    kind,
    template: args.template,
    brand: args.brand ?? account.companyName,
    messagesPerDay: args.frequency,
    termsUrl: args.terms,
    privacyUrl: args.privacy,
    at: ctx.clock.now(),
  });
  return shortCodeReply(shortCode);
}
