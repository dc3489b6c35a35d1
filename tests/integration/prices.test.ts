/**
 * Price grids on every dialect: the staff editor (versions by effective date, overlaps refused, audited) and the
 * basket pricing through core/pricing (the grid in force that day, the sibling reduction, the rule in words).
 */
import { expect, it } from 'vitest';
import type { PriceGrid } from '../../core/pricing';
import { createChild, createEnrolment } from '../../server/demo/factories';
import { describeEachDialect } from '../harness/databases';
import { cell, parent } from './booking-helpers';
import { paymentServices, prepaidFixture } from './payments-helpers';

const S = '\u00A0';
const staff = { userId: 'u-agent', label: 'agent', ip: '203.0.113.8' };

const threeBrackets = (prices: [number, number, number], rules: PriceGrid['rules'] = {}): PriceGrid => ({
  brackets: [
    { rank: 1, qfMin: 0, qfMax: 651, unitPriceCents: prices[0] },
    { rank: 2, qfMin: 651, qfMax: 1201, unitPriceCents: prices[1] },
    { rank: 3, qfMin: 1201, qfMax: null, unitPriceCents: prices[2] },
  ],
  nonResidentCents: 900,
  missingQfCents: prices[2],
  rules,
});

describeEachDialect('prices: the staff grid editor', (getHandle) => {
  it('adds a version from its effective date, refuses overlaps and bad dates, replaces a version of the same date', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db);
    const s = paymentServices(handle);
    const before = await s.prices.activity(f.wednesday.id);
    expect(before?.grids.map((g) => [g.effectiveFrom, g.brackets.length])).toEqual([['2026-09-01', 8]]);

    const overlap = threeBrackets([300, 450, 600]);
    overlap.brackets = overlap.brackets.map((b) => (b.rank === 1 ? { ...b, qfMax: 700 } : b));
    const refused = await s.prices.save({ activityId: f.wednesday.id, effectiveFrom: '2027-01-04', grid: overlap, actor: staff });
    expect(refused).toEqual({ ok: false, issues: [{ field: 'bracket.1', message: 'Les tranches 1 et 2 se chevauchent (de 651 à 699 €).' }] });
    expect(await s.prices.save({ activityId: f.wednesday.id, effectiveFrom: '2027-02-30', grid: threeBrackets([300, 450, 600]), actor: staff })).toMatchObject({ ok: false, issues: [{ field: 'effectiveFrom' }] });
    expect(await s.prices.save({ activityId: 'inconnue', effectiveFrom: '2027-01-04', grid: threeBrackets([300, 450, 600]), actor: staff })).toMatchObject({ ok: false });
    expect((await s.prices.activity(f.wednesday.id))?.grids).toHaveLength(1);

    const saved = await s.prices.save({
      activityId: f.wednesday.id, effectiveFrom: '2027-01-04', grid: threeBrackets([300, 450, 600], { lateBooking: { kind: 'percent', percent: 50 } }), source: 'Délibération du 12 décembre 2026', actor: staff,
    });
    expect(saved.ok).toBe(true);
    const after = (await s.prices.activity(f.wednesday.id))!;
    expect(after.grids.map((g) => [g.effectiveFrom, g.brackets.length, g.source, g.updatedBy])).toEqual([
      ['2026-09-01', 8, expect.any(String), null],
      ['2027-01-04', 3, 'Délibération du 12 décembre 2026', 'agent'],
    ]);
    expect(after.grids[1].rules).toEqual({ lateBooking: { kind: 'percent', percent: 50 } });
    // The same date again replaces that version.
    expect((await s.prices.save({ activityId: f.wednesday.id, effectiveFrom: '2027-01-04', grid: threeBrackets([310, 460, 610]), actor: staff })).ok).toBe(true);
    expect((await s.prices.activity(f.wednesday.id))!.grids.map((g) => g.brackets[1]?.unitPriceCents)).toEqual([420, 460]);
    const audit = await handle.db.selectFrom('audit_events').select(['action', 'target']).where('action', '=', 'prices.grid_saved').execute();
    expect(audit).toHaveLength(2);

    // The basket prices each day with the grid in force that day (QF 1000 → bracket 2 of the new grid from 4 January).
    await s.booking.saveChanges({ familyId: f.family.id, childId: f.child.id, view: 'month', date: '2026-12-01', checked: [cell(f.wednesday.id, '2026-12-16')], wholePeriod: [], actor: parent });
    await s.booking.saveChanges({ familyId: f.family.id, childId: f.child.id, view: 'month', date: '2027-01-01', checked: [cell(f.wednesday.id, '2027-01-06')], wholePeriod: [], actor: parent });
    const basket = (await s.booking.basket(f.family.id))!;
    expect(basket.lines.map((l) => [l.day, l.unitPriceCents, l.priceLabel])).toEqual([
      ['2026-12-16', 660, `Tarif QF 4 (860–1${S}149${S}€)${S}: 6,60${S}€`],
      ['2027-01-06', 460, `Tarif QF 2 (651–1${S}200${S}€)${S}: 4,60${S}€`],
    ]);
  });
});

describeEachDialect('prices: the basket through core/pricing', (getHandle) => {
  it('gives the second child enrolled the sibling reduction, and says so', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db);
    const younger = await createChild(handle.db, { family_id: f.family.id, first_name: 'Tom', birth_date: '2020-02-02', site_id: f.site.id });
    await createEnrolment(handle.db, { child_id: younger.id, activity_id: f.wednesday.id });
    const s = paymentServices(handle);
    const saved = await s.prices.save({
      activityId: f.wednesday.id, effectiveFrom: '2026-09-01', grid: threeBrackets([300, 450, 600], { sibling: { fromRank: 2, kind: 'percent', value: 10 } }), actor: staff,
    });
    expect(saved.ok).toBe(true);
    for (const child of [f.child, younger]) {
      const result = await s.booking.saveChanges({ familyId: f.family.id, childId: child.id, view: 'month', date: '2026-12-01', checked: [cell(f.wednesday.id, '2026-12-09')], wholePeriod: [], actor: parent });
      expect(result.ok).toBe(true);
    }
    const lines = (await s.booking.basket(f.family.id))!.lines;
    expect(lines.map((l) => [l.childFirstName, l.unitPriceCents, l.priceLabel])).toEqual([
      ['Léa', 450, `Tarif QF 2 (651–1${S}200${S}€)${S}: 4,50${S}€`],
      ['Tom', 405, `Tarif QF 2 (651–1${S}200${S}€)${S}: 4,50${S}€ ; réduction 2e enfant (10${S}% à partir du 2e)${S}: −0,45${S}€ ; soit 4,05${S}€`],
    ]);
    const planning = await s.booking.planning({ familyId: f.family.id, childId: younger.id, view: 'month', date: '2026-12-01' });
    expect(planning.ok && planning.value.rows.find((r) => r.activity.id === f.wednesday.id)?.unitPrice.cents).toBe(405);
  });
});
