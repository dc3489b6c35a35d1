/**
 * XLSX exports with exceljs: one sheet, a bold frozen header row, text cells written as text (never as formulas)
 * and neutralised like the CSV ones (a leading apostrophe before = + - @), so that a copy to CSV or another
 * spreadsheet stays harmless too. Numbers stay numbers.
 */
import ExcelJS from 'exceljs';
import { neutraliseCell, type CellValue } from '../../core/backoffice/csv';

export async function writeXlsx(table: { name: string; header: readonly string[]; rows: readonly (readonly CellValue[])[] }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tartine';
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet(table.name.slice(0, 31) || 'export', { views: [{ state: 'frozen', ySplit: 1 }] });
  const cell = (value: CellValue) => (value === null || value === undefined ? null : typeof value === 'number' ? value : neutraliseCell(value));
  sheet.addRow(table.header.map((h) => cell(h)));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map(cell));
  table.header.forEach((header, index) => {
    const widest = Math.max(header.length, ...table.rows.slice(0, 500).map((row) => String(row[index] ?? '').length));
    sheet.getColumn(index + 1).width = Math.min(60, Math.max(8, widest + 2));
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
