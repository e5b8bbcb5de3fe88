// Fingerprints of cards and PayPal accounts, so that one belongs to one account only,
// without keeping anything a card number can be recovered from.
//
// Brand and last four digits are stored beside the fingerprint; with the issuer's BIN a
// 16-digit card has about 100,000 Luhn-valid candidates, so a fast hash (even a keyed one
// whose key lives next to the database) gives the card away in about a second. Each
// fingerprint is therefore scrypt (memory-hard, 32 MiB) over a keyed HMAC of the value,
// with a random salt per record: a database copy alone gives nothing (the HMAC key is
// sealed with SWITCHBOARD_ENCRYPTION_KEY); with the key as well, every guess costs one
// scrypt for one record, and no work is shared between records.
//
// A salted fingerprint cannot be looked up; a new method is compared with the active
// methods showing the same brand and last four (or the same masked PayPal address), which
// are few.
import { createHmac, randomBytes, scrypt, timingSafeEqual } from "node:crypto";

const VERSION = "s1";
const COST = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const LENGTH = 32;

export interface MethodFingerprint {
  /** What is stored: version, cost, salt and derived bytes. */
  stored: string;
  /** Whether a stored fingerprint is of the same card or PayPal account. */
  matches(stored: string): Promise<boolean>;
}

export async function fingerprintOf(key: Buffer, value: string): Promise<MethodFingerprint> {
  const keyed = createHmac("sha256", key).update(value).digest();
  const salt = randomBytes(16);
  const stored = encode(salt, COST.N, await derive(keyed, salt, COST.N));
  return {
    stored,
    async matches(other) {
      const parsed = decode(other);
      if (!parsed) return false;
      const hash = await derive(keyed, parsed.salt, parsed.N);
      return hash.length === parsed.hash.length && timingSafeEqual(hash, parsed.hash);
    },
  };
}

function derive(keyed: Buffer, salt: Buffer, N: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(keyed, salt, LENGTH, { ...COST, N }, (error, hash) => (error ? reject(error) : resolve(hash))),
  );
}

const encode = (salt: Buffer, N: number, hash: Buffer) => `${VERSION}$${Math.log2(N)}$${salt.toString("base64url")}$${hash.toString("base64url")}`;

function decode(stored: string): { N: number; salt: Buffer; hash: Buffer } | undefined {
  const [version, log2N, salt, hash] = stored.split("$");
  const exponent = Number(log2N);
  if (version !== VERSION || !Number.isInteger(exponent) || exponent < 10 || exponent > 16 || !salt || !hash) return undefined;
  return { N: 2 ** exponent, salt: Buffer.from(salt, "base64url"), hash: Buffer.from(hash, "base64url") };
}
