// The core's ChannelPoster for slack: addresses. slack:T:C posts to a channel, slack:T:@U
// to the user's direct messages with the app (invitations); a replaceRef ("CHANNEL:ts")
// edits the earlier post in place. The outbox owns retries, so the client here never
// retries or waits out a 429 itself: it reports it with Retry-After and returns.
import { WebClient, type WebClientOptions } from "@slack/web-api";
import { DeliveryError, type ChannelPoster, type PostResult } from "../../src/core/channel-poster.ts";
import type { Message } from "../../src/core/view.ts";
import { parseSlackAddress } from "./slack-invocation.ts";
import { renderMessage } from "./slack-renderer.ts";
import { toDeliveryError } from "./slack-delivery-errors.ts";

export type TokenSource = (teamId: string) => Promise<string | undefined>;

export class SlackPoster implements ChannelPoster {
  readonly platform = "slack";
  private readonly clients = new Map<string, WebClient>();

  constructor(
    private readonly tokenFor: TokenSource,
    private readonly clientOptions: Pick<WebClientOptions, "slackApiUrl" | "logger" | "fetch"> = {},
  ) {}

  async post(channel: string, message: Message, replaceRef?: string): Promise<PostResult> {
    const address = parseSlackAddress(channel);
    if (!address) throw new DeliveryError(`"${channel}" is not a Slack address (slack:TEAM:CHANNEL or slack:TEAM:@USER)`, false);
    const token = await this.tokenFor(address.teamId);
    if (!token) throw new DeliveryError(`Switchboard is not installed in the Slack workspace ${address.teamId}`, false);
    const client = this.client(token);
    const { blocks, text } = renderMessage(message);
    try {
      if (replaceRef) {
        const [channelId, ts] = splitRef(replaceRef);
        await client.chat.update({ channel: channelId, ts, blocks, text });
        return { ref: replaceRef };
      }
      const channelId = "channelId" in address ? address.channelId : await openDirect(client, address.userId);
      const posted = await client.chat.postMessage({ channel: channelId, blocks, text });
      return { ref: `${posted.channel ?? channelId}:${posted.ts}` };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  private client(token: string): WebClient {
    let client = this.clients.get(token);
    if (!client) {
      client = new WebClient(token, { ...this.clientOptions, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
      this.clients.set(token, client);
    }
    return client;
  }
}

export async function openDirect(client: WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw new DeliveryError(`Slack opened no direct message channel with ${userId}`, true);
  return id;
}

function splitRef(ref: string): [string, string] {
  const at = ref.indexOf(":");
  if (at <= 0) throw new DeliveryError(`"${ref}" is not a Slack message reference (CHANNEL:ts)`, false);
  return [ref.slice(0, at), ref.slice(at + 1)];
}
