import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, reply, text } from "../../core/view.ts";
import { formatMoney } from "../../core/money.ts";
import { maskSecret } from "../../accounts/api-secrets.ts";
import { dashboardLink } from "../../providers/dashboard-links.ts";
import type { LinkOutcome } from "../../providers/vonage-linking.ts";

/**
 * Connects a real Vonage account. Anyone may link in a workspace without an account; in a
 * workspace with accounts, only a primary user of one of them (checked in VonageLinking).
 */
export const accountLinkCommand = defineCommand({
  path: "account link",
  description: "Connect a Vonage account with its API key and secret (checked with a balance call)",
  examples: ["account link key:a1b2c3d4 secret:Abcdef123456", 'account link key:a1b2c3d4 secret:Abcdef123456 name:"Acme Ltd" new:yes'],
  formTitle: "Link a Vonage account",
  args: z.object({
    key: z.string().trim().regex(/^[A-Za-z0-9]{6,32}$/, "must be the API key from the dashboard's API settings"),
    secret: z.string().trim().min(1).max(64),
    name: z.string().trim().min(2, "must be at least 2 characters").max(100).optional(),
    new: z.enum(["yes", "no"]).default("no"),
  }),
  fields: {
    key: { label: "API key", hint: `Dashboard → API settings: ${dashboardLink("api-settings")}` },
    secret: { label: "API secret", sensitive: true },
    name: { label: "Name in Switchboard (optional)" },
    new: { label: "Keep your sandbox account and add this one separately" },
  },
  access: "anyone",
  sideEffect: "write",
  needsAccount: false,
  async handler(ctx, args) {
    const outcome = await ctx.services.vonageLinking.link({
      apiKey: args.key,
      apiSecret: args.secret,
      name: args.name,
      asNew: args.new === "yes",
      actor: { address: ctx.invocation.actor, name: ctx.invocation.actorName },
      workspace: ctx.invocation.workspace,
      channel: ctx.invocation.channel,
      at: ctx.clock.now(),
    });
    return reply([
      text(headline(outcome), "success"),
      fields({
        Account: outcome.account.companyName,
        "API key": outcome.account.apiKey,
        "API secret": `${maskSecret(args.secret.slice(-4))} (stored encrypted)`,
        Balance: formatMoney(outcome.balance.value),
        "Auto-reload": outcome.balance.autoReload ? "on" : "off (set it in the dashboard)",
      }),
      ...(outcome.kind === "converted"
        ? [text(`Your users, permissions and channels are kept. The sandbox's credit, secrets and ${outcome.releasedSandboxNumbers} rented number(s) do not exist at Vonage and were retired.`, "muted")]
        : []),
      text("Next: `account webhooks` for the default SMS webhooks, `numbers search <country>` to rent a number, `account info` for the balance.", "muted"),
    ]);
  },
});

function headline(outcome: LinkOutcome): string {
  switch (outcome.kind) {
    case "created":
      return `Linked the Vonage account ${outcome.account.apiKey}. You are its primary user in Switchboard.`;
    case "converted":
      return `${outcome.account.companyName} now runs on the Vonage account ${outcome.account.apiKey} instead of the sandbox.`;
    case "relinked":
      return `Updated the credentials of the Vonage account ${outcome.account.apiKey}.`;
  }
}
