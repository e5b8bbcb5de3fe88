import { describe, expect, it } from "vitest";
import path from "node:path";
import { ConfigError, loadConfig } from "../../src/config.ts";

describe("loadConfig", () => {
  it("runs with no configuration at all on the embedded default", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: "pglite", dataDir: path.resolve("data/pglite") });
    expect(config.slack).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(config.publicUrl).toBe("http://localhost:3000");
  });

  it("uses PostgreSQL when DATABASE_URL is set and DATA_DIR elsewhere", () => {
    const config = loadConfig({ DATABASE_URL: "postgresql://127.0.0.1:5432/test", DATA_DIR: "/tmp/sb" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgresql://127.0.0.1:5432/test" });
    expect(config.dataDir).toBe("/tmp/sb");
  });

  it("names every invalid or missing variable in one message, without echoing secrets", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", SLACK_BOT_TOKEN: "xoxb-secret-value", DISCORD_TOKEN: "abc", DATABASE_URL: "mysql://x" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain("PORT is invalid");
    expect(message).toContain("SLACK_SIGNING_SECRET is missing");
    expect(message).toContain("DISCORD_APPLICATION_ID is missing");
    expect(message).toContain("DATABASE_URL is invalid");
    expect((error as ConfigError).problems).toHaveLength(4);
    expect(message).not.toContain("xoxb-secret-value");
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", SLACK_BOT_TOKEN: " " }).database.kind).toBe("pglite");
  });

  it("wants the OAuth variables together", () => {
    expect(() => loadConfig({ SLACK_CLIENT_ID: "1", SLACK_SIGNING_SECRET: "s" })).toThrow(/go together/);
  });
});
