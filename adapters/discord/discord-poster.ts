// The core's ChannelPoster for Discord: the outbox posts alerts, account events and
// invitations through here. `discord:GUILD:CHANNEL` posts into a channel (an edit when a
// replaceRef is given); `discord:GUILD:@USER` opens the member's direct messages first.
// Rate limits are the REST client's buckets: a wait of up to a second is taken in place, a
// longer one comes back as a retryable DeliveryError carrying Retry-After, so the outbox
// reschedules instead of holding a worker.
import { DiscordAPIError, HTTPError, REST, RateLimitError, Routes, type RawFile } from "discord.js";
import type { ChannelPoster, PostResult } from "../../src/core/channel-poster.ts";
import { DeliveryError } from "../../src/core/channel-poster.ts";
import type { Message, ReadyFile, ReadyReply } from "../../src/core/view.ts";
import { renderReply, type DiscordPayload } from "./discord-renderer.ts";

export interface PosterRestOptions {
  token: string;
  /** DISCORD_API_URL: the REST base, such as https://discord.com/api. */
  api?: string;
  /** The longest rate-limit wait taken in place before giving the post back to the outbox. */
  maxWaitMs?: number;
}

export function createPosterRest({ token, api, maxWaitMs = 1_000 }: PosterRestOptions): REST {
  // No retries here: the outbox retries with its own backoff and honours Retry-After.
  return new REST({ ...(api ? { api } : {}), retries: 0, timeout: 10_000, rejectOnRateLimit: (limit) => limit.retryAfter > maxWaitMs }).setToken(token);
}

export class DiscordPoster implements ChannelPoster {
  readonly platform = "discord";
  private readonly directChannels = new Map<string, string>();

  constructor(private readonly rest: REST) {}

  /** Files ride in the post's own request (a chart shown as its embed image), so the nonce covers them too. */
  post(channel: string, message: Message, replaceRef?: string, idempotencyKey?: string, _mayBeThere?: boolean, files: readonly ReadyFile[] = []): Promise<PostResult> {
    return this.deliver(channel, { visibility: "channel", message, files: replaceRef ? [] : [...files] }, replaceRef, idempotencyKey);
  }

  /** A whole reply, files included: what an interaction answers after its token expired. */
  async deliver(channel: string, reply: ReadyReply, replaceRef?: string, idempotencyKey?: string): Promise<PostResult> {
    try {
      const target = await this.channelId(channel);
      const [first, ...more] = renderReply(reply);
      if (replaceRef) {
        // An edit replaces the first message; an alert that outgrew it is not split further.
        await this.rest.patch(Routes.channelMessage(target, replaceRef), { body: first!.body });
        return { ref: replaceRef };
      }
      // With enforce_nonce, Discord answers a repeated nonce (within a few minutes) with the
      // message it already created instead of posting it twice.
      const nonce = idempotencyKey ? { nonce: idempotencyKey.slice(-25), enforce_nonce: true } : {};
      const posted = await this.send(target, { ...first!.body, ...nonce }, first!.files);
      for (const next of more) await this.send(target, next.body, next.files);
      return { ref: posted.id };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  private send(channelId: string, body: DiscordPayload, files: RawFile[]) {
    return this.rest.post(Routes.channelMessages(channelId), { body, files }) as Promise<{ id: string }>;
  }

  private async channelId(address: string): Promise<string> {
    const [platform, , target] = address.split(":");
    const user = target?.startsWith("@") ? target.slice(1) : undefined;
    const id = user ?? target;
    if (platform !== "discord" || !id || !/^\d{1,25}$/.test(id)) {
      throw new DeliveryError(`"${address}" is not a Discord channel or member address (discord:GUILD:CHANNEL or discord:GUILD:@USER)`, false);
    }
    if (!user) return id;
    const known = this.directChannels.get(user);
    if (known) return known;
    const dm = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: user } })) as { id: string };
    this.directChannels.set(user, dm.id);
    return dm.id;
  }
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    return new DeliveryError(`Discord rate limit on ${error.route}`, true, Math.max(0, Math.ceil(error.retryAfter)));
  }
  if (error instanceof DiscordAPIError) {
    // 403: no access (or the member closed direct messages); 404: the channel is gone.
    const retryable = error.status === 429 || error.status >= 500;
    return new DeliveryError(`Discord refused the post: ${error.status} ${error.code} ${error.message}`.slice(0, 300), retryable);
  }
  if (error instanceof HTTPError) return new DeliveryError(`Discord answered ${error.status}`, true);
  return new DeliveryError(`Could not reach Discord: ${(error as Error).message ?? String(error)}`.slice(0, 300), true);
}
