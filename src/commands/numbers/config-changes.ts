// Turns what `numbers configure` was given into configuration changes: "none" clears a
// value, URLs must be http(s), and a number answers calls either through an application or
// through its own voice URLs, never both.
import { UserError } from "../../core/errors.ts";
import type { NumberConfig } from "../../providers/number-provider.ts";

export interface ConfigureInput {
  sms?: string;
  answer?: string;
  event?: string;
  application?: string;
}

export const URL_KEYS = ["smsWebhookUrl", "voiceAnswerUrl", "voiceEventUrl"] as const;
export type UrlKey = (typeof URL_KEYS)[number];

export const URL_LABELS: Record<UrlKey, string> = {
  smsWebhookUrl: "the inbound SMS webhook",
  voiceAnswerUrl: "the voice answer URL",
  voiceEventUrl: "the voice event URL",
};

const CLEAR = /^(none|-|clear)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function configChanges(input: ConfigureInput): NumberConfig {
  const changes: NumberConfig = {};
  if (input.sms !== undefined) changes.smsWebhookUrl = urlOrNull(input.sms, "sms");
  if (input.answer !== undefined) changes.voiceAnswerUrl = urlOrNull(input.answer, "answer");
  if (input.event !== undefined) changes.voiceEventUrl = urlOrNull(input.event, "event");
  if (input.application !== undefined) changes.applicationId = applicationOrNull(input.application);
  const voiceUrls = Boolean(changes.voiceAnswerUrl || changes.voiceEventUrl);
  if (changes.applicationId && voiceUrls) {
    throw new UserError("application_or_urls", "Give either an application id or voice answer/event URLs, not both.", {
      hint: "An application's own answer and event URLs are used for calls to numbers linked to it.",
      field: "application",
    });
  }
  // Linking an application replaces the number's own voice URLs, and the other way round.
  if (changes.applicationId) Object.assign(changes, { voiceAnswerUrl: null, voiceEventUrl: null });
  if (voiceUrls) changes.applicationId = null;
  return changes;
}

function urlOrNull(value: string, field: string): string | null {
  if (CLEAR.test(value)) return null;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new UserError("invalid_url", `${field}: "${value}" is not a web address.`, {
      hint: `Give a full URL such as ${field}:https://example.com/webhooks/${field}, or ${field}:none to clear it.`,
      field,
    });
  }
  return url.toString();
}

function applicationOrNull(value: string): string | null {
  if (CLEAR.test(value)) return null;
  if (!UUID.test(value)) {
    throw new UserError("invalid_application", `"${value}" is not an application id.`, {
      hint: "An application id looks like aaaaaaaa-bbbb-cccc-dddd-0123456789ab (`application:none` unlinks it).",
      field: "application",
    });
  }
  return value.toLowerCase();
}
