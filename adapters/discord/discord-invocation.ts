// Who is asking, from where, in the core's neutral addresses: discord:GUILD:USER,
// discord:GUILD, discord:GUILD:CHANNEL (discord:@me in direct messages).
import type { APIInteraction } from "discord.js";
import type { Invocation } from "../../src/core/commands/context.ts";

export function invocationOf(interaction: APIInteraction): Invocation {
  const user = interaction.member?.user ?? interaction.user;
  const guild = interaction.guild_id ?? "@me";
  const channel = interaction.channel?.id ?? interaction.channel_id ?? "unknown";
  return {
    surface: "discord",
    actor: `discord:${guild}:${user?.id ?? "unknown"}`,
    actorName: interaction.member?.nick ?? user?.global_name ?? user?.username ?? "Discord user",
    workspace: `discord:${guild}`,
    channel: `discord:${guild}:${channel}`,
    // A retried interaction carries the same id: a mutation it asks for runs once.
    idempotencyKey: interaction.id,
    canShowForms: true,
  };
}

/** Where to reach the requester privately when the interaction can no longer answer. */
export function directAddress(interaction: APIInteraction): string {
  const user = interaction.member?.user ?? interaction.user;
  return `discord:${interaction.guild_id ?? "@me"}:@${user?.id ?? "unknown"}`;
}
