// Spreadsheets for exports: one sheet per table, a bold header row, frozen, sized columns.
// exceljs is loaded on first use: it adds about a second to every start-up otherwise.

export interface SheetSpec {
  name: string;
  columns: { header: string; key: string; width: number; numFmt?: string }[];
  rows: Record<string, unknown>[];
}

export async function workbookBuffer(sheets: SheetSpec[]): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Switchboard";
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = spec.columns.map(({ header, key, width, numFmt }) => ({ header, key, width, style: numFmt ? { numFmt } : {} }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRows(spec.rows);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const DATE_FORMAT = "yyyy-mm-dd hh:mm";
export const MONEY_FORMAT = "#,##0.00";
