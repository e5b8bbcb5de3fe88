import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { reply, text } from "../../core/view.ts";
import { previewReply } from "./link-preview.ts";

/** One person, two platforms: ask for a code on one, type it on the other. */
export const usersLinkCommand = defineCommand({
  path: "users link",
  description: "Link your Slack and Discord identities: get a code here, type it on the other platform",
  examples: ["users link", "users link K7Q2M9XA"],
  args: z.object({ code: z.string().trim().optional() }),
  positional: ["code"],
  fields: { code: { sensitive: true } },
  access: "anyone",
  sideEffect: "write",
  secretReply: true,
  needsAccount: false,
  async handler(ctx, { code }) {
    const { directory, identityLinks, clock } = ctx.services;
    const now = clock.now();
    if (code) {
      const preview = await identityLinks.preview(code, ctx.invocation.actor, ctx.invocation.actorName, now);
      return previewReply(preview, "Nothing is linked yet.", preview.issuerGains.length > 0 ? "Link, I gain nothing" : "Link");
    }
    const personId = await directory.ensurePerson(ctx.invocation.actor, ctx.invocation.actorName);
    const issued = await identityLinks.issue(personId, ctx.invocation.actor, now);
    return reply([
      text(`Your link code is *${issued.code}*. On the other platform, type \`users link ${issued.code}\` within 15 minutes.`),
      text("Only you can see this code; it works once. Never type a code someone else gave you: it would give them your accounts.", "muted"),
    ]);
  },
});
