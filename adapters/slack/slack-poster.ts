// The core's ChannelPoster for slack: addresses. slack:T:C posts to a channel, slack:T:@U
// to the user's direct messages with the app (invitations); a replaceRef ("CHANNEL:ts")
// edits the earlier post in place. The outbox owns retries, so the client here never
// retries or waits out a 429 itself: it reports it with Retry-After and returns.
// Each new post carries its outbox id as message metadata; a retry of a post whose earlier
// attempt has no recorded answer (the process died after Slack accepted it, or the answer
// was lost) first looks for that id in the channel's recent history, so it posts once.
// Files (an alert's chart) are uploaded with files.uploadV2 into the new post's thread, after
// it. A post found again by its outbox id is not given them a second time, and a failed
// upload does not fail the post, which is already out: a chart may go missing, never twice.
import { WebClient, type WebClientOptions } from "@slack/web-api";
import { DeliveryError, type ChannelPoster, type PostResult } from "../../src/core/channel-poster.ts";
import type { Message, ReadyFile } from "../../src/core/view.ts";
import { parseSlackAddress } from "./slack-invocation.ts";
import { renderMessage } from "./slack-renderer.ts";
import { toDeliveryError } from "./slack-delivery-errors.ts";
import { slackFileUploads } from "./slack-file-uploads.ts";

export type TokenSource = (teamId: string) => Promise<string | undefined>;

export class SlackPoster implements ChannelPoster {
  readonly platform = "slack";
  private readonly clients = new Map<string, WebClient>();

  constructor(
    private readonly tokenFor: TokenSource,
    private readonly clientOptions: Pick<WebClientOptions, "slackApiUrl" | "logger" | "fetch" | "timeout"> = {},
  ) {}

  async post(channel: string, message: Message, replaceRef?: string, idempotencyKey?: string, mayBeThere?: boolean, files: readonly ReadyFile[] = []): Promise<PostResult> {
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
      if (idempotencyKey && mayBeThere) {
        const earlier = await findPosted(client, channelId, idempotencyKey);
        if (earlier) return { ref: `${channelId}:${earlier}` };
      }
      const metadata = idempotencyKey ? { event_type: POST_EVENT_TYPE, event_payload: { outbox_id: idempotencyKey } } : undefined;
      const posted = await client.chat.postMessage({ channel: channelId, blocks, text, ...(metadata ? { metadata } : {}) });
      const postedIn = posted.channel ?? channelId;
      if (files.length && posted.ts) await this.uploadInThread(client, postedIn, posted.ts, files);
      return { ref: `${postedIn}:${posted.ts}` };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  private async uploadInThread(client: WebClient, channelId: string, threadTs: string, files: readonly ReadyFile[]): Promise<void> {
    try {
      await client.filesUploadV2({
        channel_id: channelId,
        thread_ts: threadTs,
        file_uploads: slackFileUploads(files),
      });
    } catch (error) {
      this.clientOptions.logger?.warn(`a post's files could not be uploaded to ${channelId}; the post itself went out: ${(error as Error).message}`);
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

/** The metadata event type of Switchboard's channel posts (Slack: a-z, 0-9, _ only). */
export const POST_EVENT_TYPE = "switchboard_post";
/** How far back a retry looks: one page of the channel's newest messages. */
const HISTORY_LOOKBACK = 100;

/**
 * The ts of a message already posted for this outbox id, if the channel's recent history
 * has one. Without the history scopes (an install from before they were asked for) the
 * lookup cannot be made and the post goes ahead, as it did before.
 */
async function findPosted(client: WebClient, channelId: string, outboxId: string): Promise<string | undefined> {
  let history;
  try {
    history = await client.conversations.history({ channel: channelId, limit: HISTORY_LOOKBACK, include_all_metadata: true });
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === "missing_scope" || code === "not_in_channel") return undefined;
    throw error;
  }
  const found = history.messages?.find((m) => m.metadata?.event_type === POST_EVENT_TYPE && (m.metadata.event_payload as Record<string, unknown> | undefined)?.outbox_id === outboxId);
  return found?.ts;
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
