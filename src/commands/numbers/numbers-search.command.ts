import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { header, reply, text, type Action } from "../../core/view.ts";
import { NUMBER_FEATURES, NUMBER_TYPES, type NumberFeature } from "../../providers/number-provider.ts";
import { formatMsisdn } from "../../numbers/msisdn.ts";
import { buttonRows, countryName, numberLine } from "./number-views.ts";

const PAGE_SIZE = 10;

const featureList = z
  .string()
  .transform((value) => value.toUpperCase().split(/[\s,+]+/).filter(Boolean))
  .refine((list) => list.every((f) => (NUMBER_FEATURES as readonly string[]).includes(f)), "must be SMS, VOICE or MMS, comma-separated (features:SMS,VOICE)");

export const numbersSearchCommand = defineCommand({
  path: "numbers search",
  description: "Search numbers you can rent, by country, type, features and digits",
  examples: ["numbers search GB", "numbers search GB type:mobile-lvn pattern:77", "numbers search US features:SMS,MMS pattern:1646 match:starts"],
  args: z.object({
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code such as GB")
      .transform((c) => c.toUpperCase()),
    type: z.enum(NUMBER_TYPES).optional(),
    features: featureList.optional(),
    pattern: z
      .string()
      .trim()
      .regex(/^\+?\d{1,15}$/, "must be digits, such as 77")
      .transform((p) => p.replace(/^\+/, ""))
      .optional(),
    match: z.enum(["starts", "contains", "ends"]).optional(),
    page: z.coerce.number().int().min(1).optional(),
  }),
  positional: ["country"],
  fields: {
    country: { label: "Country", suggest: "countries", placeholder: "GB" },
    type: { label: "Type" },
    features: { label: "Features", placeholder: "SMS,VOICE", hint: "Every listed feature is required: SMS, VOICE, MMS." },
    pattern: { label: "Digits", placeholder: "77", hint: "Matched against the number with its country code." },
    match: { label: "Where the digits are", hint: "contains (default), starts or ends." },
  },
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx, args) {
    const { account } = ctx;
    const page = args.page ?? 1;
    const match = args.pattern ? (args.match ?? "contains") : undefined;
    const result = await ctx.services.numberProviders.for(account).search(account, {
      country: args.country,
      type: args.type,
      features: args.features as NumberFeature[] | undefined,
      pattern: args.pattern,
      match,
      page,
      pageSize: PAGE_SIZE,
    });
    const what = [args.type, `numbers in ${countryName(args.country)}`].filter(Boolean).join(" ");
    const filter = [args.features?.length && `with ${args.features.join(", ")}`, args.pattern && `${match === "contains" ? "containing" : match === "starts" ? "starting with" : "ending with"} ${args.pattern}`]
      .filter(Boolean)
      .join(" ");
    const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    if (result.numbers.length === 0) {
      const why = result.total > 0 ? `Page ${page} is past the last page (${pageCount}).` : `No ${what} ${filter} are available.`;
      return reply([text(why.replace(/ {2,}/g, " ")), text("Try fewer filters, another type or other digits.", "muted")]);
    }
    const rawArgs = { country: args.country, type: args.type, features: args.features?.join(","), pattern: args.pattern, match, account: account.id };
    const pageAction = (n: number): Action => ({ command: "numbers search", args: { ...rawArgs, page: n } });
    return reply(
      [
        header(`${capitalize(what)}${filter ? ` ${filter}` : ""}`),
        text(`${result.total} available · page ${page} of ${pageCount}`, "muted"),
        ...result.numbers.map((n) => text(numberLine(n))),
        ...buttonRows(
          result.numbers.map((n) => ({
            label: `Rent ${formatMsisdn(n.msisdn)}`,
            action: { command: "numbers rent", args: { number: formatMsisdn(n.msisdn), account: account.id } },
          })),
        ),
      ],
      {
        pagination: {
          page,
          pageCount,
          previous: page > 1 ? pageAction(page - 1) : undefined,
          next: page < pageCount ? pageAction(page + 1) : undefined,
        },
      },
    );
  },
});

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
