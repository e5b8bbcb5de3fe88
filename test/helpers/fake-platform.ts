// A chat platform's message API, faked over HTTP on 127.0.0.1: each message gets the
// scripted answers in turn (429 with Retry-After, 500, then 200), and every request is
// recorded so a test can count what was really posted.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { DeliveryError, type ChannelPoster } from "../../src/core/channel-poster.ts";
import { plainText, type Message } from "../../src/core/view.ts";

export interface ScriptedAnswer {
  status: number;
  retryAfter?: string;
}

export interface FakeRequest {
  key: string;
  channel: string;
  replaceRef?: string;
  status: number;
  poster: string;
}

export interface FakePlatform {
  url: string;
  requests: FakeRequest[];
  /** Messages answered 200, by key. */
  delivered(): Map<string, number>;
  close(): Promise<void>;
}

export async function startFakePlatform(script: ScriptedAnswer[]): Promise<FakePlatform> {
  const requests: FakeRequest[] = [];
  const attempts = new Map<string, number>();
  let refs = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const input = JSON.parse(body) as { key: string; channel: string; replaceRef?: string; poster: string };
      const seen = attempts.get(input.key) ?? 0;
      attempts.set(input.key, seen + 1);
      const answer = script[Math.min(seen, script.length - 1)]!;
      requests.push({ ...input, status: answer.status });
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (answer.retryAfter) headers["retry-after"] = answer.retryAfter;
      res.writeHead(answer.status, headers);
      res.end(JSON.stringify(answer.status === 200 ? { ok: true, ts: input.replaceRef ?? `msg-${++refs}` } : { ok: false }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/post`,
    requests,
    delivered() {
      const counts = new Map<string, number>();
      for (const r of requests) if (r.status === 200 && !r.replaceRef) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
      return counts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A ChannelPoster for the "fake" platform, mapping HTTP answers the way real adapters do. */
export function fakePoster(url: string, name = "poster"): ChannelPoster {
  return {
    platform: "fake",
    async post(channel: string, message: Message, replaceRef?: string) {
      const key = plainText(message).split("\n")[0]!;
      const response = await fetch(url, { method: "POST", body: JSON.stringify({ key, channel, replaceRef, poster: name }) });
      const body = (await response.json()) as { ts?: string };
      if (response.status === 429) {
        throw new DeliveryError("rate limited (429)", true, Number(response.headers.get("retry-after") ?? "1") * 1000);
      }
      if (response.status >= 500) throw new DeliveryError(`platform error (${response.status})`, true);
      if (!response.ok) throw new DeliveryError(`refused (${response.status})`, false);
      return { ref: body.ts! };
    },
  };
}
