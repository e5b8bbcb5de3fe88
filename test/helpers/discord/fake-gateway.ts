// The gateway half of the fake Discord, from the Gateway reference: HELLO on connect,
// READY (with no guilds, so the client waits for none) after IDENTIFY, heartbeat ACKs,
// then whatever dispatches a test sends. Shares the REST fake's port (an HTTP upgrade).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";

export class FakeGateway {
  readonly identifies: any[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly ready = new Set<WebSocket>();
  private sequence = 0;
  private onIdentify: (() => void)[] = [];

  constructor(
    server: http.Server,
    private readonly options: { applicationId: string; botUserId: string; token: string },
  ) {
    server.on("upgrade", (req, socket, head) => this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws)));
  }

  /** GET /gateway/bot */
  info(port: number) {
    return {
      url: `ws://127.0.0.1:${port}`,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
    };
  }

  /** Resolves once a client has identified and received READY. */
  identified(): Promise<void> {
    if (this.ready.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.onIdentify.push(resolve));
  }

  dispatch(event: string, data: unknown): void {
    if (this.ready.size === 0) throw new Error("no client is connected to the fake gateway");
    for (const socket of this.ready) socket.send(JSON.stringify({ op: 0, t: event, s: ++this.sequence, d: data }));
  }

  get connections(): number {
    return this.ready.size;
  }

  close(): void {
    for (const socket of this.wss.clients) socket.terminate();
    this.wss.close();
  }

  private connected(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    socket.on("close", () => this.ready.delete(socket));
    socket.on("message", (raw) => {
      const message = JSON.parse(String(raw)) as { op: number; d: any };
      if (message.op === 1) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (message.op === 2) this.identify(socket, message.d);
    });
  }

  private identify(socket: WebSocket, identify: any): void {
    this.identifies.push(identify);
    if (identify.token !== this.options.token) return socket.close(4004, "Authentication failed.");
    const ready = {
      v: 10,
      user: { id: this.options.botUserId, username: "Switchboard", discriminator: "0", global_name: null, avatar: null, bot: true, flags: 0 },
      guilds: [],
      session_id: `session-${this.identifies.length}`,
      resume_gateway_url: "ws://127.0.0.1:1",
      shard: identify.shard ?? [0, 1],
      application: { id: this.options.applicationId, flags: 0 },
    };
    socket.send(JSON.stringify({ op: 0, t: "READY", s: ++this.sequence, d: ready }));
    this.ready.add(socket);
    for (const resolve of this.onIdentify.splice(0)) resolve();
  }
}
