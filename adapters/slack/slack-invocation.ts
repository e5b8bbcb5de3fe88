// Slack's ids as the core's platform-neutral addresses: actor slack:TEAM:USER, workspace
// slack:TEAM, channel slack:TEAM:CHANNEL, and slack:TEAM:@USER for the user's direct
// messages with the app (where App Home requests come from).
import type { Invocation } from "../../src/core/commands/context.ts";

export interface SlackOrigin {
  teamId: string;
  userId: string;
  userName?: string;
  /** The conversation the request came from; absent for App Home. */
  channelId?: string;
  /** trigger_id or event_id: the same for a retried delivery, new for every fresh request. */
  requestKey?: string;
  requestId?: string;
  /** Switchboard re-renders a view on its own (App Home), see Invocation.refresh. */
  refresh?: boolean;
}

export function invocationFor(origin: SlackOrigin): Invocation {
  const { teamId, userId } = origin;
  return {
    surface: "slack",
    actor: `slack:${teamId}:${userId}`,
    actorName: origin.userName || userId,
    workspace: `slack:${teamId}`,
    channel: origin.channelId ? `slack:${teamId}:${origin.channelId}` : directAddress(teamId, userId),
    idempotencyKey: origin.requestKey ? `slack:${origin.requestKey}` : undefined,
    canShowForms: true,
    requestId: origin.requestId,
    ...(origin.refresh ? { refresh: true } : {}),
  };
}

export const directAddress = (teamId: string, userId: string): string => `slack:${teamId}:@${userId}`;

export type SlackAddress = { teamId: string; channelId: string } | { teamId: string; userId: string };

/** slack:T1:C1 (a channel) or slack:T1:@U1 (a direct message); undefined for anything else. */
export function parseSlackAddress(address: string): SlackAddress | undefined {
  const match = /^slack:([A-Z0-9]+):(@?)([A-Z0-9]+)$/i.exec(address);
  if (!match) return undefined;
  return match[2] ? { teamId: match[1]!, userId: match[3]! } : { teamId: match[1]!, channelId: match[3]! };
}
