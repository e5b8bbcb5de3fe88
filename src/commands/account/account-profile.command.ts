import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { buttons, fields, reply } from "../../core/view.ts";

export const accountProfileCommand = defineCommand({
  path: "account profile",
  description: "Contact and company information of the account",
  args: z.object({}),
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const { account } = ctx;
    const profile = await ctx.services.accountSettings.profile(account.id);
    return reply([
      fields({
        Contact: profile.contactName,
        "E-mail": profile.email,
        Phone: profile.phone ?? "none",
        Skype: profile.skype ?? "none",
        Company: profile.companyName,
        Address: profile.address ?? "none",
        "VAT number": profile.vatNumber ?? "none",
      }),
      buttons({ label: "Edit profile", action: { command: "account profile update", args: { account: account.id } } }),
    ]);
  },
});
