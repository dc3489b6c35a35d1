/** School years: a rentrée and a last day of classes, never overlapping another year. */
import { diffDays, isPlainDate } from '../calendar';
import { errorsFr } from './messages-fr';
import type { Actor, Outcome } from './model';
import type { ReferentialDeps } from './ports';
import { audit } from './sites';

export async function addSchoolYear(
  input: { startsOn: string; endsOn: string; actor: Actor },
  deps: ReferentialDeps,
): Promise<Outcome<{ id: string }>> {
  const errors: Record<string, string> = {};
  if (!isPlainDate(input.startsOn)) errors.startsOn = errorsFr.yearStart;
  if (!isPlainDate(input.endsOn)) errors.endsOn = errorsFr.yearEnd;
  else if (isPlainDate(input.startsOn) && (input.endsOn <= input.startsOn || diffDays(input.startsOn, input.endsOn) > 365))
    errors.endsOn = errorsFr.yearOrder;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // The id names the two calendar years ('2027-2028'): the booking rules read the summer after it from it.
  const startYear = Number(input.startsOn.slice(0, 4));
  const year = { id: `${startYear}-${startYear + 1}`, startsOn: input.startsOn, endsOn: input.endsOn };
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const existing = await repos.referential.schoolYears();
    const overlapping = existing.find((y) => y.startsOn <= year.endsOn && y.endsOn >= year.startsOn);
    if (overlapping) return { ok: false, errors: { startsOn: errorsFr.yearOverlap(overlapping.id) } };
    if (!(await repos.referential.insertSchoolYear(year))) return { ok: false, errors: { startsOn: errorsFr.yearExists(year.id) } };
    await audit(
      repos,
      input.actor,
      'referential.school_year_created',
      `school_year:${year.id}`,
      { startsOn: year.startsOn, endsOn: year.endsOn },
      now,
    );
    return { ok: true, value: { id: year.id } };
  });
}
