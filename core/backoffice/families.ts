/**
 * Staff's view of the families: search (name, child, file number, e-mail, school) and the family file. Health
 * fields (diet, allergies, PAI) are removed for roles that do not read health data, income (QF) for roles that do
 * not bill; a family file showing a PAI is an audit event.
 */
import { canReadHealth, canReadIncome, type Viewer } from './model';
import type { BackOfficeDeps, FamilyDetailRecord, FamilyListRow } from './ports';

export const FAMILY_PAGE_SIZE = 50;

export function searchWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 6)
    .map((w) => w.slice(0, 60));
}

export async function searchFamilies(
  input: { query: string; siteId: string | null; withoutAccount?: boolean; page: number },
  deps: Pick<BackOfficeDeps, 'store'>,
): Promise<{ total: number; rows: FamilyListRow[]; page: number; pages: number }> {
  const page = Number.isInteger(input.page) && input.page > 0 ? Math.min(input.page, 10_000) : 1;
  const result = await deps.store.families.search({
    words: searchWords(input.query),
    siteId: input.siteId,
    withoutAccount: input.withoutAccount ?? false,
    limit: FAMILY_PAGE_SIZE,
    offset: (page - 1) * FAMILY_PAGE_SIZE,
  });
  return { ...result, page, pages: Math.max(1, Math.ceil(result.total / FAMILY_PAGE_SIZE)) };
}

export type FamilyView = Omit<FamilyDetailRecord, 'qf' | 'qfValidUntil' | 'children'> & {
  /** Null when the viewer does not read income data. */
  income: { qf: number | null; qfValidUntil: string | null } | null;
  children: (Omit<FamilyDetailRecord['children'][number], 'diet' | 'allergies' | 'hasPai'> & {
    /** Null when the viewer does not read health data. */
    health: { diet: string; allergies: string; hasPai: boolean } | null;
  })[];
};

export async function familyFile(input: { familyId: string; viewer: Viewer }, deps: Pick<BackOfficeDeps, 'store' | 'clock'>): Promise<FamilyView | null> {
  if (!/^[0-9A-Za-z-]{1,80}$/.test(input.familyId)) return null;
  const detail = await deps.store.families.detail(input.familyId);
  if (!detail) return null;
  const health = canReadHealth(input.viewer.role);
  const income = canReadIncome(input.viewer.role);
  const { qf, qfValidUntil, children, ...rest } = detail;
  const withPai = children.filter((c) => c.hasPai).map((c) => c.id);
  if (health && withPai.length > 0) {
    await deps.store.audit.record(
      {
        actorUserId: input.viewer.userId,
        actorLabel: input.viewer.label,
        action: 'health.pai_read',
        target: `family:${detail.id}`,
        ip: input.viewer.ip,
        details: { context: 'dossier', children: withPai },
      },
      deps.clock.now(),
    );
  }
  return {
    ...rest,
    income: income ? { qf, qfValidUntil } : null,
    children: children.map(({ diet, allergies, hasPai, ...child }) => ({ ...child, health: health ? { diet, allergies, hasPai } : null })),
  };
}
