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
      // ISO time, not epoch milliseconds: 13 bare digits pass the Luhn check one time in
      // ten, and the card redaction below would then eat the line's own timestamp.
      timestamp: pino.stdTimeFunctions.isoTime,
      // The last line: whatever field a card number reached, the written line carries none.
      hooks: { streamWrite: redactCardNumbers },
    },
    destination,
  );
}

export const silentLogger: Logger = pino({ level: "silent" });
