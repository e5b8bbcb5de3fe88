// The rules of Slack's app manifest that apply to Switchboard's, written from Slack's
// published JSON Schema (github.com/slackapi/manifest-schema): allowed keys per object,
// lengths, patterns. Returns every problem found, in plain words.
type Json = Record<string, unknown>;

export function manifestProblems(manifest: unknown): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => void (ok || problems.push(problem));
  const obj = (value: unknown, where: string, allowed: string[], required: string[] = []): Json => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push(`${where} must be an object`);
      return {};
    }
    for (const key of Object.keys(value)) check(allowed.includes(key), `${where}.${key} is not a manifest key`);
    for (const key of required) check(key in value, `${where}.${key} is required`);
    return value as Json;
  };
  const str = (value: unknown, where: string, min: number, max: number, pattern?: RegExp) => {
    if (value === undefined) return;
    if (typeof value !== "string") return problems.push(`${where} must be a string`);
    check(value.length >= min && value.length <= max, `${where} must have ${min} to ${max} characters (has ${value.length})`);
    if (pattern) check(pattern.test(value), `${where} must match ${pattern}`);
  };
  const bool = (value: unknown, where: string) => check(value === undefined || typeof value === "boolean", `${where} must be true or false`);
  const list = (value: unknown, where: string, max: number, item: (v: unknown, w: string) => void, unique = false) => {
    if (value === undefined) return;
    if (!Array.isArray(value)) return problems.push(`${where} must be a list`);
    check(value.length <= max, `${where} has more than ${max} items`);
    if (unique) check(new Set(value.map(String)).size === value.length, `${where} has duplicates`);
    value.forEach((v, i) => item(v, `${where}[${i}]`));
  };
  const url = /^https?:\/\//;

  const root = obj(manifest, "manifest", ["_metadata", "display_information", "features", "oauth_config", "settings", "app_directory", "functions", "workflows", "datastores", "outgoing_domains", "types", "external_auth_providers", "$schema"], ["display_information"]);

  const display = obj(root.display_information, "display_information", ["name", "description", "background_color", "long_description"], ["name"]);
  str(display.name, "display_information.name", 1, 35);
  str(display.description, "display_information.description", 1, 140);
  str(display.background_color, "display_information.background_color", 4, 7, /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
  str(display.long_description, "display_information.long_description", 175, 4000);

  if (root.features !== undefined) {
    const features = obj(root.features, "features", ["app_home", "bot_user", "functions", "shortcuts", "slash_commands", "workflow_steps", "unfurl_domains", "assistant_view"]);
    if (features.app_home !== undefined) {
      const home = obj(features.app_home, "features.app_home", ["home_tab_enabled", "messages_tab_enabled", "messages_tab_read_only_enabled"]);
      for (const key of Object.keys(home)) bool(home[key], `features.app_home.${key}`);
    }
    if (features.bot_user !== undefined) {
      const bot = obj(features.bot_user, "features.bot_user", ["display_name", "always_online"], ["display_name"]);
      str(bot.display_name, "features.bot_user.display_name", 1, 80);
      bool(bot.always_online, "features.bot_user.always_online");
    }
    if (features.slash_commands !== undefined) {
      check(Array.isArray(features.slash_commands) && features.slash_commands.length >= 1, "features.slash_commands needs at least one command");
      list(features.slash_commands, "features.slash_commands", 50, (value, where) => {
        const command = obj(value, where, ["command", "url", "description", "usage_hint", "should_escape"], ["command", "description"]);
        str(command.command, `${where}.command`, 2, 32, /^\//);
        str(command.url, `${where}.url`, 1, 3000, url);
        str(command.description, `${where}.description`, 1, 2000);
        str(command.usage_hint, `${where}.usage_hint`, 1, 1000);
        bool(command.should_escape, `${where}.should_escape`);
      });
    }
  }

  if (root.oauth_config !== undefined) {
    const oauth = obj(root.oauth_config, "oauth_config", ["redirect_urls", "scopes", "token_management_enabled", "pkce_enabled"]);
    list(oauth.redirect_urls, "oauth_config.redirect_urls", 1000, (v, w) => str(v, w, 1, 2500), true);
    if (oauth.scopes !== undefined) {
      const scopes = obj(oauth.scopes, "oauth_config.scopes", ["bot", "user", "bot_optional", "user_optional"]);
      for (const key of Object.keys(scopes)) list(scopes[key], `oauth_config.scopes.${key}`, 255, (v, w) => str(v, w, 1, 50));
    }
  }

  if (root.settings !== undefined) {
    const settings = obj(root.settings, "settings", ["allowed_ip_address_ranges", "event_subscriptions", "incoming_webhooks", "interactivity", "org_deploy_enabled", "socket_mode_enabled", "is_hosted", "token_rotation_enabled", "siws_links", "hermes_app_type", "function_runtime", "is_mcp_enabled"]);
    for (const key of ["org_deploy_enabled", "socket_mode_enabled", "is_hosted", "token_rotation_enabled"]) bool(settings[key], `settings.${key}`);
    if (settings.event_subscriptions !== undefined) {
      const events = obj(settings.event_subscriptions, "settings.event_subscriptions", ["request_url", "user_events", "bot_events", "metadata_subscriptions"]);
      str(events.request_url, "settings.event_subscriptions.request_url", 1, 3500, url);
      list(events.bot_events, "settings.event_subscriptions.bot_events", 100, (v, w) => str(v, w, 1, 50), true);
      list(events.user_events, "settings.event_subscriptions.user_events", 100, (v, w) => str(v, w, 1, 50), true);
    }
    if (settings.interactivity !== undefined) {
      const interactivity = obj(settings.interactivity, "settings.interactivity", ["is_enabled", "request_url", "message_menu_options_url"], ["is_enabled"]);
      bool(interactivity.is_enabled, "settings.interactivity.is_enabled");
      str(interactivity.request_url, "settings.interactivity.request_url", 1, 3500, url);
      str(interactivity.message_menu_options_url, "settings.interactivity.message_menu_options_url", 1, 3500, url);
    }
  }
  return problems;
}
