import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { emailArg, phoneArg } from "../../accounts/validation.ts";
import { phoneInUse } from "../../accounts/account-service.ts";
import { reply, text } from "../../core/view.ts";

const SIMULATED_NOTE = "This is the sandbox: no real SMS or call is made. Read the PIN with `sandbox inbox`.";

export const accountSignupCommand = defineCommand({
  path: "account signup",
  description: "Create a Switchboard sandbox account (verifies your phone with a PIN)",
  examples: ['account signup company:"Acme Ltd" contact:"Ada Lovelace" email:ada@acme.io phone:+447700900123 via:sms'],
  formTitle: "Sign up",
  args: z.object({
    company: z.string().trim().min(2, "must be at least 2 characters").max(100),
    contact: z.string().trim().min(2, "must be at least 2 characters").max(100),
    email: emailArg,
    phone: phoneArg,
    via: z.enum(["sms", "voice"]).default("sms"),
  }),
  fields: {
    company: { label: "Company name", hint: "Invoices are printed with it" },
    contact: { label: "Your name" },
    email: { label: "E-mail" },
    phone: { label: "Phone (international format)", kind: "phone", placeholder: "+447700900123" },
    via: { label: "Send the PIN by" },
  },
  access: "anyone",
  sideEffect: "write",
  needsAccount: false,
  async handler(ctx, args) {
    const { accountSettings, verification } = ctx.services;
    if (await accountSettings.phoneOwner(args.phone)) throw phoneInUse(args.phone);
    const { expiresAt } = await verification.start({
      purpose: "signup",
      phone: args.phone,
      channel: args.via,
      requestedBy: ctx.invocation.actor,
      payload: { company: args.company, contact: args.contact, email: args.email, channel: ctx.invocation.channel },
      at: ctx.clock.now(),
    });
    const how = args.via === "sms" ? "a text message" : "an automated phone call";
    return reply([
      text(`We sent a PIN to ${args.phone} by ${how}. It is valid until ${expiresAt.toISOString().slice(11, 16)} UTC (5 minutes).`),
      text(SIMULATED_NOTE, "muted"),
      text("Then run `account verify <pin>`. No PIN? `account verify resend` (add via:voice for a call)."),
    ]);
  },
});
