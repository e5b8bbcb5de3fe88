// Turns what a person types for a channel into a full address in the workspace they typed
// it in: <#C123|general> (Slack), <#123> (Discord) or a bare id. An address in another
// workspace is refused: a team posts only into its own channels.
import { UserError } from "../core/errors.ts";

const CHANNEL_MENTION = /^<#([A-Za-z0-9]+)(?:\|[^>]*)?>$/;
const BARE_ID = /^[A-Za-z0-9_-]+$/;

export function resolveChannel(typed: string | undefined, where: { workspace: string; channel: string }): string {
  // The Slack adapter hands channel mentions over as #slack:T1:C1.
  const value = typed?.trim().replace(/^#(?=(slack|discord|console):)/, "");
  if (!value) return where.channel;
  const mention = CHANNEL_MENTION.exec(value);
  if (mention) return `${where.workspace}:${mention[1]}`;
  if (value.split(":").length >= 3) {
    if (value.startsWith(`${where.workspace}:`)) return value;
    throw new UserError("foreign_channel", `${value} is not a channel of this workspace.`, {
      hint: "Alerts can only be posted into channels of the workspace you are typing in.",
    });
  }
  if (value.startsWith("#")) {
    throw new UserError("channel_name", `"${value}" is a channel name; Switchboard needs the channel itself.`, {
      hint: "Type # and pick the channel from the list, so the chat turns it into a link, or give the channel id.",
      field: "channel",
    });
  }
  if (BARE_ID.test(value)) return `${where.workspace}:${value}`;
  throw new UserError("bad_channel", `"${value}" does not look like a channel.`, {
    hint: "Mention the channel (#channel) or give its id; leave it out to use this channel.",
    field: "channel",
  });
}

/** How a channel address reads in a message: its platform's own link where possible. */
export function channelLabel(address: string): string {
  const [platform, , id] = address.split(":");
  if ((platform === "slack" || platform === "discord") && id) return `<#${id}>`;
  return `#${id ?? address}`;
}
