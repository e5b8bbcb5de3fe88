// Searching and looking up the computed sandbox inventory. A search walks the blocks of one
// country (at most ten blocks of 10,000), so it costs the same whatever the inventory's
// total size; rented numbers are passed in and skipped.
import { UserError } from "../../core/errors.ts";
import { Decimal } from "../../core/money.ts";
import { COUNTRIES } from "../../core/suggest/countries.ts";
import { NUMBER_TYPES, type AvailableNumber, type NumberSearchQuery, type NumberSearchResult, type NumberType } from "../../providers/number-provider.ts";
import { COUNTRY_PLANS } from "./country-plans.ts";
import { BLOCK_SIZE, SUFFIX_DIGITS, layOutCountry, msisdnAt, numberAt, type InventoryBlock } from "./inventory-blocks.ts";

export const DEFAULT_INVENTORY_SEED = 20150228;

export class SandboxInventory {
  private readonly countries = new Map<string, InventoryBlock[]>();
  private readonly byPrefix = new Map<string, InventoryBlock>();

  constructor(seed = DEFAULT_INVENTORY_SEED) {
    const taken = new Set<string>();
    for (const country of Object.keys(COUNTRY_PLANS)) {
      const blocks = layOutCountry(country, seed, taken);
      this.countries.set(country, blocks);
      for (const block of blocks) this.byPrefix.set(block.prefix, block);
    }
  }

  countryCodes(): string[] {
    return [...this.countries.keys()];
  }

  typesOf(country: string): NumberType[] {
    const blocks = this.countries.get(country) ?? [];
    return NUMBER_TYPES.filter((type) => blocks.some((b) => b.type === type));
  }

  /** The number as the inventory sells it, rented or not; undefined if it never existed. */
  find(msisdn: string): AvailableNumber | undefined {
    const block = this.byPrefix.get(msisdn.slice(0, -SUFFIX_DIGITS));
    if (!block || !/^\d+$/.test(msisdn)) return undefined;
    const features = numberAt(block, Number(msisdn.slice(-SUFFIX_DIGITS)));
    return features ? toAvailable(block, msisdn, features) : undefined;
  }

  search(query: NumberSearchQuery, rented: ReadonlySet<string>): NumberSearchResult {
    const blocks = this.blocksFor(query);
    const first = (query.page - 1) * query.pageSize;
    const numbers: AvailableNumber[] = [];
    let total = 0;
    for (const block of blocks) {
      if (!blockMayMatch(block, query)) continue;
      for (let index = 0; index < BLOCK_SIZE; index++) {
        const features = numberAt(block, index);
        if (!features) continue;
        if (query.features && !query.features.every((f) => features.includes(f))) continue;
        const msisdn = msisdnAt(block, index);
        if (!matches(msisdn, query) || rented.has(msisdn)) continue;
        if (total >= first && numbers.length < query.pageSize) numbers.push(toAvailable(block, msisdn, features));
        total++;
      }
    }
    return { numbers, total };
  }

  /** Every number on sale, rented or not (the benchmark prints it). */
  size(): number {
    let count = 0;
    for (const blocks of this.countries.values()) {
      for (const block of blocks) for (let i = 0; i < BLOCK_SIZE; i++) if (numberAt(block, i)) count++;
    }
    return count;
  }

  private blocksFor(query: NumberSearchQuery): InventoryBlock[] {
    const blocks = this.countries.get(query.country);
    if (!blocks) {
      throw new UserError("no_inventory", `There are no numbers for "${query.country}" in the sandbox inventory.`, {
        hint: `Countries: ${this.countryCodes().map((c) => `${c} (${COUNTRIES[c] ?? c})`).join(", ")}.`,
      });
    }
    if (!query.type) return blocks;
    const ofType = blocks.filter((b) => b.type === query.type);
    if (ofType.length === 0) {
      throw new UserError("no_such_type", `${COUNTRIES[query.country] ?? query.country} has no ${query.type} numbers on sale.`, {
        hint: `Try ${this.typesOf(query.country).map((t) => `type:${t}`).join(" or ")}.`,
      });
    }
    return ofType;
  }
}

function toAvailable(block: InventoryBlock, msisdn: string, features: AvailableNumber["features"]): AvailableNumber {
  return { msisdn, country: block.country, type: block.type, features: [...features], monthlyPrice: new Decimal(block.plan.monthlyPrice) };
}

function matches(msisdn: string, { pattern, match }: NumberSearchQuery): boolean {
  if (!pattern) return true;
  if (match === "starts") return msisdn.startsWith(pattern);
  if (match === "ends") return msisdn.endsWith(pattern);
  return msisdn.includes(pattern);
}

/** Skips whole blocks a "starts with" pattern cannot reach. */
function blockMayMatch(block: InventoryBlock, { pattern, match }: NumberSearchQuery): boolean {
  if (!pattern || match !== "starts") return true;
  return pattern.length <= block.prefix.length ? block.prefix.startsWith(pattern) : pattern.startsWith(block.prefix);
}
