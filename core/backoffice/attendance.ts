/**
 * Attendance (pointage) at the door of an activity: the children booked that day, tapped present or absent; a
 * child present without a booking is added as 'present_unbooked' (the tarif majoré of the prices issue reads it);
 * an absence becomes justified with its certificate. Marks carry an idempotency key (the tablet makes one per tap
 * and may send it several times when the connection comes back): each key is applied once, and when two marks for
 * the same child cross, the latest tap wins. Animateurs only see the sites they are assigned to.
 */
import type { ActivityRecord } from '../booking/activity';
import { openingRulesFor } from '../booking/activity';
import { diffDays, isPlainDate, openingOn, parisToday, type PlainDate } from '../calendar';
import { checkUpload, safeFileName, type UploadProblem } from '../content/uploads';
import type { UploadedFile } from '../content/documents';
import { canReadHealth, inScope, type SiteScope, type Viewer } from './model';
import type { AttendanceStatus, BackOfficeDeps, RosterChild } from './ports';
import { siteScope } from './staff-sites';

export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['present', 'absent', 'present_unbooked'];
/** How far back staff may still take or correct attendance. */
export const ATTENDANCE_MAX_DAYS_BACK = 62;
export const MAX_MARKS_PER_REQUEST = 500;

export interface DayActivity {
  id: string;
  name: string;
  kind: string;
  siteId: string;
  siteName: string;
}

export interface SheetRow extends RosterChild {
  booked: boolean;
  status: AttendanceStatus | null;
  justified: boolean;
  attendanceId: string | null;
  hasCertificate: boolean;
}

export interface AttendanceSheet {
  day: PlainDate;
  activity: DayActivity;
  rows: SheetRow[];
  /** Children of the site not on the list: one of them may be added, present without a booking. */
  candidates: RosterChild[];
  counts: { booked: number; present: number; absent: number; unmarked: number; unbooked: number };
  /** Whether the viewer may read diets and PAI flags (always true for the roles that open the page). */
  health: boolean;
}

const byName = (a: { lastName: string; firstName: string }, b: { lastName: string; firstName: string }) =>
  a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr');

function toDayActivity(activity: ActivityRecord): DayActivity {
  return { id: activity.id, name: activity.name, kind: activity.kind, siteId: activity.siteId, siteName: activity.siteName };
}

/** Activities open that day on the sites the viewer may see (closures, holidays and weekdays applied). */
export async function activitiesOn(day: PlainDate, scope: SiteScope, deps: Pick<BackOfficeDeps, 'store' | 'calendar'>): Promise<DayActivity[]> {
  const activities = (await deps.store.planning.activitiesBetween(day, day)).filter((a) => inScope(scope, a.siteId));
  if (activities.length === 0) return [];
  const [calendar, closures] = await Promise.all([
    deps.calendar.current(),
    deps.store.planning.closureDays([...new Set(activities.map((a) => a.siteId))], day, day),
  ]);
  return activities
    .filter((a) => openingOn(day, openingRulesFor(a, calendar, closures.filter((c) => c.siteId === a.siteId))).open)
    .map(toDayActivity)
    .sort((a, b) => a.siteName.localeCompare(b.siteName, 'fr') || a.name.localeCompare(b.name, 'fr'));
}

/** Today or a past day not older than the limit. */
export function isAttendanceDay(day: string, today: PlainDate): day is PlainDate {
  return isPlainDate(day) && day <= today && diffDays(day, today) <= ATTENDANCE_MAX_DAYS_BACK;
}

async function scopedActivity(activityId: string, viewer: Viewer, deps: Pick<BackOfficeDeps, 'store'>): Promise<ActivityRecord | null> {
  const [activity] = await deps.store.planning.activities([activityId]);
  if (!activity) return null;
  return inScope(await siteScope(viewer, deps), activity.siteId) ? activity : null;
}

