// What the adapter asks of Slack, in one place: the Web API methods it calls with the bot
// token and the scope each needs, and the events it subscribes to. manifest.yml is checked
// against these lists, and the end-to-end tests check that no other method gets called.

/** Web API method → bot scopes it needs (none for views.* and auth.test). */
export const WEB_API_METHODS: Record<string, readonly string[]> = {
  "auth.test": [],
  "chat.postMessage": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "chat.update": ["chat:write"],
  "conversations.open": ["im:write"],
  // A retried channel post looks for its own earlier message (by metadata) before posting.
  "conversations.history": ["channels:history", "groups:history", "im:history"],
  "files.getUploadURLExternal": ["files:write"],
  "files.completeUploadExternal": ["files:write"],
  "views.open": [],
  "views.update": [],
  "views.publish": [],
  // OAuth installs exchange the code without a bot token; Socket Mode opens its
  // connection with the app-level token (connections:write, not a bot scope).
  "oauth.v2.access": [],
  "apps.connections.open": [],
};

/** The slash command needs its own scope beside the methods' scopes. */
export const BOT_SCOPES: readonly string[] = [...new Set(["commands", ...Object.values(WEB_API_METHODS).flat()])].sort();

/** Bot events the app listens to; each has a listener in slack-app.ts. */
export const SLACK_EVENTS = ["app_home_opened", "app_uninstalled", "tokens_revoked"] as const;
