/**
 * Monthly invoicing on both databases: the run (dry run, numbered issue, attendance rules, idempotency, resume after a
 * crash, concurrent issuers with forced rollbacks), the family's account (ledger = Restant dû), the régie (allocation,
 * credit, cancellation, docket), credit notes, online payment of several invoices, SEPA (batch validated against the
 * pain.008 XSD, rejects), the childcare attestation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { restantDu } from '../../core/invoicing/account';
import type { Month } from '../../core/invoicing/month';
import { createPriceGrid, DEMO_GRIDS, createActivity, createChild, createEnrolment, createBooking } from '../../server/demo/factories';
import { readPdfText } from '../harness/pdf-text';
import { describeEachDialect } from '../harness/databases';
import { parent } from './booking-helpers';
import {
  count,
  INVOICING_NOW,
  invoicingFixture,
  invoicingServices,
  markAttendance,
  MEAL_CENTS,
  NOVEMBER_DAYS,
  staff,
  VALID_IBAN,
  VALID_ICS,
} from './invoicing-helpers';
import { paymentServices } from './payments-helpers';

const NOVEMBER = '2026-11' as Month;
const XSD = fs.readFileSync(path.resolve(import.meta.dirname, '../../adapters/sepa/xsd/pain.008.001.02.xsd'), 'utf8');

describeEachDialect('invoicing: the monthly run', (getHandle) => {
  it('simulates then issues one numbered invoice per family; attendance wins; a second run issues nothing', async () => {
    const { db } = getHandle();
    const f = await invoicingFixture(db, { families: 2 });
    await db
      .updateTable('price_grids')
      .set({ rules: JSON.stringify({ unbookedAttendance: { kind: 'percent', percent: 50 } }) })
      .execute();
    const [martin, other] = f.families;
    await markAttendance(db, {
      childId: martin.child.id,
      activityId: f.activity.id,
      day: NOVEMBER_DAYS[0],
      status: 'absent',
      justified: true,
    });
    await markAttendance(db, { childId: martin.child.id, activityId: f.activity.id, day: NOVEMBER_DAYS[1], status: 'absent' });
    await markAttendance(db, { childId: martin.child.id, activityId: f.activity.id, day: '2026-11-16', status: 'present_unbooked' });
    const s = invoicingServices(getHandle());

    const plan = await s.invoicing.plan('2026-11');
    if (!plan.ok) throw new Error(plan.error);
    const martinTotal = 5 * MEAL_CENTS + Math.round(MEAL_CENTS * 1.5);
    expect(plan.value).toMatchObject({ families: 2, invoices: 2, alreadyInvoiced: 0, totalCents: martinTotal + 6 * MEAL_CENTS });
    expect(plan.value.totals).toEqual([
      { siteName: f.site.name, activityName: f.activity.name, quantity: 13, totalCents: martinTotal + 6 * MEAL_CENTS },
    ]);
    expect(await count(db, 'invoices')).toBe(0);

    expect(await s.invoicing.runToEnd({ month: '2026-12', actor: staff })).toEqual({ ok: false, error: 'future_month' });
    expect(await s.invoicing.runToEnd({ month: '2026-13', actor: staff })).toEqual({ ok: false, error: 'invalid_month' });
    expect(await s.invoicing.runToEnd({ month: '2026-11', dueDate: '2026-02-30', actor: staff })).toEqual({
      ok: false,
      error: 'invalid_due_date',
    });
    const done = await s.invoicing.runToEnd({ month: '2026-11', actor: staff });
    if (!done.ok) throw new Error(done.error);
    expect(done.value).toMatchObject({ status: 'done', familiesTotal: 2, familiesDone: 2, invoicesIssued: 2, dueDate: '2026-12-28' });

    const [first] = await s.invoicing.familyInvoices(martin.family.id);
    const [second] = await s.invoicing.familyInvoices(other.family.id);
    expect([first.reference, second.reference]).toEqual(['F2026-000001', 'F2026-000002']);
    expect(first).toMatchObject({
      totalCents: martinTotal,
      openCents: martinTotal,
      status: 'open',
      payerName: 'Sarah Martin',
      month: '2026-11',
    });
    const detail = (await s.invoicing.invoice(first.id))!;
    expect(detail.lines.map((l) => [l.occasion, l.quantity, l.unitPriceCents, l.amountCents])).toEqual([
      ['justified_absence', 1, 0, 0],
      ['unjustified_absence', 1, MEAL_CENTS, MEAL_CENTS],
      ['booking', 4, MEAL_CENTS, 4 * MEAL_CENTS],
      ['unbooked_attendance', 1, Math.round(MEAL_CENTS * 1.5), Math.round(MEAL_CENTS * 1.5)],
    ]);
    expect(detail.lines[3].basis).toContain('tarif majoré, présence sans réservation');

    // E-mailed once to each address of the family, with the PDF.
    const toMartin = s.mailer.sent.filter((m) => m.subject.includes('F2026-000001'));
    expect(toMartin.map((m) => m.to).sort()).toEqual(['martin@example.fr', 'sarah.martin@example.fr']);
    const pdf = readPdfText(Buffer.from(toMartin[0].attachments![0].content));
    expect(pdf.pages.flat().join(' ')).toContain('F2026-000001');

    // Running the month again issues nothing twice.
    expect(await s.invoicing.runToEnd({ month: '2026-11', actor: staff })).toEqual({ ok: false, error: 'already_issued' });
    expect(await s.invoicing.plan('2026-11')).toEqual({ ok: false, error: 'already_issued' });
    // Each refused run is recorded (future month, bad month, bad due date, month already issued).
    const refusals = await db
      .selectFrom('audit_events')
      .select(['target', 'details'])
      .where('action', '=', 'invoicing.run_refused')
      .execute();
    // Same instant (the test clock stands still): compared as a set.
    expect(refusals.map((r) => `${r.target} ${JSON.parse(r.details ?? '{}').reason}`).sort()).toEqual([
      'month:2026-11 already_issued',
      'month:2026-11 invalid_due_date',
      'month:2026-12 future_month',
      'month:2026-13 invalid_month',
    ]);
    expect(await count(db, 'invoices')).toBe(2);
    // The account: the invoice is owed, the ledger ends on the Restant dû.
    const account = await s.invoicing.account(martin.family.id);
    expect(account.restantDuCents).toBe(martinTotal);
    expect(account.ledger.at(-1)?.balanceCents).toBe(martinTotal);
  });

  it('resumes a run interrupted by a crash: nothing issued twice, numbers without gaps', async () => {
    const { db } = getHandle();
    const f = await invoicingFixture(db, { families: 4 });
    const s = invoicingServices(getHandle());
    let commits = 0;
    s.hooks.beforeCommit = () => {
      if (++commits === 3) throw new Error('crash before commit');
    };
    expect(await s.invoicing.run(NOVEMBER)).toBeNull();
    const { startInvoicing, continueInvoicing } = await import('../../core/invoicing/run');
    const run = await startInvoicing(s.invoicing.deps, { month: '2026-11', actor: staff });
    if (!run.ok) throw new Error(run.error);
    await expect(continueInvoicing(s.invoicing.deps, { runId: run.value.id, month: run.value.month, chunkSize: 1 })).rejects.toThrow(
      'crash before commit',
    );
    s.hooks.beforeCommit = undefined;
    // Commit 1 opened the run, commit 2 issued the first family's invoice; the third chunk was rolled back.
    expect(await count(db, 'invoices')).toBe(1);
    expect(await s.invoicing.run(NOVEMBER)).toMatchObject({ status: 'running', familiesDone: 1, invoicesIssued: 1 });
    // Another issuer is refused while the crashed one still holds the lease…
    expect(await s.invoicing.runToEnd({ month: '2026-11', actor: staff })).toEqual({ ok: false, error: 'run_in_progress' });
    expect(await s.invoicing.resumeInterrupted()).toBe(0);
    // …and the jobs take it over once it has passed (a restart), keeping its dates — even weeks later.
    s.clock.advance(40 * 24 * 3600_000);
    expect(await s.invoicing.resumeInterrupted()).toBe(1);
    expect(await s.invoicing.run(NOVEMBER)).toMatchObject({
      status: 'done',
      invoicesIssued: 4,
      issueDate: '2026-11-27',
      dueDate: '2026-12-28',
    });
    const references = (await db.selectFrom('invoices').select(['reference', 'family_id']).orderBy('reference').execute()).map(
      (r) => r.reference,
    );
    expect(references).toEqual(['F2026-000001', 'F2026-000002', 'F2026-000003', 'F2026-000004']);
    const families = await db.selectFrom('invoices').select('family_id').execute();
    expect(new Set(families.map((r) => r.family_id)).size).toBe(4);
    expect(f.families).toHaveLength(4);
  });

  it('numbers stay continuous with concurrent issuers and forced rollbacks', async () => {
    const handle = getHandle();
    const { db } = handle;
    const f = await invoicingFixture(db, { families: 6, days: ['2026-10-05', ...NOVEMBER_DAYS] });
    const a = invoicingServices(handle);
    const b = invoicingServices(handle);
    // Every third transaction of issuer b fails just before its commit (its numbers must come back).
    let bCommits = 0;
    b.hooks.beforeCommit = () => {
      if (++bCommits % 3 === 0) throw new Error('forced rollback');
    };
    const { startInvoicing, continueInvoicing } = await import('../../core/invoicing/run');
    const runA = await startInvoicing(a.invoicing.deps, { month: '2026-11', actor: staff });
    const runB = await startInvoicing(b.invoicing.deps, { month: '2026-10', actor: staff });
    if (!runA.ok || !runB.ok) throw new Error('runs not opened');
    const credit = async () => {
      // A third issuer: credit notes on invoices as they appear (series A, its own counter).
      for (let i = 0; i < 20; i++) {
        const [invoice] = await db.selectFrom('invoices').select('id').where('status', '=', 'open').limit(1).execute();
        if (invoice) await a.invoicing.creditNote({ invoiceId: invoice.id, amount: '0,10', reason: 'Geste commercial', actor: staff });
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };
    const results = await Promise.allSettled([
      continueInvoicing(a.invoicing.deps, { runId: runA.value.id, month: runA.value.month, chunkSize: 1 }),
      continueInvoicing(b.invoicing.deps, { runId: runB.value.id, month: runB.value.month, chunkSize: 1 }),
      credit(),
    ]);
    expect(results[0].status).toBe('fulfilled');
    expect(results[1].status).toBe('rejected');
    // Issuer b resumes (its lease expired) without the fault until the month is done.
    b.hooks.beforeCommit = undefined;
    b.clock.advance(2 * 60_000);
    expect(await b.invoicing.runToEnd({ month: '2026-10', actor: staff })).toMatchObject({ ok: true, value: { status: 'done' } });

    const numbers = (await db.selectFrom('invoices').select('number').where('series', '=', 'F').orderBy('number').execute()).map((r) =>
      Number(r.number),
    );
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const notes = (await db.selectFrom('credit_notes').select('number').orderBy('number').execute()).map((r) => Number(r.number));
    expect(notes).toEqual(Array.from({ length: notes.length }, (_, i) => i + 1));
    expect(f.families).toHaveLength(6);
  });
});

describeEachDialect('invoicing: the régie, credit notes and the account', (getHandle) => {
  async function issued() {
    const { db } = getHandle();
    const f = await invoicingFixture(db, { families: 1, days: ['2026-10-05', '2026-10-06', ...NOVEMBER_DAYS] });
    const s = invoicingServices(getHandle());
    for (const month of ['2026-10', '2026-11']) {
      const run = await s.invoicing.runToEnd({ month, actor: staff });
      if (!run.ok) throw new Error(run.error);
    }
    const [november, october] = await s.invoicing.familyInvoices(f.family.id);
    return { db, f, s, october, november };
  }

  it('allocates a cheque oldest first, credits the excess (stated), cancels with a reason; bad input changes nothing', async () => {
    const { db, f, s, october, november } = await issued();
    expect([october.totalCents, november.totalCents]).toEqual([2 * MEAL_CENTS, 6 * MEAL_CENTS]);
    const before = { payments: await count(db, 'regie_payments'), entries: await count(db, 'account_entries') };
    const bad = await s.invoicing.recordPayment({
      familyId: f.family.id,
      method: 'cheque',
      amount: '-5',
      receivedOn: '2026-12-01',
      reference: '',
      payerName: '',
      actor: staff,
    });
    expect(bad).toEqual({
      ok: false,
      errors: {
        amount: expect.stringContaining('Indiquez un montant en euros'),
        receivedOn: expect.stringContaining('date de réception'),
        reference: 'Indiquez le numéro du chèque.',
        payerName: 'Indiquez le nom du payeur.',
      },
    });
    expect(
      await s.invoicing.recordPayment({
        familyId: f.family.id,
        method: 'virement',
        amount: '1e309',
        receivedOn: '2026-11-27',
        reference: 'x',
        payerName: 'X',
        actor: staff,
      }),
    ).toMatchObject({ ok: false, errors: { method: expect.any(String), amount: expect.any(String) } });
    expect({ payments: await count(db, 'regie_payments'), entries: await count(db, 'account_entries') }).toEqual(before);

    const total = october.totalCents + november.totalCents;
    const paid = await s.invoicing.recordPayment({
      familyId: f.family.id,
      method: 'cheque',
      amount: `${(total + 1000) / 100}`.replace('.', ','),
      receivedOn: '2026-11-27',
      reference: '1234567',
      payerName: 'Sarah Martin',
      actor: staff,
    });
    if (!paid.ok) throw new Error(JSON.stringify(paid.errors));
    expect(paid.value.payment.receiptNumber).toBe('Q2026-000001');
    expect(paid.value.plan).toEqual({
      allocations: [
        { invoiceId: october.id, reference: october.reference, amountCents: october.totalCents },
        { invoiceId: november.id, reference: november.reference, amountCents: november.totalCents },
      ],
      surplusCents: 1000,
    });
    let account = await s.invoicing.account(f.family.id);
    expect(account).toMatchObject({ restantDuCents: -1000, creditCents: 1000, owedOnInvoicesCents: 0, openInvoices: [] });
    expect(account.ledger.at(-1)?.balanceCents).toBe(-1000);
    expect(account.ledger.at(-1)?.label).toContain('trop-perçu de 10,00');
    const docket = await s.invoicing.docket(NOVEMBER);
    expect(docket.byMethod.find((m) => m.method === 'cheque')).toMatchObject({ count: 1, totalCents: total + 1000 });

    expect(await s.invoicing.cancelPayment({ paymentId: paid.value.payment.id, reason: '', actor: staff })).toMatchObject({ ok: false });
    const cancelled = await s.invoicing.cancelPayment({ paymentId: paid.value.payment.id, reason: 'Chèque sans provision', actor: staff });
    expect(cancelled).toMatchObject({ ok: true, value: { status: 'cancelled', cancelReason: 'Chèque sans provision' } });
    expect(await s.invoicing.cancelPayment({ paymentId: paid.value.payment.id, reason: 'encore', actor: staff })).toMatchObject({
      ok: false,
    });
    account = await s.invoicing.account(f.family.id);
    expect(account).toMatchObject({ restantDuCents: total, creditCents: 0 });
    expect(account.openInvoices.map((i) => i.openCents)).toEqual([october.totalCents, november.totalCents]);
    expect(account.ledger.at(-1)?.balanceCents).toBe(total);
    expect((await s.invoicing.docket(NOVEMBER)).totalCents).toBe(0);
  });

  it('credit notes: numbered, never above what the invoice can still give, the paid part returned as credit; the next invoice uses the credit', async () => {
    const { db, f, s, october, november } = await issued();
    expect(await s.invoicing.creditNote({ invoiceId: october.id, amount: '999', reason: 'Erreur', actor: staff })).toMatchObject({
      ok: false,
      errors: { amount: expect.any(String) },
    });
    expect(await s.invoicing.creditNote({ invoiceId: october.id, amount: '1', reason: '', actor: staff })).toMatchObject({
      ok: false,
      errors: { reason: expect.any(String) },
    });
    expect(await count(db, 'credit_notes')).toBe(0);

    const partial = await s.invoicing.creditNote({
      invoiceId: november.id,
      amount: '3,05',
      reason: 'Repas non servi (grève)',
      actor: staff,
    });
    expect(partial).toMatchObject({ ok: true, value: { reference: 'A2026-000001', amountCents: MEAL_CENTS } });
    // October paid, then cancelled entirely by a credit note: the money comes back as credit.
    const paid = await s.invoicing.recordPayment({
      familyId: f.family.id,
      method: 'especes',
      amount: '6,10',
      receivedOn: '2026-11-27',
      reference: '',
      payerName: 'S. Martin',
      invoiceIds: [october.id],
      actor: staff,
    });
    expect(paid.ok).toBe(true);
    const full = await s.invoicing.creditNote({ invoiceId: october.id, amount: '6,10', reason: 'Facturé par erreur', actor: staff });
    expect(full).toMatchObject({ ok: true, value: { reference: 'A2026-000002' } });
    expect((await s.invoicing.invoice(october.id))?.invoice).toMatchObject({ status: 'cancelled', openCents: 0 });
    const account = await s.invoicing.account(f.family.id);
    expect(account).toMatchObject({ creditCents: 2 * MEAL_CENTS, owedOnInvoicesCents: 5 * MEAL_CENTS, restantDuCents: 3 * MEAL_CENTS });
    expect(account.ledger.at(-1)?.balanceCents).toBe(account.restantDuCents);
    const pdf = await s.invoicing.creditNotePdf((full as { value: { id: string } }).value.id, f.family.id);
    expect(readPdfText(Buffer.from(pdf!.pdf)).pages.flat().join(' ')).toContain('A2026-000002');
    expect(await s.invoicing.creditNotePdf((full as { value: { id: string } }).value.id, 'another-family')).toBeNull();

    // December: the credit is deducted from the new invoice at issue.
    await createBooking(db, {
      child_id: f.child.id,
      activity_id: f.activity.id,
      day: '2026-12-01',
      status: 'reserved',
      unit_price_cents: MEAL_CENTS,
    });
    s.clock.set('2027-01-04T09:00:00Z');
    expect((await s.invoicing.runToEnd({ month: '2026-12', actor: staff })).ok).toBe(true);
    const [december] = await s.invoicing.familyInvoices(f.family.id);
    expect(december).toMatchObject({ reference: 'F2027-000001', totalCents: MEAL_CENTS, openCents: 0, status: 'paid' });
    const after = await s.invoicing.account(f.family.id);
    expect(after).toMatchObject({ creditCents: MEAL_CENTS, restantDuCents: 5 * MEAL_CENTS - MEAL_CENTS });
    expect(after.ledger.at(-1)?.balanceCents).toBe(after.restantDuCents);
    expect(restantDu(after.owedOnInvoicesCents, after.creditCents)).toBe(after.restantDuCents);
  });

  it('price grids: never from a day already invoiced; a version pricing booked days is saved only once its impact was shown', async () => {
    const { db, f } = await issued();
    await createBooking(db, {
      child_id: f.child.id,
      activity_id: f.activity.id,
      day: '2026-12-03',
      status: 'reserved',
      unit_price_cents: MEAL_CENTS,
    });
    const { prices } = paymentServices(getHandle());
    const grid = {
      brackets: [
        { rank: 1, qfMin: 0, qfMax: 800, unitPriceCents: 100 },
        { rank: 2, qfMin: 800, qfMax: 1600, unitPriceCents: 320 },
        { rank: 3, qfMin: 1600, qfMax: null, unitPriceCents: 400 },
      ],
      nonResidentCents: 600,
      missingQfCents: 400,
    };
    const before = (await prices.activity(f.activity.id))!.grids.length;
    const invoiced = await prices.save({ activityId: f.activity.id, effectiveFrom: '2026-11-20', grid, actor: staff });
    expect(invoiced).toEqual({
      ok: false,
      issues: [
        {
          field: 'effectiveFrom',
          message: 'Les jours jusqu’au 30/11/2026 sont déjà facturés : la grille doit entrer en vigueur après cette date.',
        },
      ],
    });
    const shown = await prices.save({ activityId: f.activity.id, effectiveFrom: '2026-12-01', grid, actor: staff });
    if (shown.ok || !('impact' in shown)) throw new Error(JSON.stringify(shown));
    expect(shown.impact).toMatchObject({ from: '2026-12-01', until: null, bookings: 1, families: 1, prepaid: 0 });
    // A confirmation for another grid does not save this one.
    const changed = { ...grid, nonResidentCents: 700 };
    expect(
      await prices.save({
        activityId: f.activity.id,
        effectiveFrom: '2026-12-01',
        grid: changed,
        confirmation: shown.impact.confirmation,
        actor: staff,
      }),
    ).toMatchObject({ ok: false, impact: { bookings: 1 } });
    expect((await prices.activity(f.activity.id))!.grids).toHaveLength(before);
    expect(
      await prices.save({
        activityId: f.activity.id,
        effectiveFrom: '2026-12-01',
        grid,
        confirmation: shown.impact.confirmation,
        actor: staff,
      }),
    ).toMatchObject({ ok: true });
    expect((await prices.activity(f.activity.id))!.grids.map((g) => g.effectiveFrom)).toEqual(['2026-09-01', '2026-12-01']);
  });

  it('pays two invoices at once online; another family’s invoice is refused and changes nothing', async () => {
    const { db, f, october, november } = await issued();
    const p = paymentServices(getHandle());
    p.clock.set(INVOICING_NOW);
    const s = invoicingServices(getHandle());
    const stranger = await createChild(db, {
      family_id: (
        await db
          .insertInto('families')
          .values({
            id: 'fam-x',
            file_number: 'F-X',
            name: 'X',
            address_line: '',
            postal_code: '',
            city: '',
            email: null,
            phone: null,
            resident: 1,
            qf: null,
            qf_valid_until: null,
            created_at: INVOICING_NOW,
            updated_at: INVOICING_NOW,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    });
    expect(stranger.family_id).toBe('fam-x');
    expect(await p.payments.payInvoices({ familyId: 'fam-x', invoiceIds: [october.id], actor: parent })).toMatchObject({
      ok: false,
      error: 'not_found',
    });
    expect(await count(db, 'invoice_allocations')).toBe(0);

    const started = await p.payments.payInvoices({ familyId: f.family.id, invoiceIds: [october.id, november.id], actor: parent });
    if (!started.ok || started.value.kind !== 'redirect') throw new Error(JSON.stringify(started));
    await p.demoBank!.decide(started.value.url.split('/demo-bank/')[1], 'pay', p.clock.now());
    const account = await s.invoicing.account(f.family.id);
    expect(account).toMatchObject({ restantDuCents: 0, openInvoices: [] });
    expect(account.ledger.filter((row) => row.label.startsWith('Paiement en ligne')).map((row) => row.amountCents)).toEqual([
      -october.totalCents,
      -november.totalCents,
    ]);
    expect(account.ledger.at(-1)?.balanceCents).toBe(0);
    // Paying them again: nothing is payable.
    expect(await p.payments.payInvoices({ familyId: f.family.id, invoiceIds: [october.id], actor: parent })).toMatchObject({ ok: false });
  });
});

describeEachDialect('invoicing: SEPA direct debit and the attestation', (getHandle) => {
  it('mandate, batch valid against the pain.008 XSD, rejects reopening the invoice; unknown transactions refused', async () => {
    const { db } = getHandle();
    const f = await invoicingFixture(db, { families: 2 });
    await db
      .updateTable('organisation')
      .set({ sepa_creditor_id: VALID_ICS, sepa_iban: 'FR14 2004 1010 0505 0001 3M02 606', sepa_bic: 'PSSTFRPPLIL' })
      .execute();
    const s = invoicingServices(getHandle());
    const [martin] = f.families;
    const wrong = await s.invoicing.createMandate({
      familyId: martin.family.id,
      holderName: 'Sarah Martin',
      iban: 'FR76 3000 6000 0112 3456 7890 188',
      bic: '',
      signedOn: '2026-09-01',
      actor: staff,
    });
    expect(wrong).toEqual({ ok: false, errors: { iban: 'L’IBAN est invalide (clé de contrôle incorrecte).' } });
    expect(await db.selectFrom('sepa_mandates').select('id').execute()).toEqual([]);
    const refused = await db.selectFrom('audit_events').select('details').where('action', '=', 'sepa.mandate_refused').execute();
    expect(refused.map((r) => r.details)).toEqual([JSON.stringify({ fields: ['iban'] })]);
    const mandate = await s.invoicing.createMandate({
      familyId: martin.family.id,
      holderName: 'Sarah Martin',
      iban: VALID_IBAN,
      bic: '',
      signedOn: '2026-09-01',
      actor: staff,
    });
    if (!mandate.ok) throw new Error(JSON.stringify(mandate.errors));
    expect(mandate.value.rum).toBe('TRT-F-001-001');

    expect((await s.invoicing.runToEnd({ month: '2026-11', actor: staff })).ok).toBe(true);
    const [invoice] = await s.invoicing.familyInvoices(martin.family.id);
    expect(invoice).toMatchObject({ mandateId: mandate.value.id, debitDate: '2026-12-28' });
    expect(s.mailer.sent.find((m) => m.subject.includes(invoice.reference))?.text).toContain('sera prélevée le lundi 28 décembre 2026');

    expect(await s.invoicing.createBatch({ collectionDate: '2026-11-27', actor: staff })).toMatchObject({
      ok: false,
      errors: { collectionDate: expect.any(String) },
    });
    expect(await s.invoicing.createBatch({ collectionDate: '2026-12-10', actor: staff })).toMatchObject({
      ok: false,
      errors: { debits: 'Aucune facture à prélever pour cette date.' },
    });
    const batch = await s.invoicing.createBatch({ collectionDate: '2026-12-29', actor: staff });
    if (!batch.ok) throw new Error(JSON.stringify(batch.errors));
    expect(batch.value).toMatchObject({ debitCount: 1, totalCents: invoice.totalCents });
    const { xml } = (await s.invoicing.batchXml(batch.value.id))!;
    const validation = await validateXML({
      xml: { fileName: 'batch.xml', contents: xml },
      schema: { fileName: 'pain.008.001.02.xsd', contents: XSD },
      maxMemoryPages: 16_384,
    });
    expect(validation.errors).toEqual([]);
    expect(xml).toContain('<SeqTp>FRST</SeqTp>');
    expect(await s.invoicing.account(martin.family.id)).toMatchObject({ restantDuCents: 0 });
    const [debit] = await s.invoicing.familyDebits(martin.family.id);

    const pain002 = (endToEndId: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03"><CstmrPmtStsRpt><GrpHdr><MsgId>BANK-1</MsgId><CreDtTm>2026-12-29T08:00:00</CreDtTm></GrpHdr>
<OrgnlGrpInfAndSts><OrgnlMsgId>${batch.value.messageId}</OrgnlMsgId><OrgnlMsgNmId>pain.008.001.02</OrgnlMsgNmId></OrgnlGrpInfAndSts>
<OrgnlPmtInfAndSts><OrgnlPmtInfId>${batch.value.messageId}.FRST</OrgnlPmtInfId><TxInfAndSts><OrgnlEndToEndId>${endToEndId}</OrgnlEndToEndId><TxSts>RJCT</TxSts>
<StsRsnInf><Rsn><Cd>AM04</Cd></Rsn></StsRsnInf></TxInfAndSts></OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>`;
    const audits = await count(db, 'audit_events');
    const unknown = await s.invoicing.importRejects({ xml: pain002('INCONNU-0001'), actor: staff });
    expect(unknown).toMatchObject({ ok: false, error: 'unknown_transactions' });
    expect(await count(db, 'audit_events')).toBe(audits + 1);
    expect(await s.invoicing.account(martin.family.id)).toMatchObject({ restantDuCents: 0 });

    expect(await s.invoicing.importRejects({ xml: pain002(debit.endToEndId), actor: staff })).toMatchObject({
      ok: true,
      value: { rejected: 1, reopenedCents: invoice.totalCents },
    });
    expect(await s.invoicing.importRejects({ xml: pain002(debit.endToEndId), actor: staff })).toMatchObject({
      ok: true,
      value: { rejected: 0, alreadyRejected: 1 },
    });
    const account = await s.invoicing.account(martin.family.id);
    expect(account).toMatchObject({ restantDuCents: invoice.totalCents });
    expect(account.ledger.at(-1)).toMatchObject({ amountCents: invoice.totalCents, balanceCents: invoice.totalCents });
    expect((await s.invoicing.familyDebits(martin.family.id))[0]).toMatchObject({ status: 'rejected', rejectCode: 'AM04' });
    // The first debit was rejected: the next one is a first again.
    const again = await s.invoicing.createBatch({ collectionDate: '2026-12-31', actor: staff });
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect((await s.invoicing.batchXml(again.value.id))!.xml).toContain('<SeqTp>FRST</SeqTp>');
  });

  it('a mandate signed after the invoice announces its debit on the due date; revoking it takes that back', async () => {
    const { db } = getHandle();
    const f = await invoicingFixture(db, { families: 1 });
    const s = invoicingServices(getHandle());
    expect((await s.invoicing.runToEnd({ month: '2026-11', actor: staff })).ok).toBe(true);
    const [before] = await s.invoicing.familyInvoices(f.family.id);
    expect(before).toMatchObject({ mandateId: null, debitDate: null });
    const mandate = await s.invoicing.createMandate({
      familyId: f.family.id,
      holderName: 'Sarah Martin',
      iban: VALID_IBAN,
      bic: 'AGRIFRPP',
      signedOn: '2026-11-27',
      actor: staff,
    });
    if (!mandate.ok) throw new Error(JSON.stringify(mandate.errors));
    const [attached] = await s.invoicing.familyInvoices(f.family.id);
    expect(attached).toMatchObject({ mandateId: mandate.value.id, debitDate: before.dueDate });
    expect(await s.invoicing.revokeMandate({ familyId: 'another', mandateId: mandate.value.id, actor: staff })).toBe(false);
    expect(await s.invoicing.revokeMandate({ familyId: f.family.id, mandateId: mandate.value.id, actor: staff })).toBe(true);
    const [detached] = await s.invoicing.familyInvoices(f.family.id);
    expect(detached).toMatchObject({ mandateId: null, debitDate: null });
  });

  it('the yearly attestation: childcare paid for a child under 6, meals excluded', async () => {
    const { db } = getHandle();
    const f = await invoicingFixture(db, { families: 1 });
    await db.updateTable('children').set({ birth_date: '2021-05-04' }).execute();
    const garderie = await createActivity(db, { site_id: f.site.id, school_year_id: f.schoolYear.id, kind: 'garderie_soir' });
    await createPriceGrid(
      db,
      { activity_id: garderie.id, school_year_id: f.schoolYear.id, effective_from: f.schoolYear.starts_on },
      DEMO_GRIDS.garderie,
    );
    await createEnrolment(db, { child_id: f.child.id, activity_id: garderie.id });
    for (const day of NOVEMBER_DAYS.slice(0, 3))
      await createBooking(db, { child_id: f.child.id, activity_id: garderie.id, day, status: 'reserved', unit_price_cents: 220 });
    const s = invoicingServices(getHandle());
    expect((await s.invoicing.runToEnd({ month: '2026-11', actor: staff })).ok).toBe(true);
    const [invoice] = await s.invoicing.familyInvoices(f.family.id);
    expect(
      await s.invoicing.recordPayment({
        familyId: f.family.id,
        method: 'carte',
        amount: `${invoice.totalCents / 100}`.replace('.', ','),
        receivedOn: '2026-11-27',
        reference: '',
        payerName: 'S. Martin',
        actor: staff,
      }),
    ).toMatchObject({ ok: true });
    const attestation = await s.invoicing.attestationPdf({ familyId: f.family.id, childId: f.child.id, year: '2026' });
    if (!attestation.ok) throw new Error(attestation.error);
    const text = readPdfText(Buffer.from(attestation.value.pdf)).pages.flat().join(' ');
    expect(text).toContain('6,60');
    expect(await s.invoicing.attestationPdf({ familyId: 'other', childId: f.child.id, year: '2026' })).toEqual({
      ok: false,
      error: 'not_found',
    });
    await db.updateTable('children').set({ birth_date: '2018-05-04' }).execute();
    expect(await s.invoicing.attestationPdf({ familyId: f.family.id, childId: f.child.id, year: '2026' })).toEqual({
      ok: false,
      error: 'too_old',
    });
  });
});
