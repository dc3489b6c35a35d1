/**
 * Activities: create, and edit with a confirm step. Before an edit is saved, staff see what it affects (future
 * bookings, families, capacity before → after); a capacity below the bookings of any future day is refused, naming
 * the days, and nothing changes. The price grid is edited by core/pricing/grid-editor (/admin/tarifs).
 */
import { parisToday } from '../calendar';
import { errorsFr } from './messages-fr';
import type { ActivitySettings, Actor, Outcome } from './model';
import type { ReferentialDeps, ReferentialRepositories } from './ports';
import { audit } from './sites';

export type ActivityField = keyof ActivitySettings;

export interface ActivityChangePreview {
  /** The settings that change, in form order. */
  changed: ActivityField[];
  /** Reserved days from today on, and the families that hold them. */
  futureBookings: number;
  families: number;
  capacity: { from: number; to: number } | null;
}

export type SaveActivityResult = { status: 'saved'; activityId: string } | { status: 'preview'; preview: ActivityChangePreview };

const FIELDS: ActivityField[] = [
  'name',
  'kind',
  'siteId',
  'schoolYearId',
  'weekdays',
  'period',
  'capacity',
  'addDeadline',
  'cancelDeadline',
  'billingMode',
  'waitingList',
  'enrolmentMode',
  'requiredDocuments',
];

function changedFields(before: ActivitySettings, after: ActivitySettings): ActivityField[] {
  return FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/** The site and school year must exist; refused settings name their field. */
async function referenceErrors(repos: ReferentialRepositories, settings: ActivitySettings): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  if (!(await repos.referential.site(settings.siteId))) errors.siteId = errorsFr.activitySite;
  if (!(await repos.referential.schoolYears()).some((y) => y.id === settings.schoolYearId)) errors.schoolYearId = errorsFr.activityYear;
  return errors;
}

export async function saveActivity(
  input: { activityId: string | null; settings: ActivitySettings; confirmed: boolean; actor: Actor },
  deps: ReferentialDeps,
): Promise<Outcome<SaveActivityResult>> {
  const now = deps.clock.now();
  const today = parisToday(now);
  const { settings } = input;
  return deps.store.transaction(async (repos): Promise<Outcome<SaveActivityResult>> => {
    const errors = await referenceErrors(repos, settings);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    if (input.activityId === null) {
      const id = crypto.randomUUID();
      await repos.referential.insertActivity({ ...settings, id }, now);
      await audit(repos, input.actor, 'referential.activity_created', `activity:${id}`, { settings }, now);
      return { ok: true, value: { status: 'saved', activityId: id } };
    }
    const before = await repos.referential.activity(input.activityId);
    if (!before) return { ok: false, errors: { form: errorsFr.activityNotFound } };
    const days = await repos.referential.futureBookings(before.id, today);
    const over = days.filter((d) => d.reserved > settings.capacity);
    if (over.length > 0)
      return { ok: false, errors: { capacity: errorsFr.capacityBelowBookings(before.capacity, settings.capacity, over) } };
    if (settings.schoolYearId !== before.schoolYearId && days.length > 0)
      return { ok: false, errors: { schoolYearId: errorsFr.yearLocked } };
    const changed = changedFields(before, settings);
    if (!input.confirmed) {
      const preview: ActivityChangePreview = {
        changed,
        futureBookings: days.reduce((sum, d) => sum + d.reserved, 0),
        families: new Set(days.flatMap((d) => d.familyIds)).size,
        capacity: changed.includes('capacity') ? { from: before.capacity, to: settings.capacity } : null,
      };
      return { ok: true, value: { status: 'preview', preview } };
    }
    if (!(await repos.referential.updateActivity({ ...settings, id: before.id })))
      return { ok: false, errors: { form: errorsFr.activityNotFound } };
    const diff = Object.fromEntries(changed.map((field) => [field, { from: before[field], to: settings[field] }]));
    await audit(repos, input.actor, 'referential.activity_updated', `activity:${before.id}`, { changes: diff }, now);
    return { ok: true, value: { status: 'saved', activityId: before.id } };
  });
}
