// All configuration comes from the environment, validated at once: a bad start-up names
// every missing or invalid variable and what to do about it.
import path from "node:path";
import { z } from "zod";
import type { DatabaseTarget } from "./data/database.ts";

const optionalText = z.string().trim().min(1).optional();
const optionalUrl = z.url({ message: "must be a full URL such as https://example.com" }).optional();
const cron = (fallback: string) => z.string().trim().min(9, "must be a cron expression such as '0 * * * *'").default(fallback);

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    PUBLIC_URL: optionalUrl,
    DATA_DIR: z.string().default("./data"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgresql:// (leave it unset for the embedded database)")
      .optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SWITCHBOARD_ENCRYPTION_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, "must be 32 random bytes in base64 (openssl rand -base64 32)")
      .optional(),
    SWITCHBOARD_DEV_MODE: z.enum(["true", "false", "1", "0"]).default("false"),
    SWITCHBOARD_CONSOLE: z.enum(["auto", "on", "off"]).default("auto"),
    INSTANCE_ID: optionalText,
    INVITE_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    COMMAND_LIMIT_PER_USER: z.coerce.number().int().min(0).max(100_000).default(120),
    COMMAND_LIMIT_PER_WORKSPACE: z.coerce.number().int().min(0).max(1_000_000).default(1200),
    JOBS_ENABLED: z.enum(["true", "false"]).default("true"),
    BALANCE_CHECK_CRON: cron("0 * * * *"),
    AUTO_RELOAD_CRON: cron("*/10 * * * *"),
    RENEWALS_CRON: cron("15 0 * * *"),
    OUTBOX_POLL_MS: z.coerce.number().int().min(100).default(2000),
    FX_RATES_URL: z.url().default("https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"),
    SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, "must be a bot token starting with xoxb-").optional(),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: z.string().regex(/^xapp-/, "must be an app-level token starting with xapp-").optional(),
    SLACK_CLIENT_ID: optionalText,
    SLACK_CLIENT_SECRET: optionalText,
    SLACK_STATE_SECRET: optionalText,
    SLACK_API_URL: optionalUrl,
    SLACK_COMMAND: z.string().regex(/^\/[a-z0-9_-]{1,31}$/, "must look like /switchboard").default("/switchboard"),
    DISCORD_TOKEN: optionalText,
    DISCORD_APPLICATION_ID: z.string().regex(/^\d{5,25}$/, "must be the numeric application id").optional(),
    DISCORD_PUBLIC_KEY: z.string().regex(/^[0-9a-f]{64}$/i, "must be the 64-hex-digit public key").optional(),
    DISCORD_GUILD_ID: z.string().regex(/^\d{5,25}$/, "must be a numeric guild id").optional(),
    DISCORD_API_URL: optionalUrl,
    VONAGE_REST_HOST: optionalUrl,
    VONAGE_API_HOST: optionalUrl,
  });

/**
 * Variables that only make sense together. Checked on the raw values, so these are
 * reported alongside type errors rather than after them.
 */
function crossCheck(env: Record<string, string>): string[] {
  const problems: string[] = [];
  const need = (when: boolean, key: string, message: string) => {
    if (when) problems.push(`${key} ${env[key] === undefined ? "is missing" : "is invalid"}: ${message}. See .env.example.`);
  };
  const oauth = [env.SLACK_CLIENT_ID, env.SLACK_CLIENT_SECRET, env.SLACK_STATE_SECRET];
  need(
    oauth.some(Boolean) && !oauth.every(Boolean),
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET go together for OAuth installs: set all three or none",
  );
  const slackWanted = Boolean(env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID);
  need(
    slackWanted && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET,
    "SLACK_SIGNING_SECRET",
    "is required for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode)",
  );
  need(
    Boolean(env.SLACK_APP_TOKEN) && !env.SLACK_BOT_TOKEN && !env.SLACK_CLIENT_ID,
    "SLACK_BOT_TOKEN",
    "is required with SLACK_APP_TOKEN (Socket Mode needs the bot token too)",
  );
  need(Boolean(env.DISCORD_TOKEN) && !env.DISCORD_APPLICATION_ID, "DISCORD_APPLICATION_ID", "is required with DISCORD_TOKEN");
  need(
    Boolean(env.DISCORD_PUBLIC_KEY) && !env.DISCORD_APPLICATION_ID,
    "DISCORD_APPLICATION_ID",
    "is required with DISCORD_PUBLIC_KEY (the HTTP interactions endpoint)",
  );
  return problems;
}

