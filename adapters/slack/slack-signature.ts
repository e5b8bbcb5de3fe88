// Slack's request signing (v0): HMAC-SHA256 over "v0:timestamp:body" with the signing
// secret. A timestamp more than five minutes from now, in either direction, is refused:
// Bolt only refuses old ones, so a request dated in the future could be replayed for longer.
import { createHmac, timingSafeEqual } from "node:crypto";

export const MAX_SKEW_SECONDS = 5 * 60;

export interface SignatureHeaders {
  signature: string;
  timestamp: number;
}

/** The signature headers if they are well formed and fresh; checked before the body is read. */
export function slackSignatureHeaders(headers: Record<string, string | string[] | undefined>, nowSeconds = Date.now() / 1000): SignatureHeaders | undefined {
  const signature = first(headers["x-slack-signature"]);
  const timestamp = first(headers["x-slack-request-timestamp"]);
  if (!signature || !timestamp || !/^v0=[0-9a-f]{64}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return undefined;
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS) return undefined;
  return { signature, timestamp: Number(timestamp) };
}

export function validSlackSignature(secret: string, headers: SignatureHeaders, body: Buffer): boolean {
  const expected = createHmac("sha256", secret).update(`v0:${headers.timestamp}:`).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(headers.signature.slice(3), "hex"));
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
