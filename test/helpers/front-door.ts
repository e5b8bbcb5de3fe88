// Switchboard's HTTP port with every surface mounted (Slack over HTTP with a bot token,
// Discord's signed interactions endpoint, the payment page), driven as an attacker would:
// raw request lines over a socket, signed and unsigned bodies of every shape.
import net from "node:net";
import { generateKeyPairSync, sign as edSign, type KeyObject } from "node:crypto";
import { startSlackHarness, SIGNING_SECRET, type SlackHarness } from "./slack-harness.ts";
import { sign as slackSign } from "./slack-requests.ts";
import { APP } from "./discord/interactions.ts";

export interface FrontDoor {
  slack: SlackHarness;
  baseUrl: string;
  port: number;
  discordKey: KeyObject;
  close(): Promise<void>;
}

/** `oauth` adds the install routes (Slack authorizes from stored installations then). */
export async function startFrontDoor(mode: "http" | "oauth" = "http", env: Record<string, string> = {}): Promise<FrontDoor> {
  const keys = generateKeyPairSync("ed25519");
  const publicKey = Buffer.from(keys.publicKey.export({ format: "jwk" }).x!, "base64url").toString("hex");
  const slack = await startSlackHarness(mode, { DISCORD_APPLICATION_ID: APP, DISCORD_PUBLIC_KEY: publicKey, ...env });
  return { slack, baseUrl: slack.baseUrl, port: slack.app.port!, discordKey: keys.privateKey, close: () => slack.close() };
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function slackHeaders(body: string | Buffer, type: string, at = nowSeconds(), secret = SIGNING_SECRET): Record<string, string> {
  return { "content-type": type, "x-slack-request-timestamp": String(at), "x-slack-signature": slackSign(secret, at, body.toString()) };
}

export function discordHeaders(key: KeyObject, body: string | Buffer, at = nowSeconds()): Record<string, string> {
  const signature = edSign(null, Buffer.concat([Buffer.from(String(at)), Buffer.from(body)]), key).toString("hex");
  return { "content-type": "application/json", "x-signature-ed25519": signature, "x-signature-timestamp": String(at) };
}

/** Sends bytes as they are over a fresh connection and returns the status code of the answer (0 if the socket closed without one). */
export function rawRequest(port: number, bytes: string | Buffer, options: { halfClose?: boolean } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      text += chunk;
      // One answer is enough: the server may keep the connection open.
      if (/\r\n\r\n/.test(text) && (!/content-length: (\d+)/i.test(text) || text.split("\r\n\r\n")[1]!.length >= Number(/content-length: (\d+)/i.exec(text)![1]))) socket.end();
    });
    socket.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" ? undefined : reject(error)));
    socket.on("close", () => {
      clearTimeout(backstop);
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
    // A complete request is written, not ended: a client that half-closes makes Node abort
    // its in-flight request (no httpAllowHalfOpen), so a handler that awaits anything
    // (PostgreSQL's ping) would never answer. The socket ends once an answer arrived; the
    // timer is only a backstop for a server that never answers (status 0: the test fails).
    // A truncated request is sent half-closed on purpose (`halfClose`).
    const backstop = setTimeout(() => socket.end(), 60_000);
    if (options.halfClose) socket.end(bytes);
    else socket.write(bytes);
  });
}

/**
 * Sends a request's head and the first part of its body, and resolves with the status of
 * an answer that comes before the rest is sent (the rest never is): proof that the server
 * decided without reading the whole body. The socket is destroyed afterwards.
 */
export function answerBeforeBody(port: number, head: string, firstPart: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      text += chunk;
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      if (status) {
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" || error.code === "EPIPE" ? undefined : reject(error)));
    socket.on("close", () => resolve(0));
    socket.write(head + firstPart);
  });
}

/** Errors that escaped every handler while `during` ran: each one would end `npm start`. */
export async function strayErrors(during: () => Promise<void>): Promise<unknown[]> {
  const caught: unknown[] = [];
  const onError = (error: unknown) => caught.push(error);
  process.on("unhandledRejection", onError);
  process.on("uncaughtException", onError);
  try {
    await during();
    // Let a rejection from work the request left behind surface.
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    process.off("unhandledRejection", onError);
    process.off("uncaughtException", onError);
  }
  return caught;
}

export async function healthy(baseUrl: string): Promise<number> {
  return (await fetch(`${baseUrl}/healthz`)).status;
}
