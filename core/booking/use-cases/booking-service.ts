/**
 * The booking use cases behind BookingService (core/booking/service.ts): planning, basket (Valider, Modification
 * avancée, Récapitulatif, Tout supprimer), Terminer, staff changes and occupancy.
 *
 * Reads happen before the transaction; each change is one transaction (retried as a whole by the store after a
 * deadlock or a busy database); e-mails leave after commit and their failures never undo a change.
 */
import { addDays, diffDays, eachDay, isPlainDate, openingOn, parisToday, type PlainDate } from '../../calendar';
import { activityLastDay, activityOverlaps, openingRulesFor } from '../activity';
import { basketTotals, sortBasketLines } from '../basket-lines';
import { changesFromSubmission, type LineChange, type RowCells } from '../changes';
import { isValidWeekdayList, planPattern, type PatternEntry } from '../advanced-edit';
import { confirmationMail, lockReasonFr, promotionMail } from '../messages-fr';
import type { Basket, BasketLine, ChildPlanning, ConfirmationReport, OccupancyRow } from '../model';
import { nextDeadline } from '../next-deadline';
import { isPlanningViewKind, periodDays, planningPeriod } from '../planning-period';
import {
  DEFAULT_BOOKING_SETTINGS, type BookingDeps, type BookingRepositories, type FamilyForBooking, type NewBasketLine,
} from '../ports';
import type {
  Actor, AdvancedEditInput, AdvancedEditPreview, BookingService, ChangeError, Result, SaveChangesInput,
} from '../service';
import { applyLines, type AppliedLines, type Promotion } from './apply-lines';
import { newLine, toBasketLine } from './lines';
import { displayPriceDay, loadChildRows, priceFor, type LoadedRow } from './load-rows';

const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
const err = <E extends string>(error: E, detail?: string): { ok: false; error: E; detail?: string } =>
  detail === undefined ? { ok: false, error } : { ok: false, error, detail };

/** Longest range of a Modification avancée or an occupancy query (a school year and its summer). */
const MAX_RANGE_DAYS = 400;
/** How far ahead the « Vous pouvez modifier la semaine du … » sentence looks. */
const NEXT_DEADLINE_WEEKS = 26;

