// manifest.yml is what a Slack admin installs; it must pass Slack's own rules and say
// exactly what the code does: the slash command, the events it listens to, the scopes of
// the methods it calls, interactivity, the Home tab and Socket Mode.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { App } from "@slack/bolt";
import { manifestProblems } from "../helpers/slack-manifest-rules.ts";
import { BOT_SCOPES, SLACK_EVENTS } from "../../adapters/slack/slack-scopes.ts";
import { registerEvents } from "../../adapters/slack/slack-event-listeners.ts";
import { EVENTS_PATH } from "../../adapters/slack/slack-app.ts";
import { REDIRECT_PATH } from "../../adapters/slack/slack-oauth.ts";
import type { ListenerDeps } from "../../adapters/slack/slack-listener-kit.ts";
import { loadConfig } from "../../src/config.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const manifest = parse(readFileSync("manifest.yml", "utf8")) as any;

describe("manifest.yml", () => {
  it("follows Slack's manifest rules", () => {
    expect(manifestProblems(manifest)).toEqual([]);
  });

  it("would catch a manifest Slack refuses", () => {
    const broken = structuredClone(manifest);
    broken.display_information.name = "Switchboard for Vonage accounts of every size";
    broken.features.slash_commands.push({ command: "switchboard" }, { command: "/", description: "x" });
    broken.settings.interactivity.colour = "blue";
    delete broken.features.bot_user.display_name;
    expect(manifestProblems(broken)).toEqual([
      "display_information.name must have 1 to 35 characters (has 45)",
      "features.bot_user.display_name is required",
      "features.slash_commands[1].description is required",
      "features.slash_commands[1].command must match /^\\//",
      "features.slash_commands[2].command must have 2 to 32 characters (has 1)",
      "settings.interactivity.colour is not a manifest key",
    ]);
  });

  it("declares the slash command the app answers", () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([loadConfig({}).slackCommand]);
  });

  it("subscribes to exactly the events the app has listeners for", () => {
    const registered: string[] = [];
    const app = { event: (name: string) => registered.push(name) } as unknown as App;
    registerEvents(app, {} as ListenerDeps);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...registered].sort());
    expect([...registered].sort()).toEqual([...SLACK_EVENTS].sort());
  });

  it("asks for exactly the bot scopes of the methods the app calls", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES]);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it("enables what the adapter relies on", () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    // External selects (typeahead) load their options from this URL in HTTP mode.
    expect(manifest.settings.interactivity.message_menu_options_url).toMatch(new RegExp(`${EVENTS_PATH}$`));
    expect(manifest.settings.interactivity.request_url).toMatch(new RegExp(`${EVENTS_PATH}$`));
    expect(manifest.settings.event_subscriptions.request_url).toMatch(new RegExp(`${EVENTS_PATH}$`));
    expect(manifest.oauth_config.redirect_urls[0]).toMatch(new RegExp(`${REDIRECT_PATH}$`));
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
