// What Slack sends an app, built from the public payload references, and two ways to
// deliver it: signed HTTP requests to /slack/events, or Socket Mode envelopes.
import { createHmac } from "node:crypto";
import type { FakeSlackSocket } from "./slack-fake-socket.ts";

export interface Ack {
  status: number;
  body: Record<string, unknown>;
}

export interface SlackTransport {
  command(fields: Record<string, string>, retry?: number): Promise<Ack>;
  interactive(payload: object): Promise<Ack>;
  event(body: object): Promise<Ack>;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
}

export function httpTransport(baseUrl: string, signingSecret: string): SlackTransport & { post(body: string, type: string, headers?: Record<string, string>): Promise<Ack> } {
  const post = async (body: string, type: string, headers: Record<string, string> = {}): Promise<Ack> => {
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(`${baseUrl}/slack/events`, {
      method: "POST",
      headers: { "content-type": type, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": sign(signingSecret, timestamp, body), ...headers },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text ? parseMaybe(text) : {} };
  };
  const form = "application/x-www-form-urlencoded";
  return {
    post,
    command: (fields, retry) => post(new URLSearchParams(fields).toString(), form, retry ? { "x-slack-retry-num": String(retry), "x-slack-retry-reason": "http_timeout" } : {}),
    interactive: (payload) => post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), form),
    event: (body) => post(JSON.stringify(body), "application/json"),
  };
}

export function socketTransport(socket: FakeSlackSocket): SlackTransport {
  const ack = async (promise: Promise<Record<string, unknown>>): Promise<Ack> => ({ status: 200, body: await promise });
  return {
    command: (fields, retry) => ack(socket.push("slash_commands", fields, retry)),
    interactive: (payload) => ack(socket.push("interactive", payload)),
    event: (body) => ack(socket.push("events_api", body)),
  };
}

const parseMaybe = (text: string): Record<string, unknown> => {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { text };
  }
};

let triggers = 0;
export const newTriggerId = () => `${Date.now()}.${++triggers}.trigger`;

export function slashCommand(text: string, responseUrl: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: "T1",
    team_domain: "acme",
    channel_id: "C1",
    channel_name: "general",
    user_id: "U1",
    user_name: "ada",
    command: "/switchboard",
    text,
    api_app_id: "A1",
    response_url: responseUrl,
    trigger_id: newTriggerId(),
    ...over,
  };
}

/** A click on a button of a message Switchboard sent (block_actions). */
export function buttonClick(actionId: string, value: string, responseUrl: string, ephemeral = true): object {
  return {
    type: "block_actions",
    team: { id: "T1", domain: "acme" },
    user: { id: "U1", username: "ada", name: "ada", team_id: "T1" },
    api_app_id: "A1",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: "1700000000.000001", channel_id: "C1", is_ephemeral: ephemeral },
    trigger_id: newTriggerId(),
    channel: { id: "C1", name: "general" },
    response_url: responseUrl,
    actions: [{ type: "button", action_id: actionId, block_id: "b1", value, text: { type: "plain_text", text: "x" }, action_ts: "1700000001.1" }],
  };
}

/** A modal submission: `values` are typed into the view's input blocks. */
export function viewSubmission(view: { blocks: object[]; private_metadata: string; title: object; submit?: object; callback_id: string }, values: Record<string, Record<string, unknown>>): object {
  return {
    type: "view_submission",
    team: { id: "T1", domain: "acme" },
    user: { id: "U1", username: "ada", name: "ada", team_id: "T1" },
    api_app_id: "A1",
    token: "legacy-verification-token",
    trigger_id: newTriggerId(),
    view: { id: "V1", team_id: "T1", type: "modal", ...view, state: { values }, hash: "h", app_id: "A1", bot_id: "BBOT" },
  };
}

export function eventCallback(event: object, over: { team_id?: string } = {}): object {
  const teamId = over.team_id ?? "T1";
  return {
    token: "legacy-verification-token",
    team_id: teamId,
    api_app_id: "A1",
    type: "event_callback",
    event_id: `Ev${Date.now()}${++triggers}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    event,
  };
}
