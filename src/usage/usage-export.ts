// The usage records as files: a spreadsheet (like the billing exports) and CSV. CSV cells
// that a spreadsheet would run as a formula are defused; phone numbers stay as they are.
import { DATE_FORMAT, workbookBuffer } from "../billing/exports/workbook.ts";
import type { UsageRecord } from "./usage-types.ts";

export const USAGE_EXPORT_LIMIT = 100_000;

const COLUMNS = [
  { header: "Date (UTC)", key: "at", width: 18, numFmt: DATE_FORMAT },
  { header: "Id", key: "id", width: 26 },
  { header: "Product", key: "product", width: 8 },
  { header: "Direction", key: "direction", width: 10 },
  { header: "From", key: "from", width: 16 },
  { header: "To", key: "to", width: 16 },
  { header: "Country", key: "country", width: 8 },
  { header: "Network", key: "network", width: 22 },
  { header: "Parts", key: "parts", width: 6 },
  { header: "Price (EUR)", key: "price", width: 12, numFmt: "0.0000" },
  { header: "Status", key: "status", width: 11 },
  { header: "Failure reason", key: "reason", width: 44 },
  { header: "DEMO", key: "demo", width: 6 },
  { header: "Text", key: "text", width: 60 },
];

function row(r: UsageRecord) {
  return {
    at: r.createdAt,
    id: r.id,
    product: r.product,
    direction: r.direction,
    from: r.from,
    to: r.to,
    country: r.country,
    network: [r.networkName, r.network && `(${r.network})`].filter(Boolean).join(" "),
    parts: r.parts,
    price: r.price.toNumber(),
    status: r.status,
    reason: r.failureReason ?? "",
    demo: r.demo ? "yes" : "",
    text: r.text ?? "",
  };
}

export async function usageWorkbook(records: UsageRecord[]): Promise<Buffer> {
  return workbookBuffer([{ name: "Records", columns: COLUMNS, rows: records.map(row) }]);
}

export function usageCsv(records: UsageRecord[]): Buffer {
  const lines = [COLUMNS.map((c) => csvCell(c.header)).join(",")];
  for (const record of records) {
    const r = row(record);
    lines.push(
      COLUMNS.map((c) => {
        const value = r[c.key as keyof typeof r];
        if (value instanceof Date) return value.toISOString();
        if (c.key === "price") return record.price.toFixed(6);
        return csvCell(String(value));
      }).join(","),
    );
  }
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}

/** RFC 4180 quoting; a leading =, @, tab or CR, or a sign not followed by a number, is prefixed with '. */
export function csvCell(value: string): string {
  const risky = /^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !/^[+-]\d[\d\s]*$/.test(value));
  const safe = risky ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
