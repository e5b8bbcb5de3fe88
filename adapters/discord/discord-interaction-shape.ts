// What an interaction must look like before the handler sees it: the fields the handler
// and the routing read, with their types. A signed body of another shape is Discord's
// bug or an attacker's replay of a different payload: either way a 400, never a crash.
import { z } from "zod";
import type { APIInteraction } from "discord.js";

const snowflake = z.string().regex(/^\d{1,25}$/);
const user = z.looseObject({ id: snowflake, username: z.string().optional(), global_name: z.string().nullish() });

type Option = { name: string; type: number; value?: unknown; focused?: boolean; options?: Option[] };
const option: z.ZodType<Option> = z.lazy(() =>
  z.looseObject({
    name: z.string().max(100),
    type: z.number().int(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(option).max(25).optional(),
  }),
);
// Switchboard registers chat-input commands only (type 1): other kinds are not its to answer.
const commandData = z.looseObject({ name: z.string().max(100), type: z.literal(1), options: z.array(option).max(25).optional() });

const base = {
  id: snowflake,
  application_id: snowflake,
  token: z.string().min(1).max(500),
  version: z.number().int().optional(),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  channel: z.looseObject({ id: snowflake }).optional(),
  member: z.looseObject({ user, nick: z.string().nullish() }).optional(),
  user: user.optional(),
};

const interaction = z.discriminatedUnion("type", [
  z.looseObject({ ...base, type: z.literal(1) }),
  z.looseObject({ ...base, type: z.literal(2), data: commandData }),
  z.looseObject({
    ...base,
    type: z.literal(3),
    data: z.looseObject({ custom_id: z.string().max(100), component_type: z.number().int(), values: z.array(z.string()).max(25).optional() }),
    message: z.looseObject({ components: z.array(z.looseObject({})).optional() }),
  }),
  z.looseObject({ ...base, type: z.literal(4), data: commandData }),
  z.looseObject({
    ...base,
    type: z.literal(5),
    data: z.looseObject({ custom_id: z.string().max(100), components: z.array(z.looseObject({})).max(25) }),
  }),
]);

/** The interaction, or undefined when the body is not one Switchboard can answer. */
export function asInteraction(body: unknown): APIInteraction | undefined {
  const parsed = interaction.safeParse(body);
  if (!parsed.success) return undefined;
  // A command needs someone to run it as: a guild member or, in a DM, the user.
  if (parsed.data.type !== 1 && !parsed.data.member && !parsed.data.user) return undefined;
  return parsed.data as unknown as APIInteraction;
}
