// Secrets at rest (Vonage API secrets, Slack installations) are sealed with AES-256-GCM.
// The key comes from SWITCHBOARD_ENCRYPTION_KEY; on the embedded default one is generated
// into the data folder on first run, with a warning to set one in production.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { makeFolder } from "./folders.ts";
import path from "node:path";
import type { Logger } from "./logger.ts";

const VERSION = "v1";

export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("The encryption key must be 32 bytes");
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(".");
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("Not a sealed secret");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }
}

export function loadSecretBox(configuredKey: string | undefined, dataDir: string, log: Logger): SecretBox {
  if (configuredKey) return new SecretBox(Buffer.from(configuredKey, "base64"));
  const keyFile = path.join(dataDir, "encryption.key");
  if (!existsSync(keyFile)) {
    makeFolder(dataDir, 0o700);
    writeFileSync(keyFile, randomBytes(32).toString("base64") + "\n", { mode: 0o600 });
    log.warn({ keyFile }, "Generated an encryption key in the data folder. In production set SWITCHBOARD_ENCRYPTION_KEY (the same on every instance).");
  }
  return new SecretBox(Buffer.from(readFileSync(keyFile, "utf8").trim(), "base64"));
}
