// Invoice numbers as people read and type them: SB-000042 (or just 42).
export const invoiceNumber = (n: number): string => `SB-${String(n).padStart(6, "0")}`;

export function parseInvoiceNumber(text: string): number | undefined {
  const match = /^\s*(?:SB-?)?0*(\d{1,9})\s*$/i.exec(text);
  return match ? Number(match[1]) : undefined;
}
