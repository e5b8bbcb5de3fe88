// The sandbox's simulated phone network: which network a destination is on, and the
// delivery receipt it returns. Everything is derived from a hash of the message (never
// Math.random), so the same message always gets the same receipt and a test can rely on
// it. About 5% of messages fail with a reason a real network gives; about 2% go to
// networks that return no receipt, so they stay "submitted", as on the real platform.
import { createHash } from "node:crypto";

/** Vonage's delivery-receipt error codes (err-code) for the failures the sandbox simulates. */
export const FAILURE_REASONS = [
  "Absent subscriber (2): the phone is off or out of coverage",
  "Absent subscriber permanent (3): the number is not in use",
  "Call barred by user (4)",
  "Portability error (5): the number moved to another network",
  "Anti-spam rejection (6)",
  "Handset busy (7)",
  "Illegal number (9): the destination is not a valid subscriber",
  "Destination unreachable (12)",
  "Number blocked by carrier (14)",
] as const;

export type ReceiptStatus = "delivered" | "failed" | "submitted";

export interface SimulatedReceipt {
  status: ReceiptStatus;
  failureReason?: string;
  /** Seconds after submission that the receipt arrived; undefined when none comes. */
  delaySeconds?: number;
  network: string;
  networkName: string;
}

// A few real MCC-MNC networks per country; others get a generic one.
const NETWORKS: Record<string, [string, string][]> = {
  GB: [["23410", "O2 UK"], ["23415", "Vodafone UK"], ["23420", "Three UK"], ["23430", "EE"]],
  DE: [["26201", "Telekom"], ["26202", "Vodafone DE"], ["26203", "O2 DE"]],
  FR: [["20801", "Orange"], ["20810", "SFR"], ["20820", "Bouygues"]],
  "US/CA": [["310260", "T-Mobile US"], ["310410", "AT&T"], ["311480", "Verizon"]],
  ES: [["21401", "Vodafone ES"], ["21403", "Orange ES"], ["21407", "Movistar"]],
  IT: [["22201", "TIM"], ["22210", "Vodafone IT"], ["22288", "WindTre"]],
  NL: [["20404", "Vodafone NL"], ["20408", "KPN"], ["20416", "Odido"]],
};

function hash(...parts: string[]): number {
  return createHash("sha256").update(parts.join("\u0000")).digest().readUInt32BE(0);
}

/** The receipt the sandbox network returns for a message, a pure function of its content. */
export function simulateReceipt(input: { to: string; text: string; country: string; sequence: number }): SimulatedReceipt {
  const h = hash(input.to, input.text, String(input.sequence));
  const networks = NETWORKS[input.country] ?? [["00000", `${input.country} mobile`]];
  const [network, networkName] = networks[hash(input.to) % networks.length]!;
  const roll = h % 1000;
  if (roll < 50) return { status: "failed", failureReason: FAILURE_REASONS[(h >>> 10) % FAILURE_REASONS.length], delaySeconds: 1 + ((h >>> 20) % 30), network, networkName };
  if (roll < 70) return { status: "submitted", network, networkName };
  return { status: "delivered", delaySeconds: 1 + ((h >>> 20) % 8), network, networkName };
}
