/**
 * The families' CSV import, in three steps that all work without JavaScript:
 * 1. analyse the uploaded bytes (encoding, separator, header) and propose a column mapping;
 * 2. dry run: every line checked and planned against the database (create, update, unchanged, error);
 * 3. import: the same plan recomputed inside ONE transaction and applied only if no line has an error, so a file
 *    is imported completely or not at all; importing it again changes nothing (the plan says « unchanged »).
 */
import { parisToday, schoolYearContaining, schoolYearStartingIn, toParts } from '../../calendar';
import { readCsv, type CsvDelimiter } from '../csv';
import { decodeText, type TextEncodingName } from '../encoding';
import type { Viewer } from '../model';
import type { BackOfficeDeps, BackOfficeRepositories } from '../ports';
import { autoMap, missingRequired, type ColumnMapping, type ImportField } from './fields';
import { findDuplicates, parseLine } from './parse';
import { lookupKeys, planImport, type ImportPlan } from './plan';

/** At most this many data lines per file (a town of 20,000 inhabitants has about 2,500 school families). */
export const MAX_IMPORT_LINES = 10_000;

export type AnalyseError = 'empty' | 'spreadsheet' | 'binary' | 'unclosed_quote' | 'no_data' | 'too_many_lines';

export interface Analysis {
  text: string;
  encoding: TextEncodingName;
  delimiter: CsvDelimiter;
  headers: string[];
  lineCount: number;
  mapping: ColumnMapping;
}

export function analyseUpload(bytes: Uint8Array): { ok: true; value: Analysis } | { ok: false; error: AnalyseError; line?: number } {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  return analyseText(decoded.text, decoded.encoding);
}

export function analyseText(text: string, encoding: TextEncodingName): { ok: true; value: Analysis } | { ok: false; error: AnalyseError; line?: number } {
  const csv = readCsv(text);
  if (!csv.ok) return { ok: false, error: csv.error === 'empty' ? 'empty' : 'unclosed_quote', line: csv.line };
  if (csv.records.length === 0) return { ok: false, error: 'no_data' };
  if (csv.records.length > MAX_IMPORT_LINES) return { ok: false, error: 'too_many_lines' };
  const headers = csv.header.fields;
  return { ok: true, value: { text, encoding, delimiter: csv.delimiter, headers, lineCount: csv.records.length, mapping: autoMap(headers) } };
}

export type PlanResult =
  | { ok: true; plan: ImportPlan; headers: string[] }
  | { ok: false; error: 'missing_columns'; missing: ImportField[] }
  | { ok: false; error: AnalyseError; line?: number };

async function planWith(text: string, mapping: ColumnMapping, repos: Pick<BackOfficeRepositories, 'families'>, now: Date): Promise<PlanResult> {
  const csv = readCsv(text);
  if (!csv.ok) return { ok: false, error: csv.error === 'empty' ? 'empty' : 'unclosed_quote', line: csv.line };
  if (csv.records.length === 0) return { ok: false, error: 'no_data' };
  if (csv.records.length > MAX_IMPORT_LINES) return { ok: false, error: 'too_many_lines' };
  const missing = missingRequired(mapping);
  if (missing.length > 0) return { ok: false, error: 'missing_columns', missing };
  const [sites, communeName] = await Promise.all([repos.families.sites(), repos.families.communeName()]);
  const today = parisToday(now);
  const lines = csv.records.map((record) => parseLine(record, csv.header.fields.length, mapping, { sites, communeName, today }));
  findDuplicates(lines);
  const existing = await repos.families.findForImport(lookupKeys(lines));
  return { ok: true, plan: planImport(lines, existing, { communeName }), headers: csv.header.fields };
}

/** Dry run: nothing is written. */
export async function previewImport(input: { text: string; mapping: ColumnMapping }, deps: Pick<BackOfficeDeps, 'store' | 'clock'>): Promise<PlanResult> {
  return planWith(input.text, input.mapping, deps.store, deps.clock.now());
}

export type ImportResult = PlanResult & { imported?: { created: number; updated: number; unchanged: number; fileNumbers: string[] } };

class RefusedPlan extends Error {
  constructor(readonly result: PlanResult) {
    super('import refused');
  }
}

/** The prefix of new file numbers: the school year's first calendar year ('F-2026-'). */
export function fileNumberPrefix(now: Date): string {
  const today = parisToday(now);
  const year = schoolYearContaining(today) ?? schoolYearStartingIn(toParts(today).year);
  return `F-${year.id.slice(0, 4)}-`;
}

/** Numbers after the highest one in use with the prefix, four digits at least. */
export function nextFileNumbers(prefix: string, taken: readonly string[], count: number): string[] {
  let max = 0;
  for (const number of taken) {
    if (!number.startsWith(prefix)) continue;
    const tail = number.slice(prefix.length);
    if (/^\d+$/.test(tail)) max = Math.max(max, Number(tail));
  }
  return Array.from({ length: count }, (_, i) => `${prefix}${String(max + i + 1).padStart(4, '0')}`);
}

/**
 * Plans again inside one transaction and applies everything, or nothing when a line has an error. `onProgress`
 * hears how many lines are applied so far (it must not wait on the database: the transaction holds it).
 */
export async function runImport(
  input: { text: string; mapping: ColumnMapping; fileName: string; encoding: string; viewer: Viewer; onProgress?: (linesDone: number) => void },
  deps: Pick<BackOfficeDeps, 'store' | 'clock'>,
): Promise<ImportResult> {
  const now = deps.clock.now();
  try {
    return await deps.store.transaction(async (repos) => {
      const result = await planWith(input.text, input.mapping, repos, now);
      if (!result.ok || !result.plan.importable) throw new RefusedPlan(result);
      const creations = result.plan.lines.filter((l) => l.action === 'create');
      const prefix = fileNumberPrefix(now);
      const fresh = nextFileNumbers(prefix, await repos.families.fileNumbersWithPrefix(prefix), creations.filter((l) => !l.fileNumber).length);
      const fileNumbers: string[] = [];
      let linesDone = 0;
      for (const line of result.plan.lines) {
        if (line.action === 'create' && line.family && line.operations) {
          const fileNumber = line.fileNumber ?? fresh.shift()!;
          const familyId = await repos.families.createFamily({ ...line.family, fileNumber, resident: line.family.resident ?? true }, now);
          for (const guardian of line.operations.addGuardians) await repos.families.addGuardian(familyId, guardian);
          for (const child of line.operations.addChildren) await repos.families.addChild(familyId, child);
          line.familyId = familyId;
          line.fileNumber = fileNumber;
          fileNumbers.push(fileNumber);
        } else if (line.action === 'update' && line.familyId && line.operations) {
          await repos.families.applyUpdate(line.familyId, line.operations, now);
        }
        input.onProgress?.(++linesDone);
      }
      const { create, update, unchanged } = result.plan.counts;
      await repos.audit.record(
        {
          actorUserId: input.viewer.userId,
          actorLabel: input.viewer.label,
          action: 'families.imported',
          target: null,
          ip: input.viewer.ip,
          details: { fileName: input.fileName.slice(0, 120), encoding: input.encoding, lines: result.plan.lines.length, created: create, updated: update, unchanged },
        },
        now,
      );
      return { ...result, imported: { created: create, updated: update, unchanged, fileNumbers } };
    });
  } catch (error) {
    if (error instanceof RefusedPlan) return error.result;
    throw error;
  }
}
