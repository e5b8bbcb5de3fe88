// Slack's failures as the outbox understands them: worth retrying later (429 with its
// Retry-After, 5xx, network trouble, Slack's own transient errors) or never going to work
// (not in the channel, channel gone, token revoked...), with a sentence that says what to do.
import { DeliveryError } from "../../src/core/channel-poster.ts";

const TRANSIENT = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited", "rate_limited"]);

const ADVICE: Record<string, string> = {
  not_in_channel: "invite the app to the channel (/invite @Switchboard)",
  channel_not_found: "the channel was deleted or the app cannot see it; invite the app or pick another channel",
  is_archived: "the channel is archived; pick another channel",
  invalid_auth: "the Slack token is no longer valid; reinstall the app",
  token_revoked: "the Slack token was revoked; reinstall the app",
  account_inactive: "the Slack token was revoked; reinstall the app",
  message_not_found: "the message to update was deleted",
  cannot_dm_bot: "that user is a bot and cannot receive direct messages",
  user_not_found: "that Slack user no longer exists",
};

interface SlackErrorShape {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string; response_metadata?: { retryAfter?: number } };
  message?: string;
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (error ?? {}) as SlackErrorShape;
  switch (e.code) {
    case "slack_webapi_rate_limited_error":
      return new DeliveryError("Slack is rate limiting this app", true, secondsToMs(e.retryAfter));
    case "slack_webapi_http_error": {
      const status = e.statusCode ?? 0;
      return new DeliveryError(`Slack answered HTTP ${status}`, status >= 500 || status === 408, undefined);
    }
    case "slack_webapi_request_error":
      return new DeliveryError("Slack could not be reached", true);
    case "slack_webapi_platform_error": {
      const code = e.data?.error ?? "unknown_error";
      const advice = ADVICE[code];
      return new DeliveryError(
        `Slack refused the post: ${code}${advice ? ` (${advice})` : ""}`,
        TRANSIENT.has(code),
        secondsToMs(e.data?.response_metadata?.retryAfter),
      );
    }
    default:
      // Unknown failures are treated as transient: the outbox gives up after its own limit.
      return new DeliveryError(`Posting to Slack failed: ${e.message ?? String(error)}`.slice(0, 300), true);
  }
}

const secondsToMs = (seconds: number | undefined) => (seconds !== undefined && Number.isFinite(seconds) ? seconds * 1000 : undefined);
