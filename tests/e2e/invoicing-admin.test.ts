/**
 * The invoicing back office end to end, in Chromium on the demo commune: an agent simulates the current month (the
 * report shows its totals), issues it and follows the progress page to the end (or, when another e2e file already
 * issued the month through the CLI, gets « déjà émises » and goes on); a second issue and a month to come are
 * refused with nothing changed; the agent finds famille Martin's invoice, downloads its PDF, issues a partial credit
 * note (a bad amount refused first) and reads the family's billing section and ledger; the régisseur downloads the
 * invoices and payments exports (CSV and XLSX) but not the families'; the dashboard draws revenue invoiced vs paid.
 * The simulate and issue forms again without JavaScript; axe on every new page.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../core/backoffice/csv';
import { parisToday } from '../../core/calendar/paris-time';
import { RUN_ERRORS_FR } from '../../core/invoicing/messages-fr';
import { monthLabel, monthOf, type Month } from '../../core/invoicing/month';
import { expectNoAxeViolations, launchBrowser, loginAs } from '../harness/browser';
import { pdfPlainText } from '../harness/pdf-text';
import { ACCOUNTS, baseUrl, openPage, type AccountRole } from './helpers';

const MONTH = monthOf(parisToday(new Date()));
const NEXT_MONTH = (() => {
  const [y, m] = MONTH.split('-').map(Number);
  return (m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`) as Month;
})();

const PREVIOUS_MONTH = (() => {
  const [y, m] = MONTH.split('-').map(Number);
  return (m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`) as Month;
})();

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function signedIn(role: AccountRole, options: { javaScript?: boolean; mobile?: boolean } = {}) {
  const { context, page } = await openPage(browser, options);
  await loginAs(page, baseUrl(), ACCOUNTS[role].username, ACCOUNTS[role].password);
  await page.waitForURL(`${baseUrl()}/admin`);
  await page.getByRole('heading', { level: 1, name: /^Bonjour / }).waitFor();
  return { context, page, close: () => context.close() };
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
}

const errorSummary = (page: Page) => page.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' });
/** Waits for this refusal in the error summary (a summary already on the page from the previous answer does not count). */
const refused = (page: Page, message: string) => errorSummary(page).filter({ hasText: message }).waitFor();

/** The « Factures émises » of the month's row in the runs table. */
async function issuedInHistory(page: Page, month: Month): Promise<string> {
  const row = page
    .getByRole('table', { name: 'Facturations des derniers mois' })
    .getByRole('row')
    .filter({ hasText: monthLabel(month) });
  return (await row.getByRole('cell').nth(2).textContent())!.trim();
}

async function simulate(page: Page, month: string) {
  await page.getByRole('textbox', { name: 'Mois à facturer' }).fill(month);
  await page.getByRole('button', { name: 'Simuler' }).click();
  await page.waitForURL((url) => url.searchParams.get('mois') === month);
}

/** The issue form's POST, as a browser without the page's form would send it (same origin, the session's cookie). */
function issueByHand(page: Page, form: Record<string, string>) {
  return page.request.post(`${baseUrl()}/admin/facturation`, { form, headers: { Origin: baseUrl() }, maxRedirects: 0 });
}

/** Waits (the page refreshes itself) until the month's run is done. */
async function waitForRunEnd(page: Page, month: Month) {
  if (!page.url().endsWith(`/admin/facturation/${month}`)) await page.goto(`${baseUrl()}/admin/facturation/${month}`);
  await page.getByText(/^Facturation terminée le /).waitFor({ timeout: 90_000 });
}

