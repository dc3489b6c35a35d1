/** The referential's use cases, bound to their dependencies (server/referential-services.ts builds it). */
import type { PlainDate } from '../calendar';
import { saveActivity } from './activities';
import { addClosure, removeClosure } from './closures';
import type { ActivitySettings, Actor } from './model';
import type { ReferentialDeps } from './ports';
import { addSchoolYear } from './school-years';
import { addClass, removeClass, saveSite } from './sites';

export function createReferentialService(deps: ReferentialDeps) {
  const reads = deps.store.referential;
  return {
    sites: () => reads.sites(),
    site: (siteId: string) => reads.site(siteId),
    saveSite: (input: { siteId: string | null; name: string; kind: string; address: string; actor: Actor }) => saveSite(input, deps),
    addClass: (input: { siteId: string; name: string; level: string; actor: Actor }) => addClass(input, deps),
    removeClass: (input: { siteId: string; classId: string; actor: Actor }) => removeClass(input, deps),

    schoolYears: () => reads.schoolYears(),
    addSchoolYear: (input: { startsOn: string; endsOn: string; actor: Actor }) => addSchoolYear(input, deps),

    closures: (siteId: string) => reads.closures(siteId),
    addClosure: (input: { siteId: string; day: string; reason: string; choice: string | null; actor: Actor }) => addClosure(input, deps),
    removeClosure: (input: { siteId: string; closureId: string; actor: Actor }) => removeClosure(input, deps),

    activities: () => reads.activities(),
    activity: (activityId: string) => reads.activity(activityId),
    saveActivity: (input: { activityId: string | null; settings: ActivitySettings; confirmed: boolean; actor: Actor }) =>
      saveActivity(input, deps),
    futureBookings: (activityId: string, from: PlainDate) => reads.futureBookings(activityId, from),
  };
}

export type ReferentialService = ReturnType<typeof createReferentialService>;
