import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { fields, reply, text } from "../../core/view.ts";
import { formatMoney } from "../../core/money.ts";
import { FREE_TEST_CREDIT } from "../../accounts/account-service.ts";
import { maskSecret } from "../../accounts/api-secrets.ts";
import type { CommandContext } from "../../core/commands/context.ts";

/** Finishes a sign-up or a profile phone change with the PIN the sandbox inbox shows. */
export const accountVerifyCommand = defineCommand({
  path: "account verify",
  description: "Enter the PIN sent to your phone (sign-up or a new profile phone)",
  examples: ["account verify 1234", "account verify resend via:voice"],
  args: z.object({
    pin: z.string().trim().regex(/^(\d{4}|resend)$/, "must be the 4-digit PIN, or `resend`"),
    via: z.enum(["sms", "voice"]).optional(),
  }),
  positional: ["pin"],
  fields: { pin: { label: "PIN", sensitive: true } },
  access: "anyone",
  sideEffect: "write",
  needsAccount: false,
  async handler(ctx, { pin, via }) {
    const { verification } = ctx.services;
    const purpose = await openPurpose(ctx);
    if (pin === "resend") return resend(ctx, purpose, via);
    const checked = await verification.check(ctx.invocation.actor, purpose, pin, ctx.clock.now());
    return purpose === "signup" ? completeSignup(ctx, checked.phone, checked.payload) : completePhoneChange(ctx, checked);
  },
});

async function openPurpose(ctx: CommandContext): Promise<"signup" | "profile-phone"> {
  const { verification } = ctx.services;
  const [signup, change] = await Promise.all([
    verification.pending(ctx.invocation.actor, "signup"),
    verification.pending(ctx.invocation.actor, "profile-phone"),
  ]);
  if (!signup && !change) {
    throw new UserError("no_verification", "There is no PIN waiting to be checked.", {
      hint: "Start with `account signup`, or change your phone with `account profile update phone:<number>`.",
    });
  }
  if (signup && change) return signup.expiresAt > change.expiresAt ? "signup" : "profile-phone";
  return signup ? "signup" : "profile-phone";
}

async function resend(ctx: CommandContext, purpose: "signup" | "profile-phone", via?: "sms" | "voice") {
  const { verification } = ctx.services;
  const open = (await verification.pending(ctx.invocation.actor, purpose))!;
  const channel = via ?? (open.channel as "sms" | "voice");
  await verification.start({
    purpose,
    phone: open.phone,
    channel,
    requestedBy: ctx.invocation.actor,
    accountId: open.accountId ?? undefined,
    payload: (open.payload ?? {}) as Record<string, unknown>,
    at: ctx.clock.now(),
  });
  return reply([
    text(`A new PIN is on its way to ${open.phone} by ${channel === "sms" ? "SMS" : "voice call"}; the old one no longer works.`),
    text("Read it with `sandbox inbox` (simulated), then `account verify <pin>`.", "muted"),
  ]);
}

async function completeSignup(ctx: CommandContext, phone: string, payload: Record<string, unknown>) {
  const { accounts, directory } = ctx.services;
  const { account, secret } = await accounts.create({
    companyName: String(payload.company),
    contactName: String(payload.contact),
    email: String(payload.email),
    phone,
    creator: { address: ctx.invocation.actor, name: ctx.invocation.actorName },
    workspace: ctx.invocation.workspace,
    at: ctx.clock.now(),
  });
  await directory.setChannelDefault(ctx.invocation.channel, account.id);
  const twins = (await directory.accountsOfWorkspace(ctx.invocation.workspace)).filter(
    (other) => other.id !== account.id && other.companyName.toLowerCase() === account.companyName.toLowerCase(),
  );
  const twinWarning = twins.length
    ? [text(`Another account in this workspace (${twins.map((t) => t.apiKey).join(", ")}) has the company name "${account.companyName}": invoices are printed by company name, so give each account its own (\`account profile update company:…\`).`, "warning")]
    : [];
  return reply([
    ...twinWarning,
    text(`*Welcome to Switchboard, ${account.contactName}!* Your phone is verified and your account is ready.`, "success"),
    fields({
      Company: account.companyName,
      "API key": account.apiKey,
      "API secret": maskSecret(secret.slice(-4)),
      Balance: `${formatMoney(FREE_TEST_CREDIT)} free test credit`,
      Mode: "DEMO: messages go to at most 10 verified numbers and carry a [DEMO] tag",
    }),
    text("Next: `demo numbers add <your phone>` to verify a destination, then `sms send <number> <text>`. `account secret reveal` shows the secret (only to you).", "muted"),
  ]);
}

async function completePhoneChange(ctx: CommandContext, checked: { phone: string; accountId: string | null }) {
  const { accountSettings } = ctx.services;
  const owner = await accountSettings.phoneOwner(checked.phone);
  if (owner && owner !== checked.accountId) {
    throw new UserError("phone_in_use", `${checked.phone} became another account's phone meanwhile.`, {
      hint: "Remove it from that account's profile first.",
    });
  }
  await accountSettings.setPhone(checked.accountId!, checked.phone);
  return reply([text(`Your profile phone is now ${checked.phone}.`, "success")]);
}