describe('monthly invoicing by an agent', () => {
  it('simulates the current month, issues it and follows its progress to the end; a second issue and a month to come are refused', async () => {
    const { page, close } = await signedIn('agent');
    try {
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Facturation mensuelle' }).click();
      await page.waitForURL(`${baseUrl()}/admin/facturation`);
      await page.getByRole('heading', { level: 1, name: 'Facturation mensuelle' }).waitFor();
      await expectNoAxeViolations(page);
      expect(await page.getByRole('textbox', { name: 'Mois à facturer' }).inputValue()).toBe(MONTH);

      await page.getByRole('button', { name: 'Simuler' }).click();
      const heading = page.getByRole('heading', { level: 2, name: `Simulation : ${monthLabel(MONTH)}` });
      await heading.or(errorSummary(page)).waitFor();
      if ((await heading.count()) === 0) {
        // Another e2e file (the CLI) issued this month first: the simulation says so; the run's page follows.
        expect(await errorSummary(page).textContent()).toContain(RUN_ERRORS_FR.already_issued);
      } else {
        const report = page.getByRole('region', { name: `Simulation : ${monthLabel(MONTH)}` });
        expect(await report.textContent()).toMatch(/Total à facturer\d[\d\s]*,\d{2}\s€/);
        const toIssue = Number(await report.getByRole('definition').nth(1).textContent());
        const alreadyInvoiced = Number(await report.getByRole('definition').nth(2).textContent());
        // A run of another e2e file may be under way: then part of the month is already invoiced.
        if (toIssue > 0) {
          const totals = report.getByRole('table', { name: `Totaux par site et activité, ${monthLabel(MONTH)}` });
          expect(await totals.getByRole('row').count()).toBeGreaterThan(1);
        } else {
          expect(alreadyInvoiced).toBeGreaterThan(0);
        }
        await expectNoAxeViolations(page);

        await page.getByRole('button', { name: 'Émettre les factures' }).click();
        const progress = page.getByRole('status').filter({ hasText: /^\d+ \/ \d+ familles, \d+ factures? émises?$/ });
        await progress.or(errorSummary(page)).waitFor();
        if (new URL(page.url()).pathname === `/admin/facturation/${MONTH}`) {
          await expectNoAxeViolations(page);
        } else {
          // That other run ended or holds the month: the refusal, then the run's page.
          const text = (await errorSummary(page).textContent())!;
          expect(
            [RUN_ERRORS_FR.already_issued, RUN_ERRORS_FR.run_in_progress].some((m) => text.includes(m)),
            text,
          ).toBe(true);
        }
      }
      await waitForRunEnd(page, MONTH);
      const status = (await page.getByRole('status').textContent())!;
      const [, done, total, issued] = /^(\d+) \/ (\d+) familles, (\d+) factures? émises?$/.exec(status)!;
      expect(done).toBe(total);
      expect(Number(issued)).toBeGreaterThan(0);
      expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
      await expectNoAxeViolations(page);

      // Issuing the month again: the simulation says so, a hand-made issue request is refused, nothing changed.
      await page.goto(`${baseUrl()}/admin/facturation`);
      const before = await issuedInHistory(page, MONTH);
      expect(before).toBe(issued);
      await simulate(page, MONTH);
      await refused(page, RUN_ERRORS_FR.already_issued);
      expect(await page.title()).toMatch(/^Erreur : /);
      const again = await issueByHand(page, { month: MONTH });
      expect(again.status()).toBe(400);
      expect(await again.text()).toContain(RUN_ERRORS_FR.already_issued);
      // A bad due date is checked first.
      const badDue = await issueByHand(page, { month: MONTH, dueDate: '2020-01-01' });
      expect(badDue.status()).toBe(400);
      expect(await badDue.text()).toContain(RUN_ERRORS_FR.invalid_due_date);
      await page.reload();
      expect(await issuedInHistory(page, MONTH)).toBe(before);

      // A month to come: the simulation is refused, and so is a hand-made issue request.
      await simulate(page, NEXT_MONTH);
      await refused(page, RUN_ERRORS_FR.future_month);
      const future = await issueByHand(page, { month: NEXT_MONTH });
      expect(future.status()).toBe(400);
      expect(await future.text()).toContain(RUN_ERRORS_FR.future_month);
      await page.goto(`${baseUrl()}/admin/facturation`);
      expect(
        await page
          .getByRole('row')
          .filter({ hasText: monthLabel(NEXT_MONTH) })
          .count(),
      ).toBe(0);
    } finally {
      await close();
    }
  }, 180_000);

  it('runs the simulate and issue forms without JavaScript', async () => {
    const { page, close } = await signedIn('agent', { javaScript: false });
    try {
      await page.goto(`${baseUrl()}/admin/facturation`);
      await simulate(page, 'novembre');
      await refused(page, RUN_ERRORS_FR.invalid_month);
      await simulate(page, MONTH);
      await refused(page, RUN_ERRORS_FR.already_issued);

      // The previous month: issued here (a bad due date refused first), unless the demo seed or another e2e file did.
      await simulate(page, PREVIOUS_MONTH);
      const report = page.getByRole('heading', { level: 2, name: `Simulation : ${monthLabel(PREVIOUS_MONTH)}` });
      await report.or(errorSummary(page)).waitFor();
      if ((await report.count()) === 0) {
        expect(await errorSummary(page).textContent()).toContain(RUN_ERRORS_FR.already_issued);
      } else {
        await page.getByLabel('Date d’échéance (facultatif)').fill('2020-01-01');
        await page.getByRole('button', { name: 'Émettre les factures' }).click();
        await refused(page, RUN_ERRORS_FR.invalid_due_date);
        expect(await page.getByLabel('Date d’échéance (facultatif)').getAttribute('aria-invalid')).toBe('true');
        expect(
          await page
            .getByRole('row')
            .filter({ hasText: monthLabel(PREVIOUS_MONTH) })
            .count(),
        ).toBe(0);
        await page.getByLabel('Date d’échéance (facultatif)').fill('');
        await page.getByRole('button', { name: 'Émettre les factures' }).click();
        await page.waitForURL(`${baseUrl()}/admin/facturation/${PREVIOUS_MONTH}`);
      }
      await waitForRunEnd(page, PREVIOUS_MONTH);
      await page.getByRole('link', { name: 'Retour à la facturation' }).click();
      await page.getByRole('link', { name: `Suivre : ${monthLabel(MONTH)}` }).click();
      await page.getByText(/^Facturation terminée le /).waitFor();
    } finally {
      await close();
    }
  }, 180_000);
});

