import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { divider, header, reply, text, type Block } from "../../core/view.ts";
import { shortCodeBlocks } from "./short-code-args.ts";

export const shortcodesListCommand = defineCommand({
  path: "shortcodes list",
  description: "Your short codes, their templates and the opt-in text to show",
  args: z.object({}),
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const { account } = ctx;
    const shortCodes = await ctx.services.shortCodes.list(account);
    if (shortCodes.length === 0) {
      return reply([text(`${account.companyName} has no short codes yet. Set one up with \`shortcodes 2fa\` or \`shortcodes alerts\`.`)]);
    }
    const blocks: Block[] = [header(`Short codes of ${account.companyName}`)];
    shortCodes.forEach((sc, i) => blocks.push(...(i > 0 ? [divider] : []), ...shortCodeBlocks(sc)));
    return reply(blocks);
  },
});
