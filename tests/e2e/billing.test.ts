/**
 * Facturation end to end, in Chromium on the demo commune: the previous and the current month are invoiced with the
 * CLI (`invoices:run`, against this server's data directory; « déjà émises » is fine), then famille.martin lists its
 * invoices, downloads one as PDF (another family's id is « not found »), is refused — nothing changed, an audit event
 * — when a form is edited to pay another family's invoice, pays its two invoices at once on the demo bank, and finds
 * both payments in the account's history with a final balance equal to the Restant dû of Payer mes factures and of
 * the planning. With and without JavaScript, axe on every new page, no horizontal scroll at 360 px.
 *
 * The two invoices are paid in full: famille.martin ends with no open invoice, as payment.test.ts expects.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { frBilling } from '../../app/i18n/fr-billing';
import { frPayments } from '../../app/i18n/fr-payments';
import { frPlanning } from '../../app/i18n/fr-planning';
import { addMonths } from '../../core/calendar/plain-date';
import { parisToday } from '../../core/calendar/paris-time';
import { expectNoAxeViolations, launchBrowser, loginAs } from '../harness/browser';
import { readPdfText } from '../harness/pdf-text';
import { ACCOUNTS, baseUrl, loginHttp, openPage, request } from './helpers';

const IP = '127.0.0.31';
const b = frBilling;
const pay = frPayments;
const root = path.resolve(import.meta.dirname, '..', '..');
const BILLING = '/portail/facturation';
const today = parisToday(new Date());
const MONTHS = [addMonths(today, -1).slice(0, 7), today.slice(0, 7)];
const monthWords = (month: string) => `${frPlanning.months[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

let browser: Browser;

function readDb<T>(work: (db: Database.Database) => T): T {
  const db = new Database(path.join(inject('e2eDataDir'), 'tartine.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

const martinFamilyId = () =>
  readDb(
    (db) => (db.prepare('SELECT family_id FROM users WHERE username = ?').get(ACCOUNTS.parent.username) as { family_id: string }).family_id,
  );

interface InvoiceRow {
  id: string;
  reference: string;
  month: string;
  status: string;
  paid_cents: number;
  family_id: string;
}

const invoicesOf = (familyId: string) =>
  readDb(
    (db) =>
      db
        .prepare('SELECT id, reference, month, status, paid_cents, family_id FROM invoices WHERE family_id = ? ORDER BY month')
        .all(familyId) as InvoiceRow[],
  );

/** Runs node with tsx against the e2e server's data directory (its SQLite file, its outbox). */
function tsx(args: string[]) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: {
      ...process.env,
      TARTINE_DATA_DIR: inject('e2eDataDir'),
      DATABASE_URL: '',
      SMTP_URL: '',
      TARTINE_PUBLIC_URL: baseUrl(),
      LOG_LEVEL: 'warn',
    },
    timeout: 120_000,
  });
}

/** `npm run tartine -- invoices:run --month M`. */
async function issueInvoices(month: string) {
  try {
    await tsx(['cli/tartine.ts', 'invoices:run', '--month', month]);
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '');
    if (!stderr.includes('déjà émises')) throw error;
  }
}

/** Runs `body` with the app's services on the e2e data directory (what staff pages do; those pages are on the staff side). */
async function withServices(body: string) {
  const script = `
    const { loadConfig } = await import('./server/config.ts');
    const { createLogger } = await import('./server/logger.ts');
    const { createServices } = await import('./server/services.ts');
    const { services, close } = createServices(loadConfig(process.env), createLogger('warn'));
    const actor = { userId: null, label: 'e2e', ip: null };
    try { ${body} } finally { await close(); }`;
  await tsx(['--input-type=module', '-e', script]);
}

/** A credit note (avoir) of 1,00 € on an invoice, as the régie issues it. */
function issueCreditNote(invoiceId: string) {
  return withServices(`
    const result = await services.invoicing.creditNote({ invoiceId: ${JSON.stringify(invoiceId)}, amount: '1,00', reason: 'Repas non servi (grève)', actor });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));`);
}