export async function attendanceSheet(
  input: { day: PlainDate; activityId: string; viewer: Viewer },
  deps: Pick<BackOfficeDeps, 'store' | 'clock'>,
): Promise<AttendanceSheet | null> {
  const activity = await scopedActivity(input.activityId, input.viewer, deps);
  if (!activity) return null;
  const [booked, marks, siteChildren] = await Promise.all([
    deps.store.attendance.booked(activity.id, input.day),
    deps.store.attendance.marks(activity.id, input.day),
    deps.store.attendance.siteChildren(activity.siteId),
  ]);
  const markOf = new Map(marks.map((m) => [m.childId, m]));
  const rows: SheetRow[] = booked.map((child) => {
    const mark = markOf.get(child.childId);
    return {
      ...child,
      booked: true,
      status: mark ? (mark.status === 'present_unbooked' ? 'present' : mark.status) : null,
      justified: mark?.justified ?? false,
      attendanceId: mark?.id ?? null,
      hasCertificate: Boolean(mark?.certificate),
    };
  });
  const bookedIds = new Set(booked.map((c) => c.childId));
  for (const mark of marks) {
    if (bookedIds.has(mark.childId)) continue;
    rows.push({ ...mark.child, booked: false, status: mark.status, justified: mark.justified, attendanceId: mark.id, hasCertificate: Boolean(mark.certificate) });
  }
  rows.sort(byName);
  const listed = new Set(rows.map((r) => r.childId));
  const candidates = siteChildren.filter((c) => !listed.has(c.childId)).sort(byName);
  const health = canReadHealth(input.viewer.role);
  const counts = {
    booked: rows.filter((r) => r.booked).length,
    present: rows.filter((r) => r.status === 'present' || r.status === 'present_unbooked').length,
    absent: rows.filter((r) => r.status === 'absent').length,
    unmarked: rows.filter((r) => r.status === null).length,
    unbooked: rows.filter((r) => !r.booked && r.status === 'present_unbooked').length,
  };
  // Every read of a PAI is traced: who saw which children's PAI flag, where and when.
  const withPai = rows.filter((r) => r.hasPai).map((r) => r.childId);
  if (health && withPai.length > 0) {
    await deps.store.audit.record(
      {
        actorUserId: input.viewer.userId,
        actorLabel: input.viewer.label,
        action: 'health.pai_read',
        target: `activity:${activity.id}`,
        ip: input.viewer.ip,
        details: { context: 'pointage', day: input.day, children: withPai },
      },
      deps.clock.now(),
    );
  }
  return {
    day: input.day,
    activity: toDayActivity(activity),
    rows: health ? rows : rows.map((r) => ({ ...r, diet: 'standard', hasPai: false })),
    candidates,
    counts,
    health,
  };
}

export interface IncomingMark {
  key: string;
  childId: string;
  activityId: string;
  day: string;
  status: string;
  /** When the animateur tapped (the tablet's clock); the server's time when missing or implausible. */
  markedAt?: string | null;
}

export type MarkOutcome = 'applied' | 'duplicate' | 'stale' | 'rejected';
export type MarkRejection = 'invalid' | 'not_found' | 'bad_day' | 'not_booked';

const KEY = /^[A-Za-z0-9_-]{8,80}$/;

