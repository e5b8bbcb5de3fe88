import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { say } from "../../core/view.ts";
import { directMessageAddress } from "../../accounts/invites.ts";
import { mention } from "../../accounts/chat-users.ts";
import { describeGains, previewReply } from "./link-preview.ts";

/**
 * The second step of `users link`: each identity that gives access away confirms here,
 * from the button it was shown. Linking is audited (as this command) and announced as an
 * account event on every account someone gains.
 */
export const usersLinkConfirmCommand = defineCommand({
  path: "users link confirm",
  description: "Confirm linking two chat identities (from the button `users link` shows)",
  args: z.object({ request: z.string().trim().min(16, "is the link request from the button") }),
  positional: ["request"],
  access: "anyone",
  sideEffect: "write",
  needsAccount: false,
  async handler(ctx, { request }) {
    const { identityLinks, events, outbox, clock } = ctx.services;
    const now = clock.now();
    const outcome = await identityLinks.confirm(request, ctx.invocation.actor, now);
    const { preview } = outcome;
    if (outcome.state === "waiting" && outcome.waitingFor === "issuer") {
      const issuer = preview.issuedBy ?? preview.issuerIdentities[0]!;
      await outbox.enqueue({
        channel: directMessageAddress(issuer),
        dedupeKey: `link-confirm:${preview.ref}`,
        message: previewReply(preview, `${mention(preview.redeemer)} typed your \`users link\` code and asks to be linked with you.`, "Link, I gain nothing").message!,
      });
      return say(`Waiting for ${mention(issuer)} to confirm: they were sent a direct message showing what you would gain.`);
    }
    if (outcome.state === "waiting") return say("Waiting for the identity that typed the code to confirm.");
    for (const [gainer, gained] of [
      [preview.issuerIdentities.join(", "), preview.issuerGains],
      [preview.redeemer, preview.redeemerGains],
    ] as const) {
      for (const account of gained) {
        await events.emit({
          accountId: account.accountId,
          type: "user.linked",
          summary: `${preview.redeemer} and ${preview.issuerIdentities.join(", ")} were linked as one person: ${gainer} now has ${account.companyName}.`,
          data: { identities: [...preview.issuerIdentities, preview.redeemer], gainedBy: gainer, role: account.role, permissions: account.permissions },
          at: now,
        });
      }
    }
    return say(`Linked: these identities are now one person. Gained: ${describeGains([...preview.issuerGains, ...preview.redeemerGains])}.`);
  },
});
