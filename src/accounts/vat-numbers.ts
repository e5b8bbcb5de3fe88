// VAT numbers of the countries Vonage invoices: the EU (Greece as EL, Northern Ireland as
// XI), the United Kingdom, Switzerland and Norway. Each is checked against its country's
// format and, where the country defines one, its check digits (jsvat-next implements the
// national algorithms), so a typo is caught here rather than on an invoice.
import jsvat, { type Country } from "jsvat-next";

// A CommonJS package whose minified exports Node cannot name from ESM: take its namespace.
const { checkVAT, countries } = jsvat;

const byName = new Map(countries.map((c) => [c.name, c]));
const country = (name: string): Country => {
  const found = byName.get(name);
  if (!found) throw new Error(`jsvat-next has no country ${name}`);
  return found;
};

interface VatCountry {
  label: string;
  rules: Country;
  /** The form jsvat-next checks: Norway's numbers are checked without the NO prefix. */
  checked(vat: string): string;
}

const same = (vat: string) => vat;
const EU: Record<string, string> = {
  AT: "Austria", BE: "Belgium", BG: "Bulgaria", HR: "Croatia", CY: "Cyprus", CZ: "Czech Republic", DK: "Denmark",
  EE: "Estonia", FI: "Finland", FR: "France", DE: "Germany", EL: "Greece", HU: "Hungary", IE: "Ireland", IT: "Italy",
  LV: "Latvia", LT: "Lithuania", LU: "Luxembourg", MT: "Malta", NL: "Netherlands", PL: "Poland", PT: "Portugal",
  RO: "Romania", SK: "Slovakia Republic", SI: "Slovenia", ES: "Spain", SE: "Sweden",
};

const COUNTRIES: Record<string, VatCountry> = {
  ...Object.fromEntries(Object.entries(EU).map(([prefix, name]) => [prefix, { label: prefix, rules: country(name), checked: same }])),
  XI: { label: "XI (Northern Ireland)", rules: country("United Kingdom"), checked: same },
  GB: { label: "GB", rules: country("United Kingdom"), checked: same },
  CH: { label: "CHE (Switzerland)", rules: country("Switzerland"), checked: same },
  NO: { label: "NO (Norway)", rules: country("Norway"), checked: (vat) => vat.slice(2).replace(/(MVA)?$/, "MVA") },
};

export const VAT_EXAMPLES = "DE136695976, GB980780684, CHE116281710 or NO923609016MVA";

/** The VAT number as stored: upper case, without spaces, dots, dashes or slashes. */
export const normalizeVat = (input: string): string => input.toUpperCase().replace(/[\s.\-/]+/g, "");

/** Why a VAT number is not acceptable, in a sentence; undefined when it is. */
export function vatProblem(input: string): string | undefined {
  const vat = normalizeVat(input);
  const entry = COUNTRIES[vat.slice(0, 2)];
  if (!entry) {
    return `"${input}" does not start with a country prefix Switchboard knows: an EU country's (such as DE, FR or EL for Greece), XI, GB, CHE or NO. Examples: ${VAT_EXAMPLES}`;
  }
  const result = checkVAT(entry.checked(vat), [entry.rules]);
  if (!result.isValidFormat) return `"${input}" is not in the ${entry.label} VAT number format`;
  if (!result.isValid) return `"${input}" is not a valid ${entry.label} VAT number: its check digits do not match, so look for a typo`;
  return undefined;
}
