// ISO 3166 countries Switchboard's number inventory and pricing know.
export const COUNTRIES: Record<string, string> = {
  AT: "Austria", AU: "Australia", BE: "Belgium", BR: "Brazil", CA: "Canada", CH: "Switzerland",
  CZ: "Czechia", DE: "Germany", DK: "Denmark", ES: "Spain", FI: "Finland", FR: "France",
  GB: "United Kingdom", HK: "Hong Kong", IE: "Ireland", IL: "Israel", IT: "Italy", JP: "Japan",
  MX: "Mexico", NL: "Netherlands", NO: "Norway", NZ: "New Zealand", PL: "Poland", PT: "Portugal",
  SE: "Sweden", SG: "Singapore", US: "United States", ZA: "South Africa",
};

export function countryOptions(query: string) {
  const q = query.toLowerCase();
  return Object.entries(COUNTRIES)
    .filter(([code, name]) => !q || code.toLowerCase().startsWith(q) || name.toLowerCase().includes(q))
    .map(([code, name]) => ({ label: `${name} (${code})`, value: code }));
}
