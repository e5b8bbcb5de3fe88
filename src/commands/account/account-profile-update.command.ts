import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { reply, text } from "../../core/view.ts";
import type { Block } from "../../core/view.ts";
import type { AccountSettings } from "../../accounts/account-settings.ts";
import { emailArg, phoneArg, vatArg } from "../../accounts/validation.ts";

export const accountProfileUpdateCommand = defineCommand({
  path: "account profile update",
  description: "Change contact or company information (a new phone is verified by PIN)",
  examples: ["account profile update email:finance@acme.io vat:DE136695976", 'account profile update company:"Acme GmbH"'],
  args: z.object({
    contact: z.string().trim().min(2).max(100).optional(),
    email: emailArg.optional(),
    phone: phoneArg.optional(),
    skype: z.string().trim().max(100).optional(),
    company: z.string().trim().min(2).max(100).optional(),
    address: z.string().trim().max(300).optional(),
    vat: vatArg.optional(),
  }),
  fields: {
    contact: { label: "Contact name" },
    phone: { label: "Phone", kind: "phone" },
    company: { label: "Company name" },
    address: { label: "Company address", kind: "multiline" },
    vat: { label: "VAT number", placeholder: "DE136695976" },
  },
  access: "primary",
  sideEffect: "write",
  needsAccount: true,
  requires: "profile",
  async handler(ctx, args) {
    const { account } = ctx;
    const { accountSettings, verification, directory } = ctx.services;
    if (Object.values(args).every((v) => v === undefined)) return editForm(accountSettings, account.id);
    const blocks: Block[] = [];
    if (args.phone && args.phone !== account.phone) {
      if (await accountSettings.phoneOwner(args.phone)) {
        throw new UserError("phone_in_use", `${args.phone} is the phone number of another account.`, {
          hint: "Remove it from that account's profile first.",
        });
      }
      await verification.start({ purpose: "profile-phone", phone: args.phone, channel: "sms", requestedBy: ctx.invocation.actor, accountId: account.id, at: ctx.clock.now() });
      blocks.push(text(`To change the phone to ${args.phone}, enter the PIN we sent it: \`account verify <pin>\` (sandbox: \`sandbox inbox\`).`));
    }
    await accountSettings.updateProfile(account.id, {
      contactName: args.contact, email: args.email, skype: args.skype, companyName: args.company, address: args.address, vatNumber: args.vat,
    });
    const changed = Object.keys(args).filter((k) => k !== "phone" && args[k as keyof typeof args] !== undefined);
    if (changed.length) blocks.unshift(text(`Profile updated: ${changed.map((k) => CHANGED_LABELS[k] ?? k).join(", ")}.`, "success"));
    if (args.company) {
      const twins = (await directory.accountsOfWorkspace(ctx.invocation.workspace)).filter(
        (a) => a.id !== account.id && a.companyName.toLowerCase() === args.company!.toLowerCase(),
      );
      if (twins.length) {
        blocks.push(text(`Another account in this workspace (${twins.map((t) => t.apiKey).join(", ")}) uses the company name "${args.company}": invoices are printed by company name, so give each account a different one.`, "warning"));
      }
    }
    return reply(blocks);
  },
});

async function editForm(accountSettings: AccountSettings, accountId: string) {
  const p = await accountSettings.profile(accountId);
  const field = (name: string, label: string, initial: string | null, kind: "text" | "email" | "phone" | "multiline" = "text") => ({
    name, label, kind, required: false, initial: initial ?? undefined,
  });
  return {
    visibility: "ephemeral" as const,
    form: {
      title: "Edit profile",
      submitLabel: "Save",
      command: "account profile update",
      fixedArgs: { account: accountId },
      fields: [
        field("contact", "Contact name", p.contactName),
        field("email", "E-mail", p.email, "email"),
        field("phone", "Phone", p.phone, "phone"),
        field("company", "Company name", p.companyName),
        field("vat", "VAT number", p.vatNumber),
      ],
    },
  };
}

const CHANGED_LABELS: Record<string, string> = {
  contact: "contact name", email: "e-mail", skype: "Skype", company: "company name", address: "company address", vat: "VAT number",
};
