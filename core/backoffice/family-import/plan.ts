/**
 * What an import would do to the database, line by line: create a family, update one (and which fields), or leave
 * it unchanged. Existing families are matched by file number, else by the first guardian's e-mail, else by a child
 * (same family name, first name and birth date). An import never deletes or blanks anything: empty cells leave
 * the stored value as it is, so importing the same file twice changes nothing the second time. Pure.
 */
import type { PlainDate } from '../../calendar';
import type { Diet, SchoolLevelCode } from '../model';
import { childKey, nameKey, type ImportedChild, type ImportedFamily, type ImportedGuardian, type ImportIssue, type ParsedLine } from './parse';
import type { FamilyFields } from '../../families/model';

export interface ExistingGuardian {
  id: string;
  firstName: string;
  lastName: string;
  relationship: string;
  email: string | null;
  phone: string | null;
}

export interface ExistingChild {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: PlainDate;
  siteId: string | null;
  level: string;
  diet: string;
  allergies: string;
  hasPai: boolean;
}

export interface ExistingFamily extends FamilyFields {
  guardians: ExistingGuardian[];
  children: ExistingChild[];
}

export type FamilyPatch = Partial<Pick<ExistingFamily, 'name' | 'addressLine' | 'postalCode' | 'city' | 'email' | 'phone' | 'resident' | 'qf' | 'qfValidUntil'>>;
export type GuardianPatch = Partial<Pick<ExistingGuardian, 'relationship' | 'email' | 'phone'>>;
export type ChildPatch = Partial<{ lastName: string; siteId: string | null; level: SchoolLevelCode; diet: Diet; allergies: string; hasPai: boolean }>;

/** One change as the report shows it: a family field, or a guardian / child added or updated (with its fields). */
export type ImportChange =
  | { kind: 'family'; field: keyof FamilyPatch }
  | { kind: 'guardian_added' | 'child_added'; name: string }
  | { kind: 'guardian_updated'; name: string; fields: (keyof GuardianPatch)[] }
  | { kind: 'child_updated'; name: string; fields: (keyof ChildPatch)[] };

export interface ImportOperations {
  family: FamilyPatch;
  addGuardians: ImportedGuardian[];
  patchGuardians: { id: string; patch: GuardianPatch }[];
  addChildren: ImportedChild[];
  patchChildren: { id: string; patch: ChildPatch }[];
}

export type LineAction = 'create' | 'update' | 'unchanged' | 'error';

export interface PlannedLine {
  line: number;
  label: string;
  action: LineAction;
  issues: ImportIssue[];
  /** The family to update (null for a creation or an error). */
  familyId: string | null;
  fileNumber: string | null;
  family: ImportedFamily | null;
  changes: ImportChange[];
  operations: ImportOperations | null;
}

export interface ImportPlan {
  lines: PlannedLine[];
  counts: Record<LineAction, number> & { warnings: number };
  /** True when no line has an error: only then may the file be imported. */
  importable: boolean;
}

export interface PlanOptions {
  communeName: string;
}

/** Keys the repository looks existing families up by. */
export function lookupKeys(lines: readonly ParsedLine[]): { fileNumbers: string[]; emails: string[]; childKeys: { firstName: string; birthDate: string }[] } {
  const fileNumbers = new Set<string>();
  const emails = new Set<string>();
  const childKeys: { firstName: string; birthDate: string }[] = [];
  for (const line of lines) {
    if (!line.family) continue;
    if (line.family.fileNumber) fileNumbers.add(line.family.fileNumber);
    const email = line.family.guardians[0]?.email;
    if (email) emails.add(email);
    for (const child of line.family.children) childKeys.push({ firstName: child.firstName, birthDate: child.birthDate });
  }
  return { fileNumbers: [...fileNumbers], emails: [...emails], childKeys };
}

function residentFor(family: ImportedFamily, communeName: string): boolean {
  return family.resident ?? nameKey(family.city) === nameKey(communeName);
}

function familyPatch(existing: ExistingFamily, family: ImportedFamily): FamilyPatch {
  const patch: FamilyPatch = {};
  if (family.name && family.name !== existing.name) patch.name = family.name;
  if (family.addressLine && family.addressLine !== existing.addressLine) patch.addressLine = family.addressLine;
  if (family.postalCode && family.postalCode !== existing.postalCode) patch.postalCode = family.postalCode;
  if (family.city && family.city !== existing.city) patch.city = family.city;
  if (family.email && family.email !== existing.email) patch.email = family.email;
  if (family.phone && family.phone !== existing.phone) patch.phone = family.phone;
  if (family.resident !== null && family.resident !== existing.resident) patch.resident = family.resident;
  if (family.qf !== null && family.qf !== existing.qf) patch.qf = family.qf;
  if (family.qfValidUntil !== null && family.qfValidUntil !== existing.qfValidUntil) patch.qfValidUntil = family.qfValidUntil;
  return patch;
}

function guardianPatch(existing: ExistingGuardian, guardian: ImportedGuardian): GuardianPatch {
  const patch: GuardianPatch = {};
  if (guardian.relationship && guardian.relationship !== 'responsable légal' && guardian.relationship !== existing.relationship) {
    patch.relationship = guardian.relationship;
  }
  if (guardian.email && guardian.email !== existing.email) patch.email = guardian.email;
  if (guardian.phone && guardian.phone !== existing.phone) patch.phone = guardian.phone;
  return patch;
}

