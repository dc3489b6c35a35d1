/**
 * Inscriptions: the activities of a school year with their rules and this family's price, each child's enrolments
 * and where they stand, and enrolling children in an activity with the documents it requires — accepted at once
 * when the activity is configured so, otherwise a request staff decide (core/requests/decide.ts). Every id from
 * the web (activity, child, document) is checked; a child or document of another family is « not found ».
 */
import type { Actor } from '../accounts/manage-users';
import type { ActivityRecord } from '../booking/activity';
import type { EnrolmentStatus, FamilyForBooking, PriceGridRecord } from '../booking/ports';
import { parisToday, type PlainDate } from '../calendar';
import type { DocumentKind } from '../documents/kinds';
import { checkFile, insertUploads, quotaLeft, removeFiles, saveUploads, type NewUpload, type SavedUpload, type UploadError } from '../documents/service';
import type { PostedFile } from '../documents/upload';
import type { DossierDeps } from '../families/ports';
import { gridInForce, unitPrice } from '../pricing';
import { AUTOMATIC } from '../requests/decide';
import { enrolmentDecisionMail } from '../requests/messages-fr';
import { DOSSIER_PATHS, linkTo, sendAll } from '../requests/notify';
import { done, isRollback, refused, Rollback, type Outcome } from '../requests/outcome';
import type { ActivityOffer, ChildEnrolments, SchoolYearOption } from './model';

const LIVE: readonly EnrolmentStatus[] = ['requested', 'waiting', 'accepted'];
const KIND_ORDER = ['cantine', 'garderie_matin', 'garderie_soir', 'mercredi', 'alsh'];

/** The day whose price is shown: today within the school year, else its first (or last) day. */
function priceDay(activity: ActivityRecord, today: PlainDate): PlainDate {
  if (today < activity.schoolYear.startsOn) return activity.schoolYear.startsOn;
  if (today > activity.schoolYear.endsOn) return activity.schoolYear.endsOn;
  return today;
}

function priceOf(grids: readonly PriceGridRecord[], family: FamilyForBooking, activity: ActivityRecord, today: PlainDate) {
  const day = priceDay(activity, today);
  const grid = gridInForce(grids.filter((g) => g.activityId === activity.id), day);
  if (!grid) return null;
  const price = unitPrice({ grid, family: { resident: family.resident, qf: family.qf, qfValidUntil: family.qfValidUntil }, day });
  return { cents: price.cents, label: price.label };
}

function sortOffers(offers: ActivityOffer[]): ActivityOffer[] {
  return offers.sort(
    (a, b) =>
      a.activity.siteName.localeCompare(b.activity.siteName, 'fr') ||
      KIND_ORDER.indexOf(a.activity.kind) - KIND_ORDER.indexOf(b.activity.kind) ||
      a.activity.name.localeCompare(b.activity.name, 'fr'),
  );
}

export interface EnrolmentReader {
  /** School years open to enrolment (ending today or later) and the one to show first. */
  years(): Promise<{ years: SchoolYearOption[]; current: string | null }>;
  /** Every activity of the school year, with its rules and this family's price. */
  offers(familyId: string, schoolYearId: string): Promise<ActivityOffer[] | null>;
  /** One activity of a school year still open (null when unknown or over). */
  offer(familyId: string, activityId: string): Promise<ActivityOffer | null>;
  /** Per child, the enrolments of the school year with their status, rules and price. */
  familyEnrolments(familyId: string, schoolYearId: string): Promise<ChildEnrolments[] | null>;
}