describe('invoices, credit notes and the family’s account', () => {
  it('finds famille Martin’s invoice, downloads its PDF, issues a partial credit note after refusing a bad amount', async () => {
    const { page, close } = await signedIn('agent');
    try {
      await page.goto(`${baseUrl()}/admin/facturation/${MONTH}`);
      await page.getByText(/^Facturation terminée le /).waitFor({ timeout: 90_000 });
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Factures', exact: true }).click();
      await page.waitForURL(`${baseUrl()}/admin/factures`);
      await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor();
      await expectNoAxeViolations(page);
      await page.getByLabel('Numéro, famille ou n° de dossier').fill('Martin');
      await page.getByLabel('Mois (AAAA-MM)').fill(MONTH);
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === 'Martin');
      await page.getByRole('table').waitFor();
      const rows = page.getByRole('table').getByRole('row').filter({ hasText: 'Martin' });
      expect(await rows.count()).toBeGreaterThan(0);
      const link = rows.first().getByRole('link', { name: /^F\d{4}-\d+$/ });
      const reference = (await link.textContent())!;
      await link.click();
      await page.getByRole('heading', { level: 1, name: `Facture ${reference}` }).waitFor();
      expect(await page.getByRole('table', { name: 'Lignes de la facture' }).getByRole('row').count()).toBeGreaterThan(1);
      await expectNoAxeViolations(page);

      const pdf = await downloaded(page, () => page.getByRole('link', { name: 'Télécharger la facture (PDF)' }).click());
      expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
      expect(pdf.name).toBe(`facture-${reference}.pdf`);
      expect(pdfPlainText(pdf.bytes)).toContain(reference);

      const notes = page.getByRole('table', { name: 'Avoirs émis sur cette facture' }).getByRole('row');
      const notesBefore = await notes.count();
      const openBefore = await page.getByRole('definition').filter({ hasText: /€$/ }).allTextContents();
      await page.getByLabel('Montant de l’avoir (€)').fill('0');
      await page.getByLabel('Motif').fill('Repas non servi (grève)');
      await page.getByRole('button', { name: 'Émettre l’avoir' }).click();
      await refused(page, 'Le montant de l’avoir doit être supérieur à 0');
      expect(await page.getByLabel('Montant de l’avoir (€)').getAttribute('aria-invalid')).toBe('true');
      expect(await notes.count()).toBe(notesBefore);
      expect(await page.getByRole('definition').filter({ hasText: /€$/ }).allTextContents()).toEqual(openBefore);
      await expectNoAxeViolations(page);

      await page.getByLabel('Montant de l’avoir (€)').fill('1,50');
      await page.getByLabel('Motif').fill('Repas non servi (grève)');
      await page.getByRole('button', { name: 'Émettre l’avoir' }).click();
      const notice = page.getByText(/^Avoir A\d{4}-\d+ émis\.$/);
      await notice.waitFor();
      const noteReference = /^Avoir (\S+) émis\.$/.exec((await notice.textContent())!)![1];
      const noteRow = page
        .getByRole('table', { name: 'Avoirs émis sur cette facture' })
        .getByRole('row')
        .filter({ hasText: noteReference });
      expect(await noteRow.textContent()).toContain('1,50\u00a0€');
      expect(await noteRow.textContent()).toContain('Repas non servi (grève)');
      const notePdf = await downloaded(page, () =>
        noteRow.getByRole('link', { name: `Télécharger l’avoir ${noteReference} (PDF)` }).click(),
      );
      expect(notePdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
      expect(pdfPlainText(notePdf.bytes)).toContain(noteReference);

      // The family's file: billing summary, the invoice among the open ones, the full ledger.
      await page
        .getByRole('link', { name: /^Martin.* \(/ })
        .first()
        .click();
      await page.getByRole('heading', { level: 2, name: 'Facturation' }).waitFor();
      expect(await page.getByRole('term').filter({ hasText: 'Restant dû' }).count()).toBe(1);
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: 'Historique complet du compte' }).click();
      await page.getByRole('heading', { level: 1, name: /^Compte de la famille Martin/ }).waitFor();
      const ledger = page.getByRole('table', { name: 'Historique du compte' });
      expect(await ledger.getByRole('row').filter({ hasText: reference }).count()).toBeGreaterThan(0);
      expect(await ledger.getByRole('row').filter({ hasText: noteReference }).count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page);
    } finally {
      await close();
    }
  }, 180_000);

  it('lets the régisseur read invoices and export invoices and payments (CSV, XLSX), never the families’ health data', async () => {
    const { page, close } = await signedIn('regisseur');
    try {
      const menu = page.getByRole('navigation', { name: 'Menu principal' });
      expect(await menu.getByRole('link', { name: 'Facturation mensuelle' }).count()).toBe(0);
      await menu.getByRole('link', { name: 'Exports' }).click();
      await page.waitForURL(`${baseUrl()}/admin/exports`);
      // With JavaScript the URL changes before the page is rendered: wait for it.
      await page.getByRole('heading', { level: 1, name: 'Exports' }).waitFor();
      expect(await page.getByRole('heading', { level: 2, name: 'Enfants' }).count()).toBe(0);
      expect(await page.getByRole('heading', { level: 2, name: 'Factures' }).count()).toBe(1);
      await expectNoAxeViolations(page);

      const csv = await downloaded(page, () => page.getByRole('button', { name: 'Télécharger Factures en CSV' }).click());
      expect(csv.name).toMatch(/^factures-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      const parsed = readCsv(csv.bytes.toString('utf8'));
      if (!parsed.ok) throw new Error('CSV unreadable');
      expect(parsed.header.fields.slice(0, 3)).toEqual(['N° facture', 'Mois', 'Émise le']);
      expect(parsed.records.some((r) => r.fields[5] === 'Martin' || /Martin/.test(r.fields[6]))).toBe(true);

      const xlsx = await downloaded(page, () => page.getByRole('button', { name: 'Télécharger Factures en Excel (XLSX)' }).click());
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as never);
      const sheet = workbook.getWorksheet('factures')!;
      expect(sheet.getRow(1).getCell(1).value).toBe('N° facture');
      expect(sheet.rowCount).toBeGreaterThan(1);

      const payments = await downloaded(page, () => page.getByRole('button', { name: 'Télécharger Paiements en CSV' }).click());
      const paymentRows = readCsv(payments.bytes.toString('utf8'));
      expect(paymentRows.ok && paymentRows.header.fields).toEqual([
        'Date',
        'Origine',
        'Moyen',
        'Référence',
        'N° dossier',
        'Famille',
        'Montant (€)',
        'État',
      ]);

      const forbidden = await page.request.get(`${baseUrl()}/admin/exports/enfants.csv`, { maxRedirects: 0 });
      expect(forbidden.status()).toBe(403);

      await page.goto(`${baseUrl()}/admin/factures?statut=open`);
      expect(await page.getByRole('table').getByRole('row').count()).toBeGreaterThan(1);
      await page.getByRole('table').getByRole('link').first().click();
      await page.getByRole('heading', { level: 1, name: /^Facture / }).waitFor();
      // Reading, not crediting: that is for the invoicing staff.
      expect(await page.getByRole('button', { name: 'Émettre l’avoir' }).count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('fits a 360 px phone: no page scrolls sideways (wide tables scroll in their own box)', async () => {
    const { page, close } = await signedIn('agent', { mobile: true });
    try {
      await page.goto(`${baseUrl()}/admin/factures?mois=${MONTH}`);
      const invoice = (await page.getByRole('table').getByRole('link').first().getAttribute('href'))!;
      for (const path of [
        `/admin/facturation?mois=${NEXT_MONTH}`,
        `/admin/facturation/${MONTH}`,
        `/admin/factures?mois=${MONTH}`,
        invoice,
      ]) {
        await page.goto(`${baseUrl()}${path}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
      }
    } finally {
      await close();
    }
  });

  for (const javaScript of [true, false]) {
    it(`draws revenue invoiced vs paid per month with its data table (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const { page, close } = await signedIn('agent', { javaScript });
      try {
        await page.getByRole('heading', { level: 2, name: 'Facturé et encaissé' }).waitFor();
        expect(await page.getByRole('img', { name: 'Facturé et encaissé par mois, en euros' }).count()).toBe(1);
        const table = page.getByRole('table', { name: 'Données : Facturé et encaissé par mois, en euros', includeHidden: true });
        expect(
          await table
            .getByRole('row', { includeHidden: true })
            .filter({ hasText: monthLabel(MONTH) })
            .count(),
        ).toBe(1);
        expect(await page.getByRole('heading', { level: 3, name: 'Impayés de plus de 30 jours' }).count()).toBe(1);
        if (javaScript) await expectNoAxeViolations(page);
      } finally {
        await close();
      }
    });
  }
});