beforeAll(async () => {
  browser = await launchBrowser();
  for (const month of MONTHS) await issueInvoices(month);
  await issueCreditNote(martinInvoices()[0].id);
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

async function parent(options: { javaScript?: boolean; mobile?: boolean } = {}) {
  const { context, page } = await openPage(browser, options);
  await loginAs(page, baseUrl(), ACCOUNTS.parent.username, ACCOUNTS.parent.password);
  await page.waitForURL(`${baseUrl()}/portail`);
  return { page, close: () => context.close() };
}

const toPay = (page: Page) => page.getByRole('table', { name: b.pay.caption });
const settled = (page: Page) => page.getByRole('table', { name: b.pay.paidCaption });
const restantDu = async (page: Page) =>
  /Restant dû : (-?[\d\u202f]+,\d\d\u00a0€)/.exec((await page.getByRole('main').textContent()) ?? '')?.[1];

const creditNoteOf = (invoiceId: string) =>
  readDb(
    (db) => db.prepare('SELECT id, reference FROM credit_notes WHERE invoice_id = ?').get(invoiceId) as { id: string; reference: string },
  );

/** famille.martin's invoices of the two months, issued above; open until the payment test pays them. */
function martinInvoices() {
  const mine = invoicesOf(martinFamilyId()).filter((i) => MONTHS.includes(i.month));
  expect(mine.map((i) => i.month)).toEqual(MONTHS);
  return mine;
}

describe('Facturation › Payer mes factures', () => {
  it('lists the unpaid invoices with their PDF, refuses another family’s invoice, and passes axe (JavaScript on)', async () => {
    const mine = martinInvoices();
    const { page, close } = await parent();
    try {
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Facturation', exact: true }).click();
      await page.waitForURL(`${baseUrl()}${BILLING}`);
      await page.getByRole('heading', { level: 1, name: b.pay.title }).waitFor();
      for (const invoice of mine) {
        const row = toPay(page).locator('tr', { has: page.getByRole('rowheader', { name: invoice.reference, exact: true }) });
        expect(await row.textContent()).toContain(monthWords(invoice.month));
        await row.getByRole('checkbox', { name: b.pay.selectLabel(invoice.reference, monthWords(invoice.month)) }).waitFor();
        expect(await row.getByRole('link', { name: b.pay.pdfLink(invoice.reference) }).getAttribute('href')).toBe(
          `${BILLING}/factures/${invoice.id}/pdf`,
        );
      }
      // The credit note issued on the first one: its PDF next to the invoice's, 1,00 € less to pay.
      const note = creditNoteOf(mine[0].id);
      const firstRow = toPay(page).locator('tr', { has: page.getByRole('rowheader', { name: mine[0].reference, exact: true }) });
      expect(await firstRow.getByRole('link', { name: b.pay.creditNoteLink(note.reference) }).getAttribute('href')).toBe(
        `${BILLING}/avoirs/${note.id}/pdf`,
      );
      const attestations = page.getByRole('region', { name: b.attestation.title });
      expect(await attestations.textContent()).toContain('enfants de moins de 6 ans');
      expect(await attestations.textContent()).toContain('frais de garde hors repas');
      expect(await attestations.getByRole('link').allTextContents()).toContain(b.attestation.link('Chloé', Number(today.slice(0, 4)) - 1));
      await expectNoAxeViolations(page);

      // « Payer » with nothing ticked: said plainly, nothing started.
      await page.getByRole('button', { name: b.pay.submit, exact: true }).click();
      await page.getByRole('alert').filter({ hasText: b.payErrors.none }).waitFor();
      expect(await page.title()).toMatch(/^Erreur : /);
      await expectNoAxeViolations(page);

      // A form edited to pay another family's invoice alongside one's own: refused, nothing paid, an audit event.
      const other = readDb(
        (db) =>
          db
            .prepare("SELECT id, reference, status, paid_cents, family_id FROM invoices WHERE family_id <> ? AND status = 'open' LIMIT 1")
            .get(martinFamilyId()) as InvoiceRow,
      );
      expect(other).toBeDefined();
      const transactions = () => readDb((db) => (db.prepare('SELECT count(*) AS n FROM payment_transactions').get() as { n: number }).n);
      const before = transactions();
      const first = toPay(page).getByRole('checkbox', { name: b.pay.selectLabel(mine[0].reference, monthWords(mine[0].month)) });
      const second = toPay(page).getByRole('checkbox', { name: b.pay.selectLabel(mine[1].reference, monthWords(mine[1].month)) });
      await first.check();
      await second.check();
      await second.evaluate((box, id) => ((box as HTMLInputElement).value = id), other.id);
      await page.getByRole('button', { name: b.pay.submit, exact: true }).click();
      await page.getByRole('alert').filter({ hasText: b.payErrors.not_found }).waitFor();
      expect(transactions()).toBe(before);
      expect(readDb((db) => db.prepare('SELECT status, paid_cents FROM invoices WHERE id = ?').get(other.id))).toEqual({
        status: 'open',
        paid_cents: other.paid_cents,
      });
      expect(
        invoicesOf(martinFamilyId())
          .filter((i) => MONTHS.includes(i.month))
          .map((i) => i.status),
      ).toEqual(['open', 'open']);
      const audit = readDb(
        (db) =>
          db
            .prepare(
              "SELECT actor_label, target, details FROM audit_events WHERE action = 'invoice.payment_refused' ORDER BY at DESC LIMIT 1",
            )
            .get() as {
            actor_label: string;
            target: string;
            details: string;
          },
      );
      expect(audit.actor_label).toBe(ACCOUNTS.parent.username);
      expect(audit.target).toBe(`family:${martinFamilyId()}`);
      expect(JSON.parse(audit.details).invoiceIds).toContain(other.id);
    } finally {
      await close();
    }
  });

  it('downloads the family’s own invoice as PDF; another family’s invoice is « not found » like an unknown one', async () => {
    const [invoice] = martinInvoices();
    const cookie = await loginHttp('parent', IP);
    const pdf = await request(`${BILLING}/factures/${invoice.id}/pdf`, { cookie, localAddress: IP });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(
      `attachment; filename="facture-${invoice.reference}.pdf"; filename*=UTF-8''facture-${invoice.reference}.pdf`,
    );
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readPdfText(pdf.body).pages.flat().join('\n')).toContain(invoice.reference);

    const other = readDb(
      (db) => db.prepare('SELECT id FROM invoices WHERE family_id <> ? LIMIT 1').get(martinFamilyId()) as { id: string },
    );
    const stolen = await request(`${BILLING}/factures/${other.id}/pdf`, { cookie, localAddress: IP });
    const unknown = await request(`${BILLING}/factures/00000000-0000-4000-8000-000000000000/pdf`, { cookie, localAddress: IP });
    expect([stolen.status, unknown.status]).toEqual([404, 404]);
    expect(stolen.text).toBe(unknown.text);
    expect(stolen.headers['content-disposition']).toBeUndefined();

    // The credit note, the same way.
    const note = creditNoteOf(invoice.id);
    const notePdf = await request(`${BILLING}/avoirs/${note.id}/pdf`, { cookie, localAddress: IP });
    expect(notePdf.status).toBe(200);
    expect(notePdf.headers['content-disposition']).toContain(`attachment; filename="avoir-${note.reference}.pdf"`);
    expect(readPdfText(notePdf.body).pages.flat().join('\n')).toContain(note.reference);
    const unknownNote = await request(`${BILLING}/avoirs/${invoice.id}/pdf`, { cookie, localAddress: IP });
    expect([unknownNote.status, unknownNote.text]).toEqual([404, unknown.text]);

    // Chloé (moyenne section) is under 6: her attestation for last year is a PDF; Sarah (CE2) has none.
    const children = readDb(
      (db) =>
        db.prepare('SELECT id, first_name FROM children WHERE family_id = ?').all(martinFamilyId()) as { id: string; first_name: string }[],
    );
    const chloe = children.find((c) => c.first_name === 'Chloé')!;
    const sarah = children.find((c) => c.first_name === 'Sarah')!;
    const year = Number(today.slice(0, 4)) - 1;
    const attestation = await request(`${BILLING}/attestations/${chloe.id}/${year}`, { cookie, localAddress: IP });
    expect(attestation.status).toBe(200);
    expect(attestation.headers['content-disposition']).toContain(`filename="attestation-frais-de-garde-${year}-Chloe.pdf"`);
    expect(attestation.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await request(`${BILLING}/attestations/${sarah.id}/${year}`, { cookie, localAddress: IP })).status).toBe(404);
  });

  let resultPath = '';

  it('pays two invoices at once on the demo bank; the history shows both with the Restant dû (JavaScript off)', async () => {
    const mine = martinInvoices();
    const { page, close } = await parent({ javaScript: false });
    try {
      await page.goto(`${baseUrl()}${BILLING}`);
      for (const invoice of mine)
        await toPay(page)
          .getByRole('checkbox', { name: b.pay.selectLabel(invoice.reference, monthWords(invoice.month)) })
          .check();
      await page.getByRole('button', { name: b.pay.submit, exact: true }).click();
      await page.waitForURL(/\/demo-bank\/[0-9a-f-]{36}$/);
      await page.getByRole('button', { name: pay.demoBank.pay, exact: true }).click();
      await page.waitForURL(/\/portail\/paiement\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: pay.result.titles.paid }).waitFor();
      resultPath = new URL(page.url()).pathname;
      // A credit left by other tests would add a line « Avoir utilisé »: the invoices are the lines naming one.
      const lines = (await page.getByRole('table', { name: b.result.caption }).locator('tbody tr').allTextContents()).filter((l) =>
        l.includes('Facture '),
      );
      expect(lines).toHaveLength(2);
      mine.forEach((invoice, i) => expect(lines[i]).toContain(`Facture ${invoice.reference} (${monthWords(invoice.month)})`));
      for (const line of lines) expect(line).toContain('réglé');
      expect(await page.getByRole('main').textContent()).not.toContain('réserv');
      await page.getByRole('link', { name: b.result.back, exact: true }).click();

      // Both paid: listed with the settled invoices, no longer to pay.
      await page.waitForURL(`${baseUrl()}${BILLING}`);
      for (const invoice of mine) {
        await settled(page).getByRole('rowheader', { name: invoice.reference, exact: true }).waitFor();
        expect(await page.getByRole('checkbox', { name: b.pay.selectLabel(invoice.reference, monthWords(invoice.month)) }).count()).toBe(0);
      }
      expect(
        invoicesOf(martinFamilyId())
          .filter((i) => MONTHS.includes(i.month))
          .map((i) => i.status),
      ).toEqual(['paid', 'paid']);
      const due = await restantDu(page);
      expect(due).toBeDefined();

      // The history: both payments, and the final balance is that same Restant dû.
      await page
        .getByRole('navigation', { name: 'Facturation' })
        .getByRole('link', { name: 'Consulter l’historique de mon compte' })
        .click();
      await page.waitForURL(`${baseUrl()}${BILLING}/historique`);
      const ledger = page.getByRole('table', { name: b.history.caption });
      const rows = await ledger.locator('tbody tr').allTextContents();
      for (const invoice of mine) {
        expect(rows.some((r) => r.includes(`Facture ${invoice.reference}`))).toBe(true);
        expect(rows.some((r) => /Paiement en ligne/.test(r) && r.includes(`facture ${invoice.reference}`))).toBe(true);
      }
      expect(rows.some((r) => r.includes(`Avoir ${creditNoteOf(mine[0].id).reference} sur la facture ${mine[0].reference}`))).toBe(true);
      const last = (await ledger.locator('tbody tr').last().locator('td').last().textContent())?.trim();
      expect(last).toBe(due);
      expect((await ledger.locator('tfoot td').textContent())?.trim()).toBe(due);
      expect(await restantDu(page)).toBe(due);

      // The planning shows the same Restant dû.
      await page.goto(`${baseUrl()}/portail/planning`);
      expect(await restantDu(page)).toBe(due);
    } finally {
      await close();
    }
  });

  it('passes axe on the history, the direct debits and the invoice payment’s result', async () => {
    const { page, close } = await parent();
    try {
      await page.goto(`${baseUrl()}${BILLING}/historique`);
      await page.getByRole('heading', { level: 1, name: b.history.title }).waitFor();
      await expectNoAxeViolations(page);
      await page.goto(`${baseUrl()}${BILLING}/prelevements`);
      await page.getByRole('heading', { level: 1, name: b.debits.title }).waitFor();
      expect(await page.getByRole('main').textContent()).toContain(b.debits.noMandate);
      await expectNoAxeViolations(page);
      await page.goto(`${baseUrl()}${BILLING}`);
      await expectNoAxeViolations(page);
      expect(resultPath).toMatch(/^\/portail\/paiement\//);
      await page.goto(`${baseUrl()}${resultPath}`);
      await page.getByRole('heading', { level: 1, name: pay.result.titles.paid }).waitFor();
      await expectNoAxeViolations(page);
    } finally {
      await close();
    }
  });

  it('fits a 360 px phone without horizontal scrolling', async () => {
    const { page, close } = await parent({ mobile: true });
    try {
      for (const url of [BILLING, `${BILLING}/historique`, `${BILLING}/prelevements`]) {
        await page.goto(`${baseUrl()}${url}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(360);
      }
    } finally {
      await close();
    }
  });
});

describe('Facturation › Mes prélèvements', () => {
  it('shows the SEPA mandate with its IBAN masked, then how to set one up once it is revoked', async () => {
    const familyId = martinFamilyId();
    const iban = 'FR7630001007941234567890185';
    await withServices(`
      const result = await services.invoicing.createMandate({ familyId: ${JSON.stringify(familyId)}, holderName: 'Julie Martin', iban: '${iban}', bic: '', signedOn: ${JSON.stringify(today)}, actor });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));`);
    const mandate = readDb(
      (db) =>
        db.prepare("SELECT id, rum FROM sepa_mandates WHERE family_id = ? AND status = 'active'").get(familyId) as {
          id: string;
          rum: string;
        },
    );
    const { page, close } = await parent();
    try {
      await page.goto(`${baseUrl()}${BILLING}/prelevements`);
      const section = page.getByRole('region', { name: b.debits.mandateTitle });
      const text = (await section.textContent()) ?? '';
      expect(text).toContain('Julie Martin');
      expect(text).toContain('FR76 •••• •••• •••• •••• •••• 185');
      expect(text).toContain(mandate.rum);
      expect(text).toContain(today.split('-').reverse().join('/'));
      expect(text).not.toContain(b.debits.noMandate);
      // The full IBAN never reaches the browser.
      expect(await page.content()).not.toContain(iban.slice(4, 20));
      await expectNoAxeViolations(page);

      await withServices(`
        if (!(await services.invoicing.revokeMandate({ familyId: ${JSON.stringify(familyId)}, mandateId: ${JSON.stringify(mandate.id)}, actor }))) throw new Error('not revoked');`);
      await page.reload();
      const after = (await page.getByRole('region', { name: b.debits.mandateTitle }).textContent()) ?? '';
      expect(after).toContain(b.debits.noMandate);
      expect(after).toContain(b.debits.revoked(today.split('-').reverse().join('/')));
    } finally {
      await close();
    }
  });
});
