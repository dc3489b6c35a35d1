/**
 * The booking back end on every dialect: planning, Valider → Récapitulatif → Terminer, forged input, deadlines that
 * pass in between, replays, the waiting list, staff changes, the basket jobs and the calendar import.
 * Real repositories and transactions; a recording mailer and a movable clock.
 */
import { describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/db/store';
import { formatDeadlineFr } from '../../core/calendar';
import { createCanteenFixture, createChild, createEnrolment, createFamily, createPriceGrid, DEMO_GRIDS, createActivity } from '../../server/demo/factories';
import { seedDemo } from '../../server/demo/seed-demo';
import { describeEachDialect } from '../harness/databases';
import {
  agent, cell, confirm, createClosureDay, fakeHasher, NOW, parent, reservedDays, save, services,
} from './booking-helpers';

const S = '\u00A0';

describeEachDialect('booking: planning of the demo family', (getHandle) => {
  it('shows Sarah’s and Chloé’s activities, booked days, locks and prices', async () => {
    const handle = getHandle();
    await seedDemo(createStore(handle.db), fakeHasher, new Date(NOW));
    const s = services(handle);
    const martin = await s.store.db.selectFrom('families').select('id').where('name', '=', 'Martin').executeTakeFirstOrThrow();

    const result = await s.booking.planning({ familyId: martin.id, childId: null, view: 'month', date: '2026-12-01' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const planning = result.value;
    expect(planning.children.map((c) => c.firstName)).toEqual(['Sarah', 'Chloé']);
    expect(planning.child.firstName).toBe('Sarah');
    expect(planning.period).toMatchObject({ kind: 'month', start: '2026-12-01', end: '2026-12-31', today: '2026-11-26' });
    expect(planning.days).toHaveLength(31);
    expect(planning.rows.map((r) => r.activity.name)).toEqual([
      'Cantine Les Lutins Gourmands', 'Garderie du soir Les Lutins', 'Accueil du mercredi Les Lutins',
    ]);
    const canteen = planning.rows[0];
    expect(canteen.activity.billingMode).toBe('invoice');
    // QF 720 → bracket 3 of the Roncq grid.
    expect(canteen.unitPrice).toEqual({ cents: 235, label: `Tarif QF 3 (640–859${S}€)${S}: 2,35${S}€` });
    const byDay = new Map(canteen.cells.map((c) => [c.day, c]));
    // The seed books Sarah's next five canteen days: 27 and 30 November, 1, 3 and 4 December.
    expect(canteen.cells.filter((c) => c.booked).map((c) => c.day)).toEqual(['2026-12-01', '2026-12-03', '2026-12-04']);
    // Tuesday 1 December can still be cancelled until Friday 27 November at noon.
    expect(byDay.get('2026-12-01')).toMatchObject({ open: true, booked: true, editable: true, lock: null });
    expect(byDay.get('2026-12-07')).toMatchObject({ open: true, booked: false, editable: true, lock: null });
    expect(byDay.get('2026-12-02')).toMatchObject({ open: false, lock: { reason: 'not_open' } });
    expect(byDay.get('2026-12-21')).toMatchObject({ open: false, lock: { reason: 'holiday', detail: 'Vacances de Noël' } });
    expect(byDay.get('2026-12-25')).toMatchObject({ open: false, lock: { reason: 'public_holiday', detail: 'Noël' } });
    expect(planning.periodCostCents).toBe(3 * 235);
    // The Restant dû: last month's invoice, issued when the demo was seeded, still to pay.
    const invoices = await s.store.db.selectFrom('invoices').select(['total_cents', 'status']).where('family_id', '=', martin.id).execute();
    expect(invoices.map((i) => i.status)).toEqual(['open']);
    expect(invoices[0].total_cents).toBeGreaterThan(0);
    expect(planning.balanceCents).toBe(Number(invoices[0].total_cents));
    expect(planning.basketLineCount).toBe(0);
    // Thursday 09:00: the Wednesday centre's deadline for next week (Thursday 09:00) has just passed; the canteen's
    // Monday closes at noon.
    expect(planning.nextDeadline).toEqual({ weekStart: '2026-11-30', deadline: '2026-11-26T11:00:00.000Z', activityId: canteen.activity.id, activityName: canteen.activity.name });

    const chloe = await s.booking.planning({ familyId: martin.id, childId: planning.children[1].id, view: 'week', date: '2026-12-08' });
    expect(chloe.ok && chloe.value.rows.map((r) => r.activity.name)).toEqual(['Cantine Les Lutins Gourmands']);
    expect(chloe.ok && chloe.value.days).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']);
  });

  it('answers not_found for another family’s child and no_children for a family without children', async () => {
    const handle = getHandle();
    const a = await createCanteenFixture(handle.db);
    const other = await createFamily(handle.db);
    const s = services(handle);
    expect(await s.booking.planning({ familyId: other.id, childId: a.child.id, view: 'month', date: null })).toEqual({ ok: false, error: 'not_found' });
    expect(await s.booking.planning({ familyId: other.id, childId: null, view: 'month', date: null })).toEqual({ ok: false, error: 'no_children' });
    expect(await s.booking.planning({ familyId: 'inconnue', childId: null, view: 'month', date: null })).toEqual({ ok: false, error: 'not_found' });
  });
});

describeEachDialect('booking: Valider, Récapitulatif, Terminer', (getHandle) => {
  it('stores the changes in the basket, then books them once on Terminer, with an e-mail', async () => {
    const handle = getHandle();
    const f = await createCanteenFixture(handle.db, { family: { email: 'dupont@example.fr' } });
    const second = await createChild(handle.db, { family_id: f.family.id, first_name: 'Tom', birth_date: '2020-02-02', site_id: f.site.id });
    await createEnrolment(handle.db, { child_id: second.id, activity_id: f.activity.id });
    const s = services(handle);

    const saved = await save(s, f, ['2026-12-07', '2026-12-08', '2026-12-10']);
    expect(saved).toEqual({ ok: true, value: { lineCount: 3, nextChildId: second.id } });
    expect(await save(s, { ...f, child: second }, ['2026-12-07'])).toEqual({ ok: true, value: { lineCount: 4, nextChildId: null } });

    const basket = await s.booking.basket(f.family.id);
    expect(basket?.lines.map((l) => `${l.day} ${l.childFirstName} ${l.action} ${l.unitPriceCents}`)).toEqual([
      '2026-12-07 Léa add 305', '2026-12-07 Tom add 305', '2026-12-08 Léa add 305', '2026-12-10 Léa add 305',
    ]);
    expect(basket?.lines[0].priceLabel).toBe(`Tarif QF 4 (860–1${S}149${S}€)${S}: 3,05${S}€`);
    expect(basket?.totals).toEqual({ prepaidCents: 0, invoiceCents: 4 * 305 });
    expect(basket?.expiresAt).toBe('2026-11-29T08:00:00.000Z'); // 72 hours after the last change
    expect(await reservedDays(s, f.child.id)).toEqual([]); // nothing booked before Terminer

    const planning = await s.booking.planning({ familyId: f.family.id, childId: f.child.id, view: 'month', date: '2026-12-01' });
    expect(planning.ok && planning.value.basketLineCount).toBe(4);
    expect(planning.ok && planning.value.rows[0].cells.find((c) => c.day === '2026-12-07')).toMatchObject({ booked: false, pending: 'add' });
    expect(planning.ok && planning.value.periodCostCents).toBe(3 * 305);

    const report = await confirm(s, f.family.id);
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.value.applied).toHaveLength(4);
    expect(report.value.failed).toEqual([]);
    expect(report.value.remaining).toBe(0);
    expect(await reservedDays(s, f.child.id)).toEqual(['2026-12-07', '2026-12-08', '2026-12-10']);
    expect(await reservedDays(s, second.id)).toEqual(['2026-12-07']);
    expect(await s.booking.basket(f.family.id)).toBeNull();
    expect(await s.booking.confirmation({ familyId: f.family.id, confirmationId: report.value.id })).toEqual(report.value);
    expect(await s.booking.confirmation({ familyId: 'autre', confirmationId: report.value.id })).toBeNull();

    expect(s.mailer.sent).toHaveLength(1);
    expect(s.mailer.sent[0].to).toBe('dupont@example.fr');
    expect(s.mailer.sent[0].subject).toBe('Vos réservations sont enregistrées (4 modifications)');
    expect(s.mailer.sent[0].text).toContain('lundi 7 décembre 2026 – Tom – Cantine');
    expect(s.mailer.sent[0].text).toContain('http://portail.test/portail/planning');

    // The planning shows them booked; unchecking one and confirming cancels it (not billed: amount 0).
    const after = await s.booking.planning({ familyId: f.family.id, childId: f.child.id, view: 'month', date: '2026-12-01' });
    expect(after.ok && after.value.rows[0].cells.filter((c) => c.booked).map((c) => c.day)).toEqual(['2026-12-07', '2026-12-08', '2026-12-10']);
    await save(s, f, ['2026-12-07', '2026-12-10']);
    const cancelBasket = await s.booking.basket(f.family.id);
    expect(cancelBasket?.lines.map((l) => [l.day, l.action, l.amountCents])).toEqual([['2026-12-08', 'cancel', 0]]);
    expect(cancelBasket?.totals).toEqual({ prepaidCents: 0, invoiceCents: 0 });
    await confirm(s, f.family.id);
    expect(await reservedDays(s, f.child.id)).toEqual(['2026-12-07', '2026-12-10']);
  });

  it('replaces a child’s pending lines when Valider is used again, and drops changes that undo themselves', async () => {
    const handle = getHandle();
    const f = await createCanteenFixture(handle.db);
    const s = services(handle);
    await save(s, f, ['2026-12-07', '2026-12-08']);
    expect((await save(s, f, ['2026-12-08', '2026-12-10'])).ok).toBe(true);
    expect((await s.booking.basket(f.family.id))?.lines.map((l) => l.day)).toEqual(['2026-12-08', '2026-12-10']);
    // « Tout le mois »: every editable day of December (school days before the Christmas holidays).
    const whole = await s.booking.saveChanges({ familyId: f.family.id, childId: f.child.id, view: 'month', date: '2026-12-01', checked: [], wholePeriod: [f.activity.id], actor: parent });
    expect(whole.ok && whole.value.lineCount).toBe(11);
    expect((await s.booking.basket(f.family.id))?.lines.map((l) => l.day)).toEqual([
      '2026-12-01', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-10', '2026-12-11', '2026-12-14', '2026-12-15', '2026-12-17', '2026-12-18',
    ]);
    await save(s, f, []); // nothing wanted any more: the lines go away
    expect((await s.booking.basket(f.family.id))?.lines).toEqual([]);
  });

  it('refuses forged input with nothing changed', async () => {
    const handle = getHandle();
    const f = await createCanteenFixture(handle.db);
    const other = await createCanteenFixture(handle.db, { organisation: { id: 'org-2' }, schoolYear: { id: '2025-2026' } });
    await createClosureDay(handle.db, f.site.id, '2026-12-11', 'Grève');
    const s = services(handle);
    await save(s, f, ['2026-12-07']);
    const before = await s.booking.basket(f.family.id);
    const attempt = (checked: string[], overrides: Partial<Parameters<typeof s.booking.saveChanges>[0]> = {}) =>
      s.booking.saveChanges({ familyId: f.family.id, childId: f.child.id, view: 'month', date: '2026-12-01', checked, wholePeriod: [], actor: parent, ...overrides });

    expect(await attempt([cell(f.activity.id, '2026-12-08')], { childId: other.child.id })).toMatchObject({ ok: false, error: 'not_found' });
    s.clock.set('2026-11-26T11:00:00Z'); // Thursday noon: Monday 30's deadline
    expect(await attempt([cell(f.activity.id, '2026-11-30')], { date: '2026-11-30', view: 'week' })).toMatchObject({ ok: false, error: 'locked_day' });
    expect(await attempt([cell(f.activity.id, '2026-11-23')], { date: '2026-11-01' })).toMatchObject({ ok: false, error: 'locked_day' }); // past
    expect(await attempt([cell(f.activity.id, '2026-12-11')])).toMatchObject({ ok: false, error: 'locked_day' }); // closed
    expect(await attempt([cell(f.activity.id, '2026-12-25')])).toMatchObject({ ok: false, error: 'locked_day' }); // public holiday
    expect(await attempt([cell(f.activity.id, '2026-12-32')])).toMatchObject({ ok: false, error: 'invalid_date' });
    expect(await attempt([cell(f.activity.id, '2027-01-04')])).toMatchObject({ ok: false, error: 'invalid_date' }); // outside the month
    expect(await attempt([], { date: '2026-13-01' })).toMatchObject({ ok: false, error: 'invalid_date' });
    expect(await attempt([cell(other.activity.id, '2026-12-08')])).toMatchObject({ ok: false, error: 'not_found' });
    expect(await attempt([], { wholePeriod: [other.activity.id] })).toMatchObject({ ok: false, error: 'not_found' });
    expect(await attempt([], { familyId: other.family.id })).toMatchObject({ ok: false, error: 'not_found' });

    expect(await s.booking.basket(f.family.id)).toEqual(before);
    expect(await s.booking.basket(other.family.id)).toBeNull();
    expect(await s.store.db.selectFrom('bookings').select('id').execute()).toEqual([]);
  });

  it('reports a line whose deadline passed between Valider and Terminer, and applies the others', async () => {
    const handle = getHandle();
    const f = await createCanteenFixture(handle.db, { family: { email: 'dupont@example.fr' } });
    const s = services(handle);
    await save(s, f, ['2026-12-03', '2026-12-10']);
    s.clock.set('2026-12-01T11:00:00Z'); // Tuesday 1 December, 12:00: Thursday 3's deadline
    const report = await confirm(s, f.family.id);
    expect(report.ok && report.value.applied.map((l) => l.day)).toEqual(['2026-12-10']);
    expect(report.ok && report.value.failed.map((l) => [l.day, l.reason])).toEqual([['2026-12-03', 'deadline_passed']]);
    expect(await reservedDays(s, f.child.id)).toEqual(['2026-12-10']);
    expect(await s.booking.basket(f.family.id)).toBeNull(); // failed lines are reported, then removed
    expect(s.mailer.sent[0].text).toContain('jeudi 3 décembre 2026 – Léa – Cantine : le délai pour ce jour est dépassé');
  });

  it('books once when Terminer is replayed or double-submitted, and refuses a stale form', async () => {
    const handle = getHandle();
    const f = await createCanteenFixture(handle.db, { family: { email: 'dupont@example.fr' } });
    const s = services(handle);
    await save(s, f, ['2026-12-07', '2026-12-08']);
    const basket = (await s.booking.basket(f.family.id))!;
    const submit = () => s.booking.confirm({ familyId: f.family.id, basketId: basket.id, version: basket.version, actor: parent });
    const [first, second] = await Promise.all([submit(), submit()]);
    const third = await submit();
    expect(first.ok && second.ok && third.ok).toBe(true);
    if (!first.ok || !second.ok || !third.ok) return;
    expect(second.value.id).toBe(first.value.id);
    expect(third.value).toEqual(first.value);
    expect(await reservedDays(s, f.child.id)).toEqual(['2026-12-07', '2026-12-08']);
    expect(s.mailer.sent).toHaveLength(1);

    // A form from before another change: stale.
    await save(s, f, ['2026-12-07', '2026-12-08', '2026-12-10']);
    const current = (await s.booking.basket(f.family.id))!;
    await save(s, f, ['2026-12-07', '2026-12-08', '2026-12-10', '2026-12-11']);
    expect(await s.booking.confirm({ familyId: f.family.id, basketId: current.id, version: current.version, actor: parent })).toEqual({ ok: false, error: 'stale_basket' });
    expect(await s.booking.confirm({ familyId: 'autre', basketId: current.id, version: current.version + 1, actor: parent })).toEqual({ ok: false, error: 'not_found' });
    expect(await reservedDays(s, f.child.id)).toEqual(['2026-12-07', '2026-12-08']);
  });

  it('removes a line and clears the basket with the current version only', async () => {
    const handle = getHandle();
    const f = await createCanteenFixture(handle.db);
    const s = services(handle);
    await save(s, f, ['2026-12-07', '2026-12-08']);
    const basket = (await s.booking.basket(f.family.id))!;
    const line = basket.lines[0];
    expect(await s.booking.removeLine({ familyId: f.family.id, basketId: basket.id, version: basket.version, lineId: 'inconnue', actor: parent })).toMatchObject({ ok: false, error: 'not_found' });
    expect(await s.booking.removeLine({ familyId: f.family.id, basketId: basket.id, version: basket.version, lineId: line.id, actor: parent })).toEqual({ ok: true, value: null });
    expect(await s.booking.removeLine({ familyId: f.family.id, basketId: basket.id, version: basket.version, lineId: basket.lines[1].id, actor: parent })).toMatchObject({ ok: false, error: 'stale_basket' });
    const after = (await s.booking.basket(f.family.id))!;
    expect(after.lines.map((l) => l.day)).toEqual(['2026-12-08']);
    expect(await s.booking.clearBasket({ familyId: f.family.id, basketId: after.id, version: after.version - 1, actor: parent })).toMatchObject({ ok: false, error: 'stale_basket' });
    expect(await s.booking.clearBasket({ familyId: f.family.id, basketId: after.id, version: after.version, actor: parent })).toEqual({ ok: true, value: null });
    // Double click on « Tout supprimer »: the replay is harmless.
    expect(await s.booking.clearBasket({ familyId: f.family.id, basketId: after.id, version: after.version, actor: parent })).toEqual({ ok: true, value: null });
    expect((await s.booking.basket(f.family.id))?.lines).toEqual([]);
  });

  it('keeps prepaid lines in the basket after Terminer, with refundable cancellations as credits', async () => {
    const handle = getHandle();
    const f = await createCanteenFixture(handle.db);
    const wednesday = await createActivity(handle.db, { site_id: f.site.id, school_year_id: f.schoolYear.id, kind: 'mercredi', name: 'Accueil du mercredi' });
    await createPriceGrid(handle.db, { activity_id: wednesday.id, school_year_id: f.schoolYear.id }, DEMO_GRIDS.mercredi);
    await createEnrolment(handle.db, { child_id: f.child.id, activity_id: wednesday.id });
    const s = services(handle);
    const result = await s.booking.saveChanges({
      familyId: f.family.id, childId: f.child.id, view: 'month', date: '2026-12-01',
      checked: [cell(f.activity.id, '2026-12-07'), cell(wednesday.id, '2026-12-09')], wholePeriod: [], actor: parent,
    });
    expect(result.ok).toBe(true);
    const basket = (await s.booking.basket(f.family.id))!;
    expect(basket.lines.map((l) => `${l.billingMode} ${l.day}`)).toEqual(['prepaid 2026-12-09', 'invoice 2026-12-07']);
    expect(basket.totals).toEqual({ prepaidCents: 660, invoiceCents: 305 });
    const report = await confirm(s, f.family.id);
    expect(report.ok && report.value.applied.map((l) => l.day)).toEqual(['2026-12-07']);
    expect(report.ok && report.value.remaining).toBe(1);
    const left = (await s.booking.basket(f.family.id))!;
    expect(left.id).toBe(basket.id);
    expect(left.version).toBeGreaterThan(basket.version);
    expect(left.lines.map((l) => l.day)).toEqual(['2026-12-09']);
    expect(await reservedDays(s, f.child.id)).toEqual(['2026-12-07']);

    // Staff book the Wednesday (paid at the régie); the parent then cancels it before the deadline: a credit.
    await s.booking.clearBasket({ familyId: f.family.id, basketId: left.id, version: left.version, actor: parent });
    await s.booking.applyNow({ familyId: f.family.id, childId: f.child.id, view: 'month', date: '2026-12-01', checked: [cell(f.activity.id, '2026-12-07'), cell(wednesday.id, '2026-12-09')], wholePeriod: [], actor: agent });
    await s.booking.saveChanges({ familyId: f.family.id, childId: f.child.id, view: 'month', date: '2026-12-01', checked: [cell(f.activity.id, '2026-12-07')], wholePeriod: [], actor: parent });
    const credit = (await s.booking.basket(f.family.id))!;
    expect(credit.lines.map((l) => [l.day, l.action, l.amountCents])).toEqual([['2026-12-09', 'cancel', -660]]);
    expect(credit.totals).toEqual({ prepaidCents: -660, invoiceCents: 0 });
  });
});

describeEachDialect('booking: waiting list', (getHandle) => {
  it('queues full days in order and promotes the first in line when a place frees, with an e-mail', async () => {
    const handle = getHandle();
    const a = await createCanteenFixture(handle.db, { activity: { capacity: 1 }, family: { email: 'a@example.fr', name: 'Arnaud' } });
    const b = { ...a, family: await createFamily(handle.db, { email: 'b@example.fr', name: 'Bernard' }) };
    b.child = await createChild(handle.db, { family_id: b.family.id, first_name: 'Bruno', site_id: a.site.id });
    await createEnrolment(handle.db, { child_id: b.child.id, activity_id: a.activity.id });
    const c = { ...a, family: await createFamily(handle.db, { email: 'c@example.fr', name: 'Colin' }) };
    c.child = await createChild(handle.db, { family_id: c.family.id, first_name: 'Chloé', site_id: a.site.id });
    await createEnrolment(handle.db, { child_id: c.child.id, activity_id: a.activity.id });
    const s = services(handle);

    await save(s, a, ['2026-12-07']);
    await confirm(s, a.family.id);
    // The day is full: checking it means joining the waiting list.
    const full = await s.booking.planning({ familyId: b.family.id, childId: b.child.id, view: 'week', date: '2026-12-07' });
    expect(full.ok && full.value.rows[0].cells[0]).toMatchObject({ day: '2026-12-07', full: true, editable: true, booked: false });
    await save(s, b, ['2026-12-07']);
    expect((await s.booking.basket(b.family.id))?.lines.map((l) => [l.action, l.amountCents])).toEqual([['wait', 0]]);
    const bReport = await confirm(s, b.family.id);
    expect(bReport.ok && bReport.value.applied.map((l) => l.action)).toEqual(['wait']);
    s.clock.advance(60_000);
    await save(s, c, ['2026-12-07']);
    await confirm(s, c.family.id);

    const position = async (who: typeof c) => {
      const p = await s.booking.planning({ familyId: who.family.id, childId: who.child.id, view: 'week', date: '2026-12-07' });
      return p.ok ? p.value.rows[0].cells[0] : null;
    };
    expect(await position(b)).toMatchObject({ waiting: true, waitingPosition: 1 });
    expect(await position(c)).toMatchObject({ waiting: true, waitingPosition: 2 });
    expect(await s.booking.occupancy({ from: '2026-12-07', to: '2026-12-07' })).toEqual([
      { day: '2026-12-07', siteId: a.site.id, siteName: a.site.name, activityId: a.activity.id, activityName: a.activity.name, reserved: 1, capacity: 1, waiting: 2 },
    ]);

    s.mailer.sent.length = 0;
    await save(s, a, []); // A cancels
    const cancelled = await confirm(s, a.family.id);
    expect(cancelled.ok && cancelled.value.applied.map((l) => l.action)).toEqual(['cancel']);
    expect(await reservedDays(s, b.child.id)).toEqual(['2026-12-07']);
    expect(await reservedDays(s, a.child.id)).toEqual([]);
    expect(await position(b)).toMatchObject({ booked: true, waiting: false });
    expect(await position(c)).toMatchObject({ waiting: true, waitingPosition: 1 });
    const promotionMail = s.mailer.sent.find((m) => m.to === 'b@example.fr');
    expect(promotionMail?.subject).toBe('Une place s’est libérée : Bruno est inscrit(e) le lundi 7 décembre 2026');
    expect(promotionMail?.text).toContain(`jusqu’au ${formatDeadlineFr(new Date('2026-12-03T11:00:00Z'))}`);
    expect(s.mailer.sent.filter((m) => m.to === 'c@example.fr')).toEqual([]);

    // Leaving the queue needs no place; then B cancels and C (next in line) gets the place.
    s.mailer.sent.length = 0;
    await save(s, b, []);
    await confirm(s, b.family.id);
    expect(await reservedDays(s, c.child.id)).toEqual(['2026-12-07']);
    expect(s.mailer.sent.some((m) => m.to === 'c@example.fr' && m.subject.startsWith('Une place s’est libérée'))).toBe(true);
    const counter = await s.store.db.selectFrom('activity_days').select('reserved').where('activity_id', '=', a.activity.id).where('day', '=', '2026-12-07').executeTakeFirstOrThrow();
    expect(Number(counter.reserved)).toBe(1);
  });

  it('does not hand a freed place to a family that could no longer cancel it', async () => {
    const handle = getHandle();
    const a = await createCanteenFixture(handle.db, { activity: { capacity: 1 } });
    const b = { ...a, family: await createFamily(handle.db, { email: 'b@example.fr' }) };
    b.child = await createChild(handle.db, { family_id: b.family.id, site_id: a.site.id });
    await createEnrolment(handle.db, { child_id: b.child.id, activity_id: a.activity.id });
    const s = services(handle);
    await save(s, a, ['2026-12-07']);
    await confirm(s, a.family.id);
    await save(s, b, ['2026-12-07']);
    await confirm(s, b.family.id);
    s.clock.set('2026-12-04T08:00:00Z'); // past Thursday 3's noon: only staff may still cancel
    const result = await s.booking.applyNow({ familyId: a.family.id, childId: a.child.id, view: 'week', date: '2026-12-07', checked: [], wholePeriod: [], actor: agent });
    expect(result.ok && result.value.applied.map((l) => [l.day, l.action])).toEqual([['2026-12-07', 'cancel']]);
    expect(await reservedDays(s, b.child.id)).toEqual([]);
    const waiting = await s.store.db.selectFrom('bookings').select('status').where('child_id', '=', b.child.id).executeTakeFirstOrThrow();
    expect(waiting.status).toBe('waiting');
  });
});

describeEachDialect('booking: staff', (getHandle) => {
  it('books past the deadline on the family’s behalf, audited, but never past capacity', async () => {
    const handle = getHandle();
    const f = await createCanteenFixture(handle.db, { activity: { capacity: 1 }, family: { email: 'dupont@example.fr' } });
    const s = services(handle);
    s.clock.set('2026-11-30T06:30:00Z'); // Monday 30, 07:30: long past the deadline (Thursday noon)
    const input = { familyId: f.family.id, childId: f.child.id, view: 'week' as const, date: '2026-11-30', checked: [cell(f.activity.id, '2026-11-30')], wholePeriod: [], actor: parent };
    expect(await s.booking.saveChanges(input)).toMatchObject({ ok: false, error: 'locked_day' });
    expect(await s.booking.applyNow(input)).toMatchObject({ ok: false, error: 'not_found' }); // staff only

    const staffPlanning = await s.booking.planning({ familyId: f.family.id, childId: f.child.id, view: 'week', date: '2026-11-30', staff: true });
    expect(staffPlanning.ok && staffPlanning.value.rows[0].cells[0]).toMatchObject({ day: '2026-11-30', editable: true, lock: null });
    const result = await s.booking.applyNow({ ...input, actor: agent });
    expect(result.ok && result.value.applied.map((l) => [l.day, l.action])).toEqual([['2026-11-30', 'add']]);
    expect(await reservedDays(s, f.child.id)).toEqual(['2026-11-30']);
    const events = await s.store.audit.list({ limit: 10, offset: 0 });
    expect(events.find((e) => e.action === 'booking.staff_change')).toMatchObject({ actorLabel: 'agent', target: `child:${f.child.id}` });
    expect(s.mailer.sent.map((m) => m.to)).toEqual(['dupont@example.fr']);

    const other = await createChild(handle.db, { family_id: f.family.id, first_name: 'Zoé', site_id: f.site.id });
    await createEnrolment(handle.db, { child_id: other.id, activity_id: f.activity.id });
    const full = await s.booking.applyNow({ ...input, childId: other.id, actor: agent });
    // Full: staff can put the child on the waiting list, never over the capacity.
    expect(full.ok && full.value.applied.map((l) => l.action)).toEqual(['wait']);
    expect(await reservedDays(s, other.id)).toEqual([]);
  });
});

describeEachDialect('booking: Modification avancée', (getHandle) => {
  it('previews a weekly pattern for two children and stores it in the basket', async () => {
    const handle = getHandle();
    const f = await createCanteenFixture(handle.db);
    const tom = await createChild(handle.db, { family_id: f.family.id, first_name: 'Tom', site_id: f.site.id });
    await createEnrolment(handle.db, { child_id: tom.id, activity_id: f.activity.id });
    await createClosureDay(handle.db, f.site.id, '2026-12-14', 'Formation des animateurs');
    const s = services(handle, '2026-11-26T11:00:00Z'); // Thursday noon: Monday 30 just closed
    const input = {
      familyId: f.family.id, childIds: [f.child.id, tom.id], pattern: [{ activityId: f.activity.id, weekdays: [1, 4] }],
      from: '2026-11-30', to: '2027-01-10', actor: parent,
    };
    const preview = await s.booking.previewAdvancedEdit(input);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    const lea = preview.value.additions.filter((a) => a.childFirstName === 'Léa').map((a) => a.day);
    expect(lea).toEqual(['2026-12-03', '2026-12-07', '2026-12-10', '2026-12-17', '2027-01-04', '2027-01-07']);
    expect(preview.value.additions[0]).toMatchObject({ unitPriceCents: 305, action: 'add' });
    expect(preview.value.cancellations).toEqual([]);
    const skipped = preview.value.skipped.filter((x) => x.childFirstName === 'Léa').map((x) => `${x.day} ${x.reason}`);
    expect(skipped).toEqual([
      '2026-11-30 Délai dépassé (modifiable jusqu’au jeudi 26 novembre à 12:00)',
      '2026-12-14 Fermé : Formation des animateurs',
      '2026-12-21 Vacances de Noël',
      '2026-12-24 Vacances de Noël',
      '2026-12-28 Vacances de Noël',
      '2026-12-31 Vacances de Noël',
    ]);
    expect(await s.booking.basket(f.family.id)).toBeNull(); // a preview stores nothing

    const applied = await s.booking.applyAdvancedEdit(input);
    expect(applied).toEqual({ ok: true, value: { lineCount: 12 } });
    expect(await s.booking.previewAdvancedEdit({ ...input, from: '2026-12-10', to: '2026-12-01' })).toMatchObject({ ok: false, error: 'invalid_date' });
    expect(await s.booking.previewAdvancedEdit({ ...input, pattern: [{ activityId: f.activity.id, weekdays: [0, 9] }] })).toMatchObject({ ok: false, error: 'invalid_date' });
    expect(await s.booking.previewAdvancedEdit({ ...input, childIds: ['inconnu'] })).toMatchObject({ ok: false, error: 'not_found' });
    expect(await s.booking.previewAdvancedEdit({ ...input, pattern: [{ activityId: 'autre', weekdays: [1] }] })).toMatchObject({ ok: false, error: 'not_found' });
  });
});

describe('booking: messages', () => {
  it('formats the promotion deadline with the Paris clock', () => {
    expect(formatDeadlineFr(new Date('2026-12-03T11:00:00Z'))).toBe('jeudi 3 décembre à 12:00');
  });
});