function toRowCells(rows: readonly LoadedRow[]): RowCells[] {
  return rows.map((row) => ({ activityId: row.activity.id, enrolled: row.enrolled, cells: row.cells }));
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function createBookingService(deps: BookingDeps): BookingService {
  const { store, clock } = deps;
  const settings = { ...DEFAULT_BOOKING_SETTINGS, ...deps.settings };
  const expiry = (now: Date) => new Date(now.getTime() + settings.basketTtlHours * 3_600_000).toISOString();
  const reportError = (error: unknown, context: string) => deps.onError?.(error, context);

  async function sendMails(family: FamilyForBooking | null, report: ConfirmationReport | null, promotions: readonly Promotion[]) {
    if (family && report && (report.applied.length > 0 || report.failed.length > 0)) {
      const mail = confirmationMail({ applied: report.applied, failed: report.failed, remaining: report.remaining, planningUrl: deps.links.planning });
      for (const to of family.emails) await deps.mailer.send({ to, ...mail }).catch((e: unknown) => reportError(e, 'booking.confirmation_mail'));
    }
    for (const promotion of promotions) {
      const promoted = await store.planning.family(promotion.familyId).catch(() => null);
      const mail = promotionMail({ ...promotion, planningUrl: deps.links.planning });
      for (const to of promoted?.emails ?? []) {
        await deps.mailer.send({ to, ...mail }).catch((e: unknown) => reportError(e, 'booking.promotion_mail'));
      }
    }
  }

  async function familyAndChild(familyId: string, childId: string) {
    const family = await store.planning.family(familyId);
    const index = family ? family.children.findIndex((c) => c.id === childId) : -1;
    if (!family || index < 0) return null;
    return { family, child: family.children[index], nextChildId: family.children[index + 1]?.id ?? null };
  }

  async function openBasketLines(familyId: string) {
    const basket = await store.baskets.findOpen(familyId);
    return { basket, lines: basket ? await store.baskets.lines(basket.id) : [] };
  }

  /** Valider and applyNow share this: the submission checked against the cells, priced. */
  async function linesFromSubmission(input: SaveChangesInput) {
    if (!isPlanningViewKind(input.view) || !isPlainDate(input.date)) return err('invalid_date' as const, 'date');
    if (!isStringArray(input.checked) || !isStringArray(input.wholePeriod)) return err('invalid_date' as const, 'form');
    const found = await familyAndChild(input.familyId, input.childId);
    if (!found) return err('not_found' as const);
    const now = clock.now();
    const period = planningPeriod(input.view, input.date, now);
    const [calendar, { lines: basketLines }] = await Promise.all([deps.calendar.current(), openBasketLines(found.family.id)]);
    const rows = await loadChildRows(store.planning, {
      family: found.family, childId: found.child.id, from: period.start, to: period.end, now, staff: input.actor.staff, calendar, basketLines,
    });
    const changes = changesFromSubmission({ rows: toRowCells(rows), checked: input.checked, wholePeriod: input.wholePeriod });
    if (!changes.ok) return err(changes.error, changes.detail);
    const byId = new Map(rows.map((row) => [row.activity.id, row]));
    const lines = changes.value.lines.map((change) => newLine(byId.get(change.activityId)!, found.family, found.child.id, change));
    return ok({ ...found, now, calendar, rows, scope: changes.value.scope, lines });
  }

  /** Replaces lines in the family's open basket (created if needed) in one transaction; returns the line count. */
  async function storeLines(familyId: string, now: Date, perChild: readonly { childId: string; scope: { activityId: string; day: PlainDate }[]; lines: NewBasketLine[] }[]) {
    return store.transaction(async (repos) => {
      const basket = await repos.baskets.openFor(familyId, now, expiry(now));
      await repos.baskets.bump(basket.id, null, now); // locks the basket: one family's saves run one after the other
      for (const { childId, scope, lines } of perChild) await repos.baskets.replaceLines(basket.id, childId, scope, lines, now);
      return repos.baskets.settle(basket.id, now, expiry(now), 'open');
    });
  }

  function reportFrom(applied: AppliedLines, now: Date, remaining: number): ConfirmationReport {
    return { id: crypto.randomUUID(), confirmedAt: now.toISOString(), applied: applied.applied, failed: applied.failed, remaining };
  }

  async function audit(repos: BookingRepositories, actor: Actor, action: string, target: string, details: Record<string, unknown>, now: Date) {
    await repos.audit.record({ actorUserId: actor.userId, actorLabel: actor.label, ip: actor.ip, action, target, details }, now);
  }

  const summary = (lines: readonly BasketLine[]) => lines.map((l) => ({ childId: l.childId, activityId: l.activityId, day: l.day, action: l.action }));

  async function planAdvanced(input: AdvancedEditInput) {
    if (!isPlainDate(input.from) || !isPlainDate(input.to) || input.to < input.from) return err('invalid_date' as const, 'range');
    if (diffDays(input.from, input.to) > MAX_RANGE_DAYS) return err('invalid_date' as const, 'range_too_long');
    if (!Array.isArray(input.pattern) || input.pattern.length === 0) return err('invalid_date' as const, 'pattern');
    for (const entry of input.pattern) {
      if (typeof entry?.activityId !== 'string' || !isValidWeekdayList(entry.weekdays)) return err('invalid_date' as const, 'pattern');
    }
    if (!isStringArray(input.childIds) || input.childIds.length === 0) return err('not_found' as const);
    const family = await store.planning.family(input.familyId);
    if (!family) return err('not_found' as const);
    const children = [...new Set(input.childIds)].map((id) => family.children.find((c) => c.id === id));
    if (children.some((c) => c === undefined)) return err('not_found' as const);
    const now = clock.now();
    const [calendar, { lines: basketLines }] = await Promise.all([deps.calendar.current(), openBasketLines(family.id)]);
    const pattern: PatternEntry[] = input.pattern.map((e) => ({ activityId: e.activityId, weekdays: [...new Set(e.weekdays)] }));
    const wanted = new Set(pattern.map((e) => e.activityId));
    const seen = new Set<string>();
    const enrolledSomewhere = new Set<string>();
    const perChild = [];
    for (const child of children as { id: string; firstName: string }[]) {
      const rows = await loadChildRows(store.planning, {
        family, childId: child.id, from: input.from, to: input.to, now, staff: input.actor.staff, calendar, basketLines, onlyActivities: wanted,
      });
      for (const row of rows) {
        seen.add(row.activity.id);
        if (row.enrolled) enrolledSomewhere.add(row.activity.id);
      }
      // A child not enrolled in an activity of the pattern is left out of it (the pattern is shared by the children).
      const enrolledRows = rows.filter((row) => row.enrolled);
      perChild.push({ child, rows: enrolledRows, plan: planPattern(toRowCells(enrolledRows), pattern) });
    }
    for (const id of wanted) {
      if (!seen.has(id)) return err('not_found' as const, id);
      if (!enrolledSomewhere.has(id)) return err('locked_day' as const, id);
    }
    return ok({ family, now, perChild });
  }

  const service: BookingService = {
    async planning(input) {
      const now = clock.now();
      const today = parisToday(now);
      const view = isPlanningViewKind(input.view) ? input.view : 'month';
      const date = input.date !== null && isPlainDate(input.date) ? input.date : today;
      const family = await store.planning.family(input.familyId);
      if (!family) return err('not_found');
      if (input.childId !== null && !family.children.some((c) => c.id === input.childId)) return err('not_found');
      const child = input.childId === null ? family.children[0] : family.children.find((c) => c.id === input.childId);
      if (!child) return err('no_children');
      const period = planningPeriod(view, date, now);
      const [calendar, { lines: basketLines }, linked] = await Promise.all([
        deps.calendar.current(), openBasketLines(family.id), store.planning.childActivities(child.id),
      ]);
      const rows = await loadChildRows(store.planning, {
        family, childId: child.id, from: period.start, to: period.end, now, staff: input.staff ?? false, calendar, basketLines, linked,
      });

      // The next deadline speaks of the period shown (or of today's week when the period started earlier).
      const from = period.start > today ? period.start : today;
      const horizon = addDays(from, NEXT_DEADLINE_WEEKS * 7);
      const upcoming = linked.filter(({ activity, enrolment }) => enrolment === 'accepted' && activityOverlaps(activity, from, horizon)).map((l) => l.activity);
      const closures = upcoming.length ? await store.planning.closureDays([...new Set(upcoming.map((a) => a.siteId))], from, horizon) : [];
      const closureDays = new Map<string, { day: PlainDate; reason: string }[]>();
      for (const c of closures) closureDays.set(c.siteId, [...(closureDays.get(c.siteId) ?? []), { day: c.day, reason: c.reason }]);
      const next = nextDeadline({ activities: upcoming, calendar, closureDays, now, from, horizonWeeks: NEXT_DEADLINE_WEEKS });

      let periodCostCents = 0;
      for (const row of rows) {
        for (const cell of row.cells) {
          const line = row.pending.get(cell.day);
          if (cell.booked && line?.action !== 'cancel') periodCostCents += row.bookings.get(cell.day)?.unitPriceCents ?? 0;
          else if (!cell.booked && line?.action === 'add') periodCostCents += line.unitPriceCents;
        }
      }
      const priceDay = displayPriceDay(period.start, period.end, now);
      const planning: ChildPlanning = {
        child,
        children: family.children,
        period,
        days: periodDays(period),
        rows: rows.map((row) => {
          const price = priceFor(row.grids, family, priceDay, { siblingRank: row.siblingRank });
          const { id, name, kind, billingMode, siteName, schoolYearId } = row.activity;
          return { activity: { id, name, kind, billingMode, siteName, schoolYearId }, unitPrice: { cents: price.cents, label: price.label }, cells: row.cells };
        }),
        periodCostCents,
        // Restant dû: what the family owes (positive) or its credit (negative), as the payment layer keeps it.
        balanceCents: deps.balance ? -(await deps.balance(family.id).catch(() => 0)) || 0 : 0,
        basketLineCount: basketLines.length,
        nextDeadline: next,
      };
      return ok(planning);
    },

    async saveChanges(input) {
      const prepared = await linesFromSubmission(input);
      if (!prepared.ok) return prepared;
      const { family, child, nextChildId, now, scope, lines } = prepared.value;
      // Nothing to store and no basket yet: no empty basket either.
      if (lines.length === 0 && !(await store.baskets.findOpen(family.id))) return ok({ lineCount: 0, nextChildId });
      const lineCount = await storeLines(family.id, now, [{ childId: child.id, scope, lines }]);
      return ok({ lineCount, nextChildId });
    },

    async previewAdvancedEdit(input) {
      const planned = await planAdvanced(input);
      if (!planned.ok) return planned;
      const preview: AdvancedEditPreview = { additions: [], cancellations: [], skipped: [] };
      for (const { child, rows, plan } of planned.value.perChild) {
        const byId = new Map(rows.map((row) => [row.activity.id, row]));
        const base = (change: { activityId: string; day: PlainDate }) => ({
          childId: child.id, childFirstName: child.firstName, activityId: change.activityId, activityName: byId.get(change.activityId)?.activity.name ?? '', day: change.day,
        });
        for (const change of plan.additions) {
          const row = byId.get(change.activityId)!;
          preview.additions.push({ ...base(change), unitPriceCents: priceFor(row.grids, planned.value.family, change.day, { siblingRank: row.siblingRank }).cents, action: change.action === 'wait' ? 'wait' : 'add' });
        }
        for (const change of plan.cancellations) preview.cancellations.push(base(change));
        for (const skipped of plan.skipped) preview.skipped.push({ ...base(skipped), reason: lockReasonFr(skipped.lock), lock: skipped.lock });
      }
      const order = (a: { day: PlainDate; childFirstName: string; activityName: string }, b: typeof a) =>
        a.day.localeCompare(b.day) || a.childFirstName.localeCompare(b.childFirstName, 'fr') || a.activityName.localeCompare(b.activityName, 'fr');
      preview.additions.sort(order);
      preview.cancellations.sort(order);
      preview.skipped.sort(order);
      return ok(preview);
    },

    async applyAdvancedEdit(input) {
      const planned = await planAdvanced(input);
      if (!planned.ok) return planned;
      const { family, now, perChild } = planned.value;
      const lineCount = await storeLines(
        family.id,
        now,
        perChild.map(({ child, rows, plan }) => {
          const byId = new Map(rows.map((row) => [row.activity.id, row]));
          return { childId: child.id, scope: plan.scope, lines: plan.lines.map((change: LineChange) => newLine(byId.get(change.activityId)!, family, child.id, change)) };
        }),
      );
      return ok({ lineCount });
    },

    async basket(familyId) {
      const basket = await store.baskets.findOpen(familyId);
      if (!basket) return null;
      const lines = sortBasketLines((await store.baskets.lines(basket.id)).map(toBasketLine));
      const value: Basket = { id: basket.id, version: basket.version, lines, totals: basketTotals(lines), expiresAt: basket.expiresAt };
      return value;
    },

    async removeLine(input) {
      const now = clock.now();
      return store.transaction(async (repos): Promise<Result<null, ChangeError>> => {
        const basket = await repos.baskets.find(input.familyId, input.basketId);
        if (!basket) return err('not_found');
        if (basket.status !== 'open' || basket.version !== input.version) return err('stale_basket');
        const lines = await repos.baskets.lines(basket.id);
        if (!lines.some((line) => line.id === input.lineId)) return err('not_found');
        if ((await repos.baskets.bump(basket.id, input.version, now)) === null) return err('stale_basket');
        await repos.baskets.deleteLines(basket.id, [input.lineId]);
        await repos.baskets.settle(basket.id, now, expiry(now), 'open');
        if (input.actor.staff) await audit(repos, input.actor, 'basket.line_removed', `family:${input.familyId}`, { basketId: basket.id, lineId: input.lineId }, now);
        return ok(null);
      });
    },

    async clearBasket(input) {
      const now = clock.now();
      return store.transaction(async (repos): Promise<Result<null, ChangeError>> => {
        const basket = await repos.baskets.find(input.familyId, input.basketId);
        if (!basket) return err('not_found');
        if ((await repos.baskets.bump(basket.id, input.version, now)) === null) {
          // A double click on « Tout supprimer »: the first one already emptied this version.
          const replay = basket.status === 'open' && basket.version === input.version + 1 && (await repos.baskets.lines(basket.id)).length === 0;
          return replay ? ok(null) : err('stale_basket');
        }
        const lines = await repos.baskets.lines(basket.id);
        await repos.baskets.deleteLines(basket.id, lines.map((line) => line.id));
        await repos.baskets.settle(basket.id, now, expiry(now), 'open');
        if (input.actor.staff) await audit(repos, input.actor, 'basket.cleared', `family:${input.familyId}`, { basketId: basket.id, lines: lines.length }, now);
        return ok(null);
      });
    },

    async confirm(input) {
      const now = clock.now();
      const calendar = await deps.calendar.current();
      const outcome = await store.transaction(async (repos) => {
        const basket = await repos.baskets.find(input.familyId, input.basketId);
        if (!basket) return err('not_found' as const);
        if ((await repos.baskets.bump(basket.id, input.version, now)) === null) {
          // Replayed or concurrent Terminer: the first one's report, never a second application.
          const report = await repos.baskets.findReport(basket.id, input.version);
          return report ? ok({ report, promotions: [] as Promotion[], replay: true }) : err('stale_basket' as const);
        }
        const records = await repos.baskets.lines(basket.id);
        const invoiced = records.filter((line) => line.billingMode === 'invoice');
        const applied = await applyLines(repos, { lines: invoiced.map(toBasketLine), now, staff: input.actor.staff, calendar });
        await repos.baskets.deleteLines(basket.id, invoiced.map((line) => line.id));
        const remaining = await repos.baskets.settle(basket.id, now, expiry(now), 'confirmed');
        const report = reportFrom(applied, now, remaining);
        await repos.baskets.saveReport({ familyId: input.familyId, basketId: basket.id, basketVersion: input.version, report });
        if (input.actor.staff) {
          await audit(repos, input.actor, 'booking.basket_confirmed', `family:${input.familyId}`, { basketId: basket.id, applied: summary(report.applied), failed: summary(report.failed) }, now);
        }
        return ok({ report, promotions: applied.promotions, replay: false });
      });
      if (!outcome.ok) return outcome;
      if (!outcome.value.replay) {
        const family = await store.planning.family(input.familyId).catch(() => null);
        await sendMails(family, outcome.value.report, outcome.value.promotions);
      }
      return ok(outcome.value.report);
    },

    async confirmation(input) {
      return store.baskets.findReportById(input.familyId, input.confirmationId);
    },

    async applyNow(input) {
      if (!input.actor.staff) return err('not_found', 'staff_only');
      const prepared = await linesFromSubmission(input);
      if (!prepared.ok) return prepared;
      const { family, child, now, calendar, rows, lines } = prepared.value;
      const byId = new Map(rows.map((row) => [row.activity.id, row.activity]));
      const basketLines: BasketLine[] = lines.map((line) => {
        const activity = byId.get(line.activityId)!;
        return { ...line, id: crypto.randomUUID(), childFirstName: child.firstName, activityName: activity.name, activityKind: activity.kind };
      });
      const outcome = await store.transaction(async (repos) => {
        const applied = await applyLines(repos, { lines: basketLines, now, staff: true, calendar });
        const report = reportFrom(applied, now, 0);
        await repos.baskets.saveReport({ familyId: family.id, basketId: null, basketVersion: null, report });
        await audit(repos, input.actor, 'booking.staff_change', `child:${child.id}`, {
          familyId: family.id, applied: summary(report.applied), failed: report.failed.map((l) => ({ ...summary([l])[0], reason: l.reason })),
        }, now);
        return { report, promotions: applied.promotions };
      });
      await sendMails(family, outcome.report, outcome.promotions);
      return ok(outcome.report);
    },

    async occupancy(input) {
      if (!isPlainDate(input.from) || !isPlainDate(input.to) || input.to < input.from || diffDays(input.from, input.to) > MAX_RANGE_DAYS) return [];
      const activities = await store.planning.activitiesBetween(input.from, input.to, input.siteId);
      if (activities.length === 0) return [];
      const ids = activities.map((a) => a.id);
      const [calendar, counts, closures] = await Promise.all([
        deps.calendar.current(),
        store.planning.dayCounts(ids, input.from, input.to),
        store.planning.closureDays([...new Set(activities.map((a) => a.siteId))], input.from, input.to),
      ]);
      const countOf = new Map(counts.map((c) => [`${c.activityId}:${c.day}`, c]));
      const rows: OccupancyRow[] = [];
      for (const activity of activities) {
        const rules = openingRulesFor(activity, calendar, closures.filter((c) => c.siteId === activity.siteId));
        const from = input.from > activity.schoolYear.startsOn ? input.from : activity.schoolYear.startsOn;
        const last = activityLastDay(activity);
        const to = input.to < last ? input.to : last;
        for (const day of eachDay(from, to)) {
          if (!openingOn(day, rules).open) continue;
          const count = countOf.get(`${activity.id}:${day}`);
          rows.push({
            day, siteId: activity.siteId, siteName: activity.siteName, activityId: activity.id, activityName: activity.name,
            reserved: count?.reserved ?? 0, capacity: activity.capacity, waiting: count?.waiting ?? 0,
          });
        }
      }
      return rows.sort((a, b) => a.day.localeCompare(b.day) || a.siteName.localeCompare(b.siteName, 'fr') || a.activityName.localeCompare(b.activityName, 'fr'));
    },
  };
  return service;
}
