import type { CommandContext } from "../../core/commands/context.ts";

export const activeSecrets = (ctx: CommandContext, accountId: string) =>
  ctx.services.db.apiSecret.findMany({
    where: { accountId, revokedAt: null },
    select: { id: true, hint: true, secretEnc: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
