// The sandbox inventory is computed, not stored: every country's number types are laid out
// as blocks of 10,000 consecutive numbers (a prefix + 4 digits), and a hash of the seed
// decides which numbers of a block are on sale and which features each has. The same seed
// always gives the same inventory, on every instance, with nothing to load or migrate.
import type { NumberFeature, NumberType } from "../../providers/number-provider.ts";
import { NUMBER_TYPES } from "../../providers/number-provider.ts";
import { COUNTRY_PLANS, type TypePlan } from "./country-plans.ts";

export const SUFFIX_DIGITS = 4;
const BLOCK_SIZE = 10 ** SUFFIX_DIGITS;
/** Numbers on sale per thousand in a block. */
const DENSITY_PER_MILLE = 300;
const BLOCKS_PER_TYPE: Record<NumberType, number> = { landline: 4, "mobile-lvn": 4, "toll-free": 2 };

export interface InventoryBlock {
  country: string;
  type: NumberType;
  /** International digits before the last four: "44770090". */
  prefix: string;
  plan: TypePlan;
  /** Per-block hash seed. */
  seed: number;
}

/** murmur3's finaliser over two words: fast, well mixed, deterministic. */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashText(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return h;
}

/** Whether suffix `index` of a block is on sale, and with which features. */
export function numberAt(block: InventoryBlock, index: number): NumberFeature[] | undefined {
  const h = mix(block.seed, index);
  if (h % 1000 >= DENSITY_PER_MILLE) return undefined;
  const sets = block.plan.featureSets;
  return sets[(h >>> 12) % sets.length];
}

export const msisdnAt = (block: InventoryBlock, index: number): string =>
  block.prefix + String(index).padStart(SUFFIX_DIGITS, "0");

export { BLOCK_SIZE };

/**
 * The blocks of one country, ordered by prefix so results come out in number order.
 * `taken` holds prefixes already laid out: countries sharing a dialling code (US and CA)
 * never get the same block.
 */
export function layOutCountry(country: string, seed: number, taken: Set<string>): InventoryBlock[] {
  const countryPlan = COUNTRY_PLANS[country];
  if (!countryPlan) return [];
  const blocks: InventoryBlock[] = [];
  for (const type of NUMBER_TYPES) {
    const plan = countryPlan.types[type];
    if (!plan) continue;
    for (let b = 0, attempt = 0; b < BLOCKS_PER_TYPE[type]; attempt++) {
      const lead = plan.leads[b % plan.leads.length]!;
      const prefix = countryPlan.dialCode + lead + filler(plan.nsnLength - SUFFIX_DIGITS - lead.length, hashText(`${country}:${type}:${attempt}`, seed));
      if (taken.has(prefix)) continue;
      taken.add(prefix);
      blocks.push({ country, type, prefix, plan, seed: hashText(prefix, seed) });
      b++;
    }
  }
  return blocks.sort((a, b) => a.prefix.localeCompare(b.prefix));
}

function filler(length: number, hash: number): string {
  let digits = "";
  for (let i = 0, h = hash; i < length; i++, h = mix(h, i)) digits += String(h % 10);
  return digits;
}
