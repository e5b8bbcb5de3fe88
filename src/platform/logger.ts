// Structured JSON logs. Anything that may hold a secret is redacted by path, and SDK
// errors are never logged raw (they carry Authorization headers).
import pino from "pino";
import { redactCardNumbers } from "../core/card-numbers.ts";

export type Logger = pino.Logger;

const REDACT = [
  "*.secret",
  "*.apiSecret",
  "*.token",
  "*.password",
  "*.authorization",
  "*.Authorization",
  "*.headers.authorization",
  "*.config.headers",
  "*.request.headers",
  "*.botToken",
  "*.signingSecret",
  "*.clientSecret",
  "*.pin",
  "*.cardNumber",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: "[redacted]" },
      base: { app: "switchboard" },
      // The last line: whatever field a card number reached, the written line carries none.
      hooks: { streamWrite: redactCardNumbers },
    },
    destination,
  );
}

export const silentLogger: Logger = pino({ level: "silent" });