/** Applies marks in order, each in its own transaction; returns one outcome per mark, by key. */
export async function applyMarks(
  input: { marks: readonly IncomingMark[]; viewer: Viewer },
  deps: Pick<BackOfficeDeps, 'store' | 'clock'>,
): Promise<{ key: string; outcome: MarkOutcome; reason?: MarkRejection; status?: AttendanceStatus }[]> {
  const now = deps.clock.now();
  const today = parisToday(now);
  const scope = await siteScope(input.viewer, deps);
  const activities = new Map<string, ActivityRecord | null>();
  const results: { key: string; outcome: MarkOutcome; reason?: MarkRejection; status?: AttendanceStatus }[] = [];
  for (const mark of input.marks.slice(0, MAX_MARKS_PER_REQUEST)) {
    const key = typeof mark.key === 'string' ? mark.key : '';
    const reject = (reason: MarkRejection) => results.push({ key, outcome: 'rejected', reason });
    if (!KEY.test(key) || typeof mark.childId !== 'string' || typeof mark.activityId !== 'string' || !ATTENDANCE_STATUSES.includes(mark.status as AttendanceStatus)) {
      reject('invalid');
      continue;
    }
    if (!isAttendanceDay(mark.day, today)) {
      reject('bad_day');
      continue;
    }
    if (!activities.has(mark.activityId)) {
      const [activity] = await deps.store.planning.activities([mark.activityId.slice(0, 80)]);
      activities.set(mark.activityId, activity && inScope(scope, activity.siteId) ? activity : null);
    }
    const activity = activities.get(mark.activityId);
    const child = activity ? await deps.store.attendance.child(mark.childId.slice(0, 80)) : null;
    if (!activity || !child) {
      reject('not_found');
      continue;
    }
    const tapped = typeof mark.markedAt === 'string' ? new Date(mark.markedAt) : null;
    // A tablet's clock may be wrong: a tap « in the future » or days old is stamped with the server's time.
    const plausible = tapped && !Number.isNaN(tapped.getTime()) && tapped.getTime() <= now.getTime() + 5 * 60_000 && tapped.getTime() >= now.getTime() - 3 * 86_400_000;
    const markedAt = plausible ? tapped.toISOString() : now.toISOString();
    const day = mark.day;
    const outcome = await deps.store.transaction(async (repos) => {
      const booked = await repos.attendance.isBooked(child.childId, activity.id, day);
      let status = mark.status as AttendanceStatus;
      if (booked && status === 'present_unbooked') status = 'present';
      if (!booked && status === 'present') status = 'present_unbooked';
      if (!booked && status === 'absent' && !(await repos.attendance.find(child.childId, activity.id, day))) return { outcome: 'rejected' as const, reason: 'not_booked' as const };
      const fresh = await repos.attendance.recordMark({ key, userId: input.viewer.userId, childId: child.childId, activityId: activity.id, day, status, markedAt }, now);
      if (!fresh) return { outcome: 'duplicate' as const };
      const applied = await repos.attendance.upsert({ childId: child.childId, activityId: activity.id, day, status, markedAt, markedBy: input.viewer.userId }, now);
      return applied ? { outcome: 'applied' as const, status } : { outcome: 'stale' as const };
    });
    results.push({ key, ...outcome });
  }
  return results;
}

export type JustifyError = 'not_found' | 'not_absent' | 'required' | UploadProblem;

/** Marks an absence justified with its certificate (PDF, JPEG or PNG, checked on the bytes). */
export async function justifyAbsence(
  input: { attendanceId: string; file: UploadedFile | null; viewer: Viewer },
  deps: BackOfficeDeps,
): Promise<{ ok: true } | { ok: false; error: JustifyError }> {
  const record = await deps.store.attendance.findById(input.attendanceId);
  if (!record || !(await scopedActivity(record.activityId, input.viewer, deps))) return { ok: false, error: 'not_found' };
  if (record.status !== 'absent') return { ok: false, error: 'not_absent' };
  const file = input.file;
  if (!file || (!file.name && file.size === 0)) return { ok: false, error: 'required' };
  if (file.size > deps.settings.uploadMaxBytes) return { ok: false, error: 'too_large' };
  const bytes = await file.read();
  const checked = checkUpload({ size: bytes.length, sniffedMediaType: bytes.length > 0 ? await deps.sniffMediaType(bytes) : null }, deps.settings.uploadMaxBytes);
  if (!checked.ok) return { ok: false, error: checked.error };
  const storageKey = await deps.files.save(bytes);
  const now = deps.clock.now();
  const certificate = { storageKey, fileName: safeFileName(file.name, checked.mediaType), mediaType: checked.mediaType, sizeBytes: bytes.length };
  try {
    const done = await deps.store.transaction(async (repos) => {
      if (!(await repos.attendance.justify(record.id, certificate, input.viewer.userId, now))) return false;
      await repos.audit.record(
        { actorUserId: input.viewer.userId, actorLabel: input.viewer.label, action: 'attendance.justified', target: `attendance:${record.id}`, ip: input.viewer.ip, details: { day: record.day } },
        now,
      );
      return true;
    });
    if (!done) {
      await deps.files.remove(storageKey);
      return { ok: false, error: 'not_absent' };
    }
  } catch (error) {
    await deps.files.remove(storageKey);
    throw error;
  }
  // The certificate it replaces (if any) is no longer referenced.
  if (record.certificate) await deps.files.remove(record.certificate.storageKey).catch((e: unknown) => deps.onError?.(e, 'certificate cleanup'));
  return { ok: true };
}

/** The certificate of an absence, for staff who may see that site. */
export async function attendanceCertificate(input: { attendanceId: string; viewer: Viewer }, deps: Pick<BackOfficeDeps, 'store'>) {
  const record = await deps.store.attendance.findById(input.attendanceId);
  if (!record?.certificate || !(await scopedActivity(record.activityId, input.viewer, deps))) return null;
  return record.certificate;
}
