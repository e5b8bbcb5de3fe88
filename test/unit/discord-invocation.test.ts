// Discord identities in the core's neutral addresses: a guild member and a direct message.
import { describe, expect, it } from "vitest";
import type { APIInteraction } from "discord.js";
import { directAddress, invocationOf } from "../../adapters/discord/discord-invocation.ts";
import { CHANNEL, GUILD, USER, slash } from "../helpers/discord/interactions.ts";

describe("discord invocation", () => {
  it("addresses a guild member by guild, user and channel, keyed by the interaction id", () => {
    const interaction = slash(["help"]) as unknown as APIInteraction;
    expect(invocationOf(interaction)).toEqual({
      surface: "discord",
      actor: `discord:${GUILD}:${USER}`,
      actorName: "Ada",
      workspace: `discord:${GUILD}`,
      channel: `discord:${GUILD}:${CHANNEL}`,
      idempotencyKey: interaction.id,
      canShowForms: true,
    });
    expect(directAddress(interaction)).toBe(`discord:${GUILD}:@${USER}`);
  });

  it("uses @me for direct messages with the bot", () => {
    const interaction = slash(["help"], [], { guild: null, channel: "100000000000000444" }) as unknown as APIInteraction;
    expect(invocationOf(interaction)).toMatchObject({
      actor: `discord:@me:${USER}`,
      workspace: "discord:@me",
      channel: "discord:@me:100000000000000444",
    });
  });
});
