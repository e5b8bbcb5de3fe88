// How the core posts into a channel without knowing the platform. Each chat adapter
// registers a poster for its address prefix (slack:, discord:, console:); the outbox
// dispatcher picks one by the channel address and never branches on the platform.
import type { Message, ReadyFile } from "./view.ts";

export interface PostResult {
  /** The platform's id of the message, so that a later post can edit it in place. */
  ref: string;
}

export interface ChannelPoster {
  /** The address prefix this poster serves: "slack", "discord" or "console". */
  platform: string;
  /**
   * Posts `message` to `channel` (a full address such as slack:T1:C1), or edits the
   * message `replaceRef` in place when given. Throws DeliveryError when it cannot.
   * `idempotencyKey` names the post (the outbox row): a platform that can deduplicate on
   * it (Discord's nonce) turns a repeated attempt after an unrecorded success into nothing.
   * `mayBeThere` says an earlier attempt of this post ended without a recorded answer (a
   * crash, a timeout): a platform that can look its recent messages up for the key (Slack's
   * message metadata) returns the earlier message instead of posting it twice.
   * `files` go with a new post (never with an edit): Slack uploads them into the post's
   * thread, Discord attaches them (an image shown in an embed), the console writes them.
   */
  post(channel: string, message: Message, replaceRef?: string, idempotencyKey?: string, mayBeThere?: boolean, files?: readonly ReadyFile[]): Promise<PostResult>;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** Whether trying again later may succeed (429, 5xx, network), or never will (404, no access). */
    readonly retryable: boolean,
    /** The platform's Retry-After, when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

export const platformOf = (address: string): string => address.split(":", 1)[0] ?? "";
