// API secrets follow the provider's rules: 8 to 25 characters with at least one lower-case
// letter, one upper-case letter and one digit; at most two at a time; the last one
// cannot be revoked.
import { randomInt } from "node:crypto";
import { UserError } from "../core/errors.ts";

export const MAX_SECRETS = 2;

export function secretProblem(secret: string): string | undefined {
  if (secret.length < 8 || secret.length > 25) return "must be 8 to 25 characters long";
  if (!/[a-z]/.test(secret)) return "needs at least one lower-case letter";
  if (!/[A-Z]/.test(secret)) return "needs at least one upper-case letter";
  if (!/\d/.test(secret)) return "needs at least one digit";
  if (!/^[\x21-\x7e]+$/.test(secret)) return "may contain only visible ASCII characters, no spaces";
  return undefined;
}

export function assertValidSecret(secret: string): void {
  const problem = secretProblem(secret);
  if (problem) throw new UserError("invalid_secret", `That API secret ${problem}.`, { field: "secret" });
}

const LOWER = "abcdefghijkmnopqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";

/** A random 16-character secret that satisfies the rules. */
export function generateSecret(length = 16): string {
  const all = LOWER + UPPER + DIGITS;
  const chars = [LOWER, UPPER, DIGITS].map((set) => set[randomInt(set.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}

export const generateApiKey = (): string => Array.from({ length: 8 }, () => "0123456789abcdef"[randomInt(16)]).join("");

export const maskSecret = (hint: string): string => `••••••••${hint}`;