export type RawEnv = Record<string, string | undefined>;

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database: DatabaseTarget;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  encryptionKey?: string;
  devMode: boolean;
  console: "auto" | "on" | "off";
  instanceId?: string;
  inviteTtlDays: number;
  /** Commands per minute, per user and per workspace (0: no limit). */
  commandLimits: { perUser: number; perWorkspace: number };
  jobs: { enabled: boolean; balanceCheckCron: string; autoReloadCron: string; renewalsCron: string; outboxPollMs: number };
  fxRatesUrl: string;
  slack?: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    oauth?: { clientId: string; clientSecret: string; stateSecret: string };
    apiUrl?: string;
    command: string;
  };
  slackCommand: string;
  discord?: { token?: string; applicationId: string; publicKey?: string; guildId?: string; apiUrl?: string };
  vonage: { restHost?: string; apiHost?: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Switchboard cannot start: the configuration has ${problems.length} problem(s):\n` + problems.map((p) => `  - ${p}`).join("\n"));
    this.name = "ConfigError";
  }
}

export function loadConfig(rawEnv: RawEnv): Config {
  // An empty variable means "not set": shells and .env files produce them easily.
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawEnv)) if (value !== undefined && value.trim() !== "") env[key] = value;
  const parsed = envSchema.safeParse(env);
  const problems = crossCheck(env);
  if (!parsed.success) {
    problems.unshift(...parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? "configuration");
      const value = env[key];
      const shown = value === undefined ? "is missing" : key.match(/TOKEN|SECRET|KEY|DATABASE_URL/) ? "is invalid" : `is invalid (${JSON.stringify(value)})`;
      return `${key} ${shown}: ${issue.message}. See .env.example.`;
    }));
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const slackConfigured = Boolean(e.SLACK_BOT_TOKEN || e.SLACK_CLIENT_ID);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    dataDir,
    database: e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
    logLevel: e.LOG_LEVEL,
    encryptionKey: e.SWITCHBOARD_ENCRYPTION_KEY,
    devMode: e.SWITCHBOARD_DEV_MODE === "true" || e.SWITCHBOARD_DEV_MODE === "1",
    console: e.SWITCHBOARD_CONSOLE,
    instanceId: e.INSTANCE_ID,
    inviteTtlDays: e.INVITE_TTL_DAYS,
    commandLimits: { perUser: e.COMMAND_LIMIT_PER_USER, perWorkspace: e.COMMAND_LIMIT_PER_WORKSPACE },
    jobs: {
      enabled: e.JOBS_ENABLED === "true",
      balanceCheckCron: e.BALANCE_CHECK_CRON,
      autoReloadCron: e.AUTO_RELOAD_CRON,
      renewalsCron: e.RENEWALS_CRON,
      outboxPollMs: e.OUTBOX_POLL_MS,
    },
    fxRatesUrl: e.FX_RATES_URL,
    slack: slackConfigured
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          oauth: e.SLACK_CLIENT_ID
            ? { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET!, stateSecret: e.SLACK_STATE_SECRET! }
            : undefined,
          apiUrl: e.SLACK_API_URL,
          command: e.SLACK_COMMAND,
        }
      : undefined,
    slackCommand: e.SLACK_COMMAND,
    discord: e.DISCORD_APPLICATION_ID
      ? {
          token: e.DISCORD_TOKEN,
          applicationId: e.DISCORD_APPLICATION_ID,
          publicKey: e.DISCORD_PUBLIC_KEY,
          guildId: e.DISCORD_GUILD_ID,
          apiUrl: e.DISCORD_API_URL,
        }
      : undefined,
    vonage: { restHost: e.VONAGE_REST_HOST, apiHost: e.VONAGE_API_HOST },
  };
}

export function describeConfigError(error: unknown): string {
  return error instanceof ConfigError ? error.message : `Switchboard cannot start: ${String(error)}`;
}

/**
 * The configuration of an entry point (`npm start`, the console, `db:migrate`, a load
 * instance): a configuration error is printed as its one sentence and the process exits 2,
 * before anything has started.
 */
export function loadConfigOrExit(env: NodeJS.ProcessEnv): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    console.error(describeConfigError(error));
    process.exit(2);
  }
}
