// A stand-in for Slack's Socket Mode endpoint (https://docs.slack.dev/apis/events-api/using-socket-mode):
// the app connects to the URL apps.connections.open returned, gets {"type":"hello"}, then
// receives envelopes and acknowledges each with {envelope_id, payload}.
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export class FakeSlackSocket {
  private readonly server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  private socket?: WebSocket;
  private readonly acks = new Map<string, (payload: Record<string, unknown>) => void>();
  private seq = 0;
  connections = 0;

  constructor() {
    this.server.on("connection", (socket) => {
      this.connections++;
      this.socket = socket;
      socket.on("message", (data) => {
        const frame = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (frame.envelope_id) this.acks.get(frame.envelope_id)?.(frame.payload ?? {});
      });
      socket.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A1" } }));
    });
  }

  async ready(): Promise<string> {
    if (!this.server.address()) await new Promise((resolve) => this.server.once("listening", resolve));
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Sends one envelope and resolves with the payload the app acknowledged it with. */
  push(type: "slash_commands" | "interactive" | "events_api", payload: object, retryAttempt = 0): Promise<Record<string, unknown>> {
    if (!this.socket) throw new Error("The app has not connected to the fake Socket Mode server");
    const envelopeId = `env-${++this.seq}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No ack for ${type} within 5 s`)), 5000);
      this.acks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      this.socket!.send(
        JSON.stringify({ envelope_id: envelopeId, type, accepts_response_payload: type !== "events_api", retry_attempt: retryAttempt, retry_reason: retryAttempt ? "timeout" : "", payload }),
      );
    });
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