export function createEnrolmentReader(deps: Pick<DossierDeps, 'store' | 'clock'>): EnrolmentReader {
  const { store } = deps;
  const today = () => parisToday(deps.clock.now());

  async function build(family: FamilyForBooking, ids: readonly string[]): Promise<ActivityOffer[]> {
    if (ids.length === 0) return [];
    const [activities, grids, settings] = await Promise.all([
      store.planning.activities(ids),
      store.planning.priceGrids(ids),
      Promise.all(ids.map((id) => store.enrolments.settings(id))),
    ]);
    const day = today();
    return sortOffers(
      activities.map((activity) => {
        const setting = settings.find((s) => s?.id === activity.id);
        return {
          activity,
          enrolmentMode: setting?.enrolmentMode ?? 'manual',
          requiredDocuments: setting?.requiredDocuments ?? [],
          price: priceOf(grids, family, activity, day),
        };
      }),
    );
  }

  return {
    async years() {
      const years = await store.enrolments.schoolYears(today());
      const day = today();
      const current = years.find((y) => y.startsOn <= day && day <= y.endsOn) ?? years[0];
      return { years, current: current?.id ?? null };
    },

    async offers(familyId, schoolYearId) {
      const family = await store.planning.family(familyId);
      if (!family) return null;
      const settings = await store.enrolments.activitiesOfYear(schoolYearId);
      return build(family, settings.map((s) => s.id));
    },

    async offer(familyId, activityId) {
      const family = await store.planning.family(familyId);
      const settings = await store.enrolments.settings(activityId);
      if (!family || !settings) return null;
      const [offer] = await build(family, [activityId]);
      return offer && offer.activity.schoolYear.endsOn >= today() ? offer : null;
    },

    async familyEnrolments(familyId, schoolYearId) {
      const family = await store.planning.family(familyId);
      if (!family) return null;
      const enrolments = await store.enrolments.forChildren(family.children.map((c) => c.id));
      const offers = await build(family, [...new Set(enrolments.map((e) => e.activityId))]);
      return family.children.map((child) => ({
        child,
        enrolments: enrolments
          .filter((e) => e.childId === child.id)
          .flatMap((e) => {
            const offer = offers.find((o) => o.activity.id === e.activityId && o.activity.schoolYearId === schoolYearId);
            return offer ? [{ ...e, offer }] : [];
          })
          .sort((a, b) => offers.indexOf(a.offer) - offers.indexOf(b.offer)),
      }));
    },
  };
}

export interface EnrolInput {
  familyId: string;
  activityId: string;
  childIds: string[];
  /** Per required kind: a document already uploaded (id checked against the family) or a new file. */
  documents: Partial<Record<DocumentKind, { existingId: string | null; file: PostedFile | null }>>;
  note: string;
  actor: Actor;
}

export type EnrolError = 'not_found' | 'no_child' | 'already_enrolled' | 'document_required' | 'document_refused' | UploadError;

/**
 * Enrols the chosen children. `fields` of a refusal name what to fix: `document-<kind>` for a document,
 * `children` with the first names already enrolled.
 */
