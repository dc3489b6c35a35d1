/**
 * A small CSV reader for the calendar imports: RFC 4180 quotes, CRLF, BOM, and ';' as separator when the
 * header uses it (French spreadsheets). Problems come back as French messages with line numbers, never thrown.
 */

export type CsvIssue = { line: number; message: string };

export type CsvResult<T> = { ok: true; value: T } | { ok: false; errors: CsvIssue[] };

export type CsvRecord<C extends string> = { line: number; values: Record<C, string> };

export function csvIssue(line: number, message: string): CsvIssue {
  return { line, message: `Ligne ${line} : ${message}` };
}

/** Splits one physical line; null when a quote is left open (quoted line breaks are not supported). */
function splitLine(text: string, separator: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) { fields.push(field.trim()); field = ''; }
    else field += char;
  }
  if (quoted) return null;
  fields.push(field.trim());
  return fields;
}

/** Reads a table with the given columns (any order, names case-insensitive, extra columns ignored). */
export function readCsvTable<C extends string>(text: string, columns: readonly C[]): CsvResult<CsvRecord<C>[]> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  const headerLine = lines[headerIndex];
  if (headerIndex < 0 || headerLine === undefined) {
    return { ok: false, errors: [csvIssue(1, `fichier vide, en-tête attendu « ${columns.join(',')} »`)] };
  }
  const separator = headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',';
  const headerNumber = headerIndex + 1;
  const header = (splitLine(headerLine, separator) ?? []).map((name) => name.toLowerCase());
  const missing = columns.filter((column) => !header.includes(column.toLowerCase()));
  if (missing.length > 0) {
    return { ok: false, errors: missing.map((column) => csvIssue(headerNumber, `colonne « ${column} » manquante dans l'en-tête`)) };
  }
  const positions = columns.map((column) => [column, header.indexOf(column.toLowerCase())] as const);
  const records: CsvRecord<C>[] = [];
  const errors: CsvIssue[] = [];
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    if (raw.trim() === '') continue;
    const line = index + 1;
    const fields = splitLine(raw, separator);
    if (fields === null) { errors.push(csvIssue(line, 'guillemet non refermé')); continue; }
    if (fields.length !== header.length) {
      errors.push(csvIssue(line, `${fields.length} colonne(s) au lieu de ${header.length}`));
      continue;
    }
    const values = {} as Record<C, string>;
    for (const [column, position] of positions) values[column] = fields[position] ?? '';
    records.push({ line, values });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: records };
}