function childPatch(existing: ExistingChild, child: ImportedChild): ChildPatch {
  const patch: ChildPatch = {};
  if (child.lastName !== existing.lastName) patch.lastName = child.lastName;
  if (child.siteId !== null && child.siteId !== existing.siteId) patch.siteId = child.siteId;
  if (child.level !== existing.level) patch.level = child.level;
  if (child.diet !== null && child.diet !== existing.diet) patch.diet = child.diet;
  if (child.allergies !== null && child.allergies !== existing.allergies) patch.allergies = child.allergies;
  if (child.pai !== null && child.pai !== existing.hasPai) patch.hasPai = child.pai;
  return patch;
}

const personKey = (firstName: string, lastName: string) => `${nameKey(firstName)}|${nameKey(lastName)}`;

/** Plans every line against the families found for its keys. */
export function planImport(lines: readonly ParsedLine[], existing: readonly ExistingFamily[], options: PlanOptions): ImportPlan {
  const byFileNumber = new Map(existing.map((f) => [f.fileNumber.toUpperCase(), f]));
  const byEmail = new Map<string, ExistingFamily>();
  const byChild = new Map<string, ExistingFamily>();
  for (const family of existing) {
    if (family.email) byEmail.set(family.email.toLowerCase(), family);
    for (const guardian of family.guardians) if (guardian.email && !byEmail.has(guardian.email.toLowerCase())) byEmail.set(guardian.email.toLowerCase(), family);
    for (const child of family.children) byChild.set(childKey(child.firstName, child.lastName, child.birthDate), family);
  }
  const claimed = new Map<string, number>();
  const planned: PlannedLine[] = [];

  for (const line of lines) {
    const base = { line: line.line, label: line.label, issues: [...line.issues], changes: [] as ImportChange[] };
    const family = line.family;
    if (!family) {
      planned.push({ ...base, action: 'error', familyId: null, fileNumber: null, family: null, operations: null });
      continue;
    }
    const email = family.guardians[0]?.email ?? null;
    let match: ExistingFamily | undefined = family.fileNumber ? byFileNumber.get(family.fileNumber) : undefined;
    if (!match && !family.fileNumber && email) match = byEmail.get(email);
    if (!match && !family.fileNumber) {
      match = family.children
        .map((c) => byChild.get(childKey(c.firstName, c.lastName, c.birthDate)))
        .find((f): f is ExistingFamily => f !== undefined && nameKey(f.name) === nameKey(family.name));
    }

    // A child of this line already belongs to another family: importing would create the same child twice.
    for (const child of family.children) {
      const owner = byChild.get(childKey(child.firstName, child.lastName, child.birthDate));
      if (owner && owner.id !== match?.id) {
        base.issues.push({ code: 'child_in_other_family', severity: 'error', field: `child${child.position}.firstName`, value: `${child.firstName} ${child.lastName}`, other: owner.fileNumber });
      }
    }
    if (match) {
      const first = claimed.get(match.id);
      if (first !== undefined) base.issues.push({ code: 'family_matched_twice', severity: 'error', other: match.fileNumber, otherLine: first });
      else claimed.set(match.id, line.line);
    }
    if (base.issues.some((i) => i.severity === 'error')) {
      planned.push({ ...base, action: 'error', familyId: null, fileNumber: family.fileNumber, family: null, operations: null });
      continue;
    }

    if (!match) {
      const operations: ImportOperations = {
        family: {},
        addGuardians: family.guardians,
        patchGuardians: [],
        addChildren: family.children,
        patchChildren: [],
      };
      const resolved = { ...family, resident: residentFor(family, options.communeName) };
      planned.push({ ...base, action: 'create', familyId: null, fileNumber: family.fileNumber, family: resolved, operations });
      continue;
    }

    const operations: ImportOperations = { family: familyPatch(match, family), addGuardians: [], patchGuardians: [], addChildren: [], patchChildren: [] };
    const changes: ImportChange[] = (Object.keys(operations.family) as (keyof FamilyPatch)[]).map((field) => ({ kind: 'family', field }));
    const guardians = new Map(match.guardians.map((g) => [personKey(g.firstName, g.lastName), g]));
    for (const guardian of family.guardians) {
      const known = guardians.get(personKey(guardian.firstName, guardian.lastName));
      const name = `${guardian.firstName} ${guardian.lastName}`;
      if (!known) {
        operations.addGuardians.push(guardian);
        changes.push({ kind: 'guardian_added', name });
        continue;
      }
      const patch = guardianPatch(known, guardian);
      if (Object.keys(patch).length > 0) {
        operations.patchGuardians.push({ id: known.id, patch });
        changes.push({ kind: 'guardian_updated', name, fields: Object.keys(patch) as (keyof GuardianPatch)[] });
      }
    }
    const children = new Map(match.children.map((c) => [`${nameKey(c.firstName)}|${c.birthDate}`, c]));
    for (const child of family.children) {
      const known = children.get(`${nameKey(child.firstName)}|${child.birthDate}`);
      const name = `${child.firstName} ${child.lastName}`;
      if (!known) {
        operations.addChildren.push(child);
        changes.push({ kind: 'child_added', name });
        continue;
      }
      const patch = childPatch(known, child);
      if (Object.keys(patch).length > 0) {
        operations.patchChildren.push({ id: known.id, patch });
        changes.push({ kind: 'child_updated', name, fields: Object.keys(patch) as (keyof ChildPatch)[] });
      }
    }
    planned.push({
      ...base,
      changes,
      action: changes.length > 0 ? 'update' : 'unchanged',
      familyId: match.id,
      fileNumber: match.fileNumber,
      family,
      operations,
    });
  }

  const counts = { create: 0, update: 0, unchanged: 0, error: 0, warnings: 0 };
  for (const line of planned) {
    counts[line.action]++;
    counts.warnings += line.issues.filter((i) => i.severity === 'warning').length;
  }
  return { lines: planned, counts, importable: counts.error === 0 && planned.length > 0 };
}