export async function enrolChildren(
  input: EnrolInput,
  deps: DossierDeps,
): Promise<Outcome<{ automatic: boolean; requestIds: string[]; children: string[] }, EnrolError>> {
  const { store } = deps;
  const reader = createEnrolmentReader(deps);
  const offer = await reader.offer(input.familyId, input.activityId);
  if (!offer) return refused('not_found');
  const family = await store.planning.family(input.familyId);
  if (!family) return refused('not_found');
  const childIds = [...new Set(input.childIds)];
  const children = childIds.map((id) => family.children.find((c) => c.id === id));
  if (children.some((c) => !c)) return refused('not_found');
  if (childIds.length === 0) return refused('no_child');
  const chosen = children as { id: string; firstName: string }[];
  // Every document id given is the family's, whatever the activity asks (ids first, then the rules).
  for (const given of Object.values(input.documents)) {
    if (given?.existingId && !(await store.familyDocuments.find(input.familyId, given.existingId))) return refused('not_found');
  }

  const existing = (await store.enrolments.forChildren(childIds)).filter((e) => e.activityId === offer.activity.id && LIVE.includes(e.status));
  if (existing.length > 0) {
    const names = chosen.filter((c) => existing.some((e) => e.childId === c.id)).map((c) => c.firstName);
    return refused('already_enrolled', { children: names.join(', ') });
  }

  // Required documents: an existing one of the family (not refused, not expired) or a new, valid file.
  const today = parisToday(deps.clock.now());
  const existingIds: string[] = [];
  const uploads: NewUpload[] = [];
  const problems: Record<string, string> = {};
  for (const kind of offer.requiredDocuments) {
    const given = input.documents[kind];
    if (given?.existingId) {
      const document = await store.familyDocuments.find(input.familyId, given.existingId);
      if (!document) return refused('not_found');
      if (document.kind !== kind || document.status === 'refused' || (document.validUntil !== null && document.validUntil < today)) {
        problems[`document-${kind}`] = 'document_refused';
      } else existingIds.push(document.id);
    } else if (given?.file && !(given.file.size === 0 && !given.file.name)) {
      const checked = await checkFile(given.file, deps);
      if (!checked.ok) problems[`document-${kind}`] = checked.error;
      else uploads.push({ kind, childId: chosen.length === 1 ? chosen[0].id : null, file: checked.file });
    } else {
      problems[`document-${kind}`] = 'document_required';
    }
  }
  const problemCodes = Object.values(problems);
  if (problemCodes.length > 0) return refused(problemCodes[0] as EnrolError, problems);
  const bytes = uploads.reduce((sum, u) => sum + u.file.bytes.length, 0);
  if (bytes > 0 && bytes > (await quotaLeft(input.familyId, deps))) return refused('quota_exceeded');

  const automatic = offer.enrolmentMode === 'automatic';
  const saved: SavedUpload[] = await saveUploads(uploads, deps);
  const now = deps.clock.now();
  let recipients: string[] = [];
  try {
    const requestIds = await store.transaction(async (repos) => {
      const created = await insertUploads(repos, { familyId: input.familyId, saved, uploadedBy: input.actor.userId, quota: deps.settings.familyQuotaBytes }, now);
      const documentIds = [...existingIds, ...created.map((d) => d.id)];
      const ids: string[] = [];
      for (const child of chosen) {
        const enrolment = await repos.enrolments.open({ childId: child.id, activityId: offer.activity.id, status: automatic ? 'accepted' : 'requested' }, now);
        if (!enrolment) throw new Rollback('already_enrolled', { children: child.firstName });
        const request = await repos.requests.create(
          {
            familyId: input.familyId,
            kind: 'enrolment',
            subject: enrolment.id,
            status: automatic ? 'accepted' : 'submitted',
            childId: child.id,
            enrolmentId: enrolment.id,
            documentId: null,
            payload: { kind: 'enrolment', activityId: offer.activity.id, childId: child.id },
            familyNote: input.note,
            createdBy: input.actor.userId,
            decidedByLabel: automatic ? AUTOMATIC : null,
          },
          now,
        );
        if (!request) throw new Rollback('already_enrolled', { children: child.firstName });
        await repos.requests.attachDocuments(request.id, documentIds);
        await repos.audit.record(
          {
            actorUserId: input.actor.userId,
            actorLabel: input.actor.label,
            action: automatic ? 'enrolment.accepted_automatically' : 'enrolment.requested',
            target: `enrolment:${enrolment.id}`,
            ip: input.actor.ip,
            details: { familyId: input.familyId, childId: child.id, activityId: offer.activity.id, requestId: request.id, documents: documentIds.length },
          },
          now,
        );
        ids.push(request.id);
      }
      // Accepted at once: the new documents are still checked by staff, each through its own review request.
      if (automatic) {
        for (const document of created) {
          const review = await repos.requests.create(
            {
              familyId: input.familyId,
              kind: 'document_review',
              subject: document.id,
              status: 'submitted',
              childId: document.childId,
              enrolmentId: null,
              documentId: document.id,
              payload: { kind: 'document_review', documentId: document.id, documentKind: document.kind },
              familyNote: '',
              createdBy: input.actor.userId,
            },
            now,
          );
          if (review) await repos.requests.attachDocuments(review.id, [document.id]);
        }
        recipients = await repos.familyFile.recipients(input.familyId, 'enrolment');
      }
      return ids;
    });
    if (automatic) {
      for (const child of chosen) {
        await sendAll(
          recipients,
          enrolmentDecisionMail({
            childFirstName: child.firstName,
            activityName: offer.activity.name,
            outcome: 'accepted',
            automatic: true,
            message: null,
            inscriptionsUrl: linkTo(deps, DOSSIER_PATHS.inscriptions),
            planningUrl: linkTo(deps, DOSSIER_PATHS.planning),
          }),
          deps,
          'automatic enrolment mail',
        );
      }
    }
    return done({ automatic, requestIds, children: chosen.map((c) => c.firstName) });
  } catch (error) {
    await removeFiles(saved.map((s) => s.storageKey), deps);
    if (isRollback(error)) return refused(error.error as EnrolError, error.fields);
    throw error;
  }
}
