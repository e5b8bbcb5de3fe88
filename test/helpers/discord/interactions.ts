// Interaction payloads as Discord sends them (Interactions reference): a member of a guild
// running a slash command, clicking, choosing, submitting a modal or typing into an option.
/* eslint-disable @typescript-eslint/no-explicit-any */

export const APP = "100000000000000010";
export const GUILD = "100000000000000001";
export const CHANNEL = "100000000000000002";
export const USER = "100000000000000003";
export const TOKEN = "fake-bot-token";

let counter = 0;
/** A snowflake whose timestamp is now, as Discord's interaction ids are. */
const snowflake = () => String(((BigInt(Date.now()) - 1420070400000n) << 22n) + BigInt(counter++ % 4096));

export interface Who {
  user?: string;
  name?: string;
  guild?: string | null;
  channel?: string;
}

function base(type: number, who: Who = {}) {
  const id = snowflake();
  const user = { id: who.user ?? USER, username: who.name ?? "ada", discriminator: "0", global_name: who.name ?? "Ada", avatar: null };
  const guild = who.guild === undefined ? GUILD : who.guild;
  const channel = who.channel ?? CHANNEL;
  const where = guild
    ? {
        guild_id: guild,
        member: { user, nick: null, roles: [], joined_at: "2025-01-01T00:00:00.000Z", deaf: false, mute: false, flags: 0, permissions: "2248473465835073" },
        channel: { id: channel, type: 0, guild_id: guild, name: "general" },
        context: 0,
      }
    : { user, channel: { id: channel, type: 1, recipients: [user] }, context: 1 };
  return {
    id,
    application_id: APP,
    type,
    token: `interaction-token-${id}`,
    version: 1,
    channel_id: channel,
    app_permissions: "2248473465835073",
    locale: "en-GB",
    guild_locale: "en-GB",
    entitlements: [],
    authorizing_integration_owners: { "0": guild ?? USER },
    attachment_size_limit: 10485760,
    ...where,
  };
}

/**
 * The `data` Discord sends for a registry path: `/numbers search` for ["numbers", "search"]
 * (a third word joins the second with a dash), `/switchboard help` for a single word or run.
 */
export function commandData(path: string[], options: any[]): { id: string; name: string; type: 1; options: any[] } {
  const [first, ...rest] = path;
  const [name, sub] = rest.length ? [first!, rest.join("-")] : ["switchboard", first!];
  return { id: "100000000000000500", name, type: 1, options: [{ type: 1, name: sub, options }] };
}

export function slash(path: string[], options: any[] = [], who?: Who) {
  return { ...base(2, who), data: commandData(path, options) };
}

export function autocomplete(path: string[], options: any[], who?: Who) {
  return { ...base(4, who), data: commandData(path, options) };
}

/** A click on the component `customId` of `message` (a message object from the fake). */
export function click(customId: string, message: any, who?: Who) {
  return { ...base(3, who), message, data: { custom_id: customId, component_type: 2 } };
}

export function choose(customId: string, values: string[], message: any, who?: Who) {
  return { ...base(3, who), message, data: { custom_id: customId, component_type: 3, values } };
}

export function submit(customId: string, values: Record<string, string>, who?: Who) {
  let id = 1;
  const components = Object.entries(values).map(([name, value]) => ({ type: 18, id: id++, component: { type: 4, id: id++, custom_id: name, value } }));
  return { ...base(5, who), data: { custom_id: customId, components } };
}

/** Every custom_id in a message body, by button label or select placeholder. */
export function customIds(body: any): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const row of body?.components ?? []) for (const c of row.components ?? []) ids[c.label ?? c.placeholder] = c.custom_id;
  return ids;
}

/** All the text of a message body: content, embed titles, descriptions and fields. */
export function textOf(body: any): string {
  const embeds = (body?.embeds ?? []).map((e: any) =>
    [e.title, e.description, ...(e.fields ?? []).map((f: any) => `${f.name}: ${f.value}`)].filter(Boolean).join("\n"),
  );
  return [body?.content, ...embeds].filter(Boolean).join("\n");
}
