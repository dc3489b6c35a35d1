/**
 * CSV for the back office: reading the families' questionnaire (RFC 4180 quotes, quoted line breaks, CRLF or LF,
 * ';' ',' or tab separators as spreadsheets write them) and writing exports that spreadsheets open safely.
 * Pure: no I/O, no framework.
 */

export type CsvDelimiter = ';' | ',' | '\t';

export interface CsvRecord {
  /** Physical line where the record starts (1-based, the header is line 1 in most files). */
  line: number;
  fields: string[];
}

export type CsvReadResult =
  | { ok: true; delimiter: CsvDelimiter; header: CsvRecord; records: CsvRecord[] }
  | { ok: false; error: 'empty' | 'unclosed_quote'; line: number };

/** The separator of the first line, counted outside quotes: the most frequent of ';', ',' and tab (';' wins ties). */
export function detectDelimiter(firstLine: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ';' || char === ',' || char === '\t')) counts[char]++;
  }
  const order: CsvDelimiter[] = [';', '\t', ','];
  return order.reduce((best, d) => (counts[d] > counts[best] ? d : best), ';');
}

/**
 * Splits the text into records. Blank lines are skipped; fields are trimmed of surrounding spaces unless quoted.
 * A quote left open is reported with the line where its record started.
 */
export function readCsv(input: string): CsvReadResult {
  const text = input.replace(/^\uFEFF/, '');
  const firstLineEnd = text.search(/\r\n|\n|\r/);
  const firstLine = firstLineEnd < 0 ? text : text.slice(0, firstLineEnd);
  const delimiter = detectDelimiter(firstLine);
  const records: CsvRecord[] = [];
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let started = false;

  const endField = () => {
    fields.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '' && !started)) records.push({ line: recordLine, fields });
    fields = [];
    started = false;
  };

  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line++;
        field += char;
      }
      continue;
    }
    if (char === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      started = true;
      field = '';
    } else if (char === delimiter) {
      started = true;
      endField();
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (wasQuoted && char.trim() === '') continue; // spaces after a closing quote
      if (char.trim() !== '') started = true;
      field += char;
    }
  }
  if (quoted) return { ok: false, error: 'unclosed_quote', line: recordLine };
  if (field !== '' || fields.length > 0 || started) endRecord();
  const nonEmpty = records.filter((r) => r.fields.some((f) => f !== ''));
  const [header, ...rest] = nonEmpty;
  if (!header) return { ok: false, error: 'empty', line: 1 };
  return { ok: true, delimiter, header, records: rest };
}

/**
 * Formula injection (CSV / spreadsheet injection): a text cell starting with = + - @ (or a tab / carriage return,
 * which some spreadsheets skip before reading a formula) is prefixed with an apostrophe so that spreadsheets show it
 * as text instead of running it. Numbers are written as numbers and never touched.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type CellValue = string | number | null | undefined;

function csvField(value: CellValue, delimiter: string): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseCell(value);
  return /["\r\n]/.test(text) || text.includes(delimiter) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV document as French spreadsheets open it by double-click: UTF-8 with a byte-order mark, ';' separators,
 * CRLF line ends, every text cell neutralised against formula injection.
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly CellValue[])[], delimiter: CsvDelimiter = ';'): string {
  const lines = [header, ...rows].map((row) => row.map((cell) => csvField(cell, delimiter)).join(delimiter));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
