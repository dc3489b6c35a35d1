/**
 * The régie and the treasury end to end, in Chromium as `regisseur` on the demo commune: a family (never the Martins,
 * whose invoices payment.test.ts pays online) gets a SEPA mandate (a wrong IBAN refused first), its invoices are
 * issued with the CLI (« déjà émises » tolerated), a cheque larger than what is due is recorded without JavaScript
 * (the credit stated), seen in the docket and its CSV, then cancelled with a reason; the creditor settings are saved,
 * a batch is made and its pain.008 validates against the XSD; a pain.002 naming an unknown transaction is refused
 * and changes nothing, one rejecting the batch's debit reopens the invoice; titres à émettre as CSV and JSON.
 * axe on every page; the payment form on a 360 px phone.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { frPlanning } from '../../app/i18n/fr-planning';
import { frRegie } from '../../app/i18n/fr-regie';
import { readCsv } from '../../core/backoffice/csv';
import { addDays, type PlainDate } from '../../core/calendar/plain-date';
import { parisToday } from '../../core/calendar/paris-time';
import { expectNoAxeViolations, launchBrowser, loginAs } from '../harness/browser';
import { ACCOUNTS, baseUrl, loginHttp, openPage, request, unique } from './helpers';

const IP = '127.0.0.31';
const root = path.resolve(import.meta.dirname, '..', '..');
const XSD = fs.readFileSync(path.join(root, 'adapters', 'sepa', 'xsd', 'pain.008.001.02.xsd'), 'utf8');
const r = frRegie;
const money = frPlanning.money;
const today = parisToday(new Date());
const currentMonth = today.slice(0, 7);
const previousMonth = addDays(`${currentMonth}-01` as PlainDate, -1).slice(0, 7);
const GOOD_IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const CREDITOR = {
  name: 'Régie enfance de Saint-Exemple',
  creditorId: 'FR72ZZZ123456',
  iban: 'FR7630001007941234567890185',
  bic: 'BDFEFRPPCCT',
};

let browser: Browser;
let cookie: string;
let family: { id: string; name: string; fileNumber: string };

function db() {
  return new Database(path.join(inject('e2eDataDir'), 'tartine.sqlite'), { readonly: true, fileMustExist: true });
}

function read<T>(sql: string, ...params: unknown[]): T[] {
  const handle = db();
  try {
    return handle.prepare(sql).all(...params) as T[];
  } finally {
    handle.close();
  }
}

/** A family billed on both months (so the CLI gives it invoices), without a mandate, and not the Martins. */
function pickFamily() {
  const billed = `exists (select 1 from bookings b join children c on c.id = b.child_id join activities a on a.id = b.activity_id
    where c.family_id = f.id and b.status = 'reserved' and a.billing_mode = 'invoice' and b.day between ? and ?)`;
  const [row] = read<{ id: string; name: string; file_number: string }>(
    `select f.id, f.name, f.file_number from families f
     where f.id not in (select family_id from users where username = 'famille.martin' and family_id is not null)
       and not exists (select 1 from sepa_mandates m where m.family_id = f.id)
       and not exists (select 1 from regie_payments p where p.family_id = f.id)
       and ${billed} and ${billed}
     order by f.file_number limit 1`,
    `${previousMonth}-01`,
    `${previousMonth}-31`,
    `${currentMonth}-01`,
    today,
  );
  if (!row) throw new Error('No demo family billed on both months');
  return { id: row.id, name: row.name, fileNumber: row.file_number };
}

/** Issues a month with the CLI against the e2e server's data; a month already issued is fine. */
async function issueMonth(month: string, dueDate: PlainDate) {
  const env = { ...process.env, TARTINE_DATA_DIR: inject('e2eDataDir'), TARTINE_DEMO: '0', DATABASE_URL: '' };
  try {
    await promisify(execFile)('npx', ['tsx', 'cli/tartine.ts', 'invoices:run', '--month', month, '--due-date', dueDate], {
      cwd: root,
      env,
      timeout: 120_000,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '');
    if (!stderr.includes('déjà émises')) throw error;
  }
}

const openInvoices = () =>
  read<{ id: string; reference: string; open_cents: number; debit_date: string | null }>(
    `select id, reference, total_cents - paid_cents - credited_cents as open_cents, debit_date from invoices
     where family_id = ? and status = 'open' order by reference`,
    family.id,
  );

async function regisseur(options: { javaScript?: boolean; mobile?: boolean } = {}) {
  const { context, page } = await openPage(browser, options);
  await loginAs(page, baseUrl(), ACCOUNTS.regisseur.username, ACCOUNTS.regisseur.password);
  await page.waitForURL(`${baseUrl()}/admin`);
  return { page, close: () => context.close() };
}

const familyPath = () => `/admin/regie/familles/${family.id}`;
const mainText = (page: Page) => page.locator('main').innerText();

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'batch.xml', contents: xml },
    schema: { fileName: 'pain.008.001.02.xsd', contents: XSD },
    maxMemoryPages: 16_384,
  });
  return result.valid ? [] : result.errors.map((e) => e.message);
}

function pain002(originalMessageId: string, endToEndId: string, code: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">
  <CstmrPmtStsRpt>
    <GrpHdr><MsgId>PSR-${unique()}</MsgId><CreDtTm>${new Date().toISOString().slice(0, 19)}</CreDtTm></GrpHdr>
    <OrgnlGrpInfAndSts><OrgnlMsgId>${originalMessageId}</OrgnlMsgId><OrgnlMsgNmId>pain.008.001.02</OrgnlMsgNmId><GrpSts>PART</GrpSts></OrgnlGrpInfAndSts>
    <OrgnlPmtInfAndSts>
      <OrgnlPmtInfId>${originalMessageId}.FRST</OrgnlPmtInfId>
      <TxInfAndSts><OrgnlEndToEndId>${endToEndId}</OrgnlEndToEndId><TxSts>RJCT</TxSts><StsRsnInf><Rsn><Cd>${code}</Cd></Rsn></StsRsnInf></TxInfAndSts>
    </OrgnlPmtInfAndSts>
  </CstmrPmtStsRpt>
</Document>
`;
}

beforeAll(async () => {
  browser = await launchBrowser();
  cookie = await loginHttp('regisseur', IP);
  family = pickFamily();
});

afterAll(async () => {
  await browser?.close();
});

describe('the régie desk', () => {
  it('records a mandate (a wrong IBAN refused), then a cheque above what is due without JavaScript, and cancels it', async () => {
    // Search and the family's page on a 360 px phone, with axe.
    const phone = await regisseur({ mobile: true });
    try {
      const page = phone.page;
      await page.goto(`${baseUrl()}/admin/regie`);
      await expectNoAxeViolations(page);
      await page.getByLabel(r.search.query).fill(family.fileNumber);
      await page.getByRole('button', { name: r.search.submit }).click();
      await page.getByRole('link', { name: family.name, exact: true }).click();
      await page.waitForURL(`${baseUrl()}${familyPath()}`);
      await expectNoAxeViolations(page);
      const form = page.locator('form', { has: page.getByRole('button', { name: r.family.submit }) });
      const box = await form.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      // The mandate: a wrong checksum is refused in French, nothing recorded; then the right IBAN.
      await page.getByLabel(r.family.mandateFields.iban).fill('FR76 3000 6000 0112 3456 7890 188');
      await page.getByRole('button', { name: r.family.saveMandate }).click();
      await page.locator('#iban-error').waitFor();
      expect(await page.locator('#iban-error').innerText()).toBe('L’IBAN est invalide (clé de contrôle incorrecte).');
      expect(read('select id from sepa_mandates where family_id = ?', family.id)).toEqual([]);
      await expectNoAxeViolations(page);
      await page.getByLabel(r.family.mandateFields.iban).fill(GOOD_IBAN);
      await page.getByRole('button', { name: r.family.saveMandate }).click();
      await page.getByText(/Mandat enregistré : RUM /).waitFor();
      expect(await mainText(page)).toContain('FR76 •••• •••• •••• •••• •••• 189');
    } finally {
      await phone.close();
    }

    // Invoices issued after the mandate carry its debit date (a batch below collects them).
    const dueDate = addDays(today, 2);
    await issueMonth(previousMonth, dueDate);
    await issueMonth(currentMonth, dueDate);
    const open = openInvoices();
    expect(open.length).toBeGreaterThan(0);
    const owedCents = open.reduce((sum, i) => sum + i.open_cents, 0);
    const amountCents = owedCents + 1_234;
    const amount = `${Math.floor(amountCents / 100)},${String(amountCents % 100).padStart(2, '0')}`;

    // Without JavaScript: refused without a cheque number (nothing recorded), then recorded with its credit stated.
    const plain = await regisseur({ javaScript: false });
    let receipt: string;
    try {
      const page = plain.page;
      await page.goto(`${baseUrl()}${familyPath()}`);
      await page.getByLabel(r.family.fields.method).selectOption('cheque');
      await page.getByLabel(r.family.fields.amount).fill(amount);
      await page.getByRole('button', { name: r.family.submit }).click();
      await page.locator('#reference-error').waitFor();
      expect(await page.locator('#reference-error').innerText()).toBe('Indiquez le numéro du chèque.');
      expect(read('select id from regie_payments where family_id = ?', family.id)).toEqual([]);
      await page.getByLabel(r.family.fields.reference).fill('CHQ 0042117');
      await page.getByRole('button', { name: r.family.submit }).click();
      await page.locator('#recu').waitFor();
      const notice = await page.locator('#recu').innerText();
      receipt = /reçu n° (Q\d{4}-\d{6})/.exec(notice)?.[1] ?? '';
      expect(receipt).not.toBe('');
      expect(notice).toContain(r.family.surplus(money(1_234)));
      for (const invoice of open) expect(notice).toContain(invoice.reference);
      expect(openInvoices()).toEqual([]);
      // A reload shows the receipt again and records nothing more.
      await page.reload();
      expect(read('select id from regie_payments where family_id = ?', family.id)).toHaveLength(1);
    } finally {
      await plain.close();
    }

    // The docket: the payment with its receipt number, in the totals and in the CSV.
    const desk = await regisseur();
    try {
      const page = desk.page;
      await page.goto(`${baseUrl()}/admin/regie/bordereau?mois=${currentMonth}`);
      await expectNoAxeViolations(page);
      const recorded = page.getByRole('table', { name: r.docket.paymentsCaption });
      expect(await recorded.innerText()).toContain(receipt);
      const csv = await request(`/admin/regie/bordereau/csv?mois=${currentMonth}`, { cookie, localAddress: IP });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-disposition']).toContain(`attachment; filename="bordereau-regie-${currentMonth}.csv"`);
      const parsed = readCsv(csv.text);
      if (!parsed.ok) throw new Error('unreadable CSV');
      expect(parsed.header.fields).toEqual(r.docket.csvHeader);
      const row = parsed.records.find((rec) => rec.fields[0] === receipt);
      expect(row?.fields.slice(4, 10)).toEqual(['Chèque', 'CHQ 0042117', row?.fields[6], String(amountCents / 100), '12.34', 'enregistré']);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.main-nav').isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });

      // Cancel: a reason is required; then the invoices are to pay again and the docket shows it apart.
      await page.goto(`${baseUrl()}${familyPath()}`);
      await page.getByRole('button', { name: `${r.family.cancel}${r.family.cancelNamed(receipt)}` }).click();
      await page
        .locator(`[id="reason-${read<{ id: string }>('select id from regie_payments where receipt_number = ?', receipt)[0].id}-error"]`)
        .waitFor();
      expect(read<{ status: string }>('select status from regie_payments where receipt_number = ?', receipt)[0].status).toBe('recorded');
      await page.getByLabel(r.family.cancelReason(receipt)).fill('Chèque sans provision');
      await page.getByRole('button', { name: `${r.family.cancel}${r.family.cancelNamed(receipt)}` }).click();
      await page.getByText(r.family.cancelled(receipt)).waitFor();
      expect(openInvoices().map((i) => i.reference)).toEqual(open.map((i) => i.reference));
      await page.goto(`${baseUrl()}/admin/regie/bordereau?mois=${currentMonth}`);
      expect(await page.getByRole('table', { name: r.docket.cancelledCaption }).innerText()).toContain('Chèque sans provision');
    } finally {
      await desk.close();
    }
  });
});

describe('SEPA direct debits', () => {
  it('saves the creditor, makes a batch that validates, refuses an unknown reject, applies a real one', async () => {
    const { page, close } = await regisseur();
    try {
      await page.goto(`${baseUrl()}/admin/sepa`);
      await expectNoAxeViolations(page);
      await page.getByLabel(r.sepa.fields.name).fill(CREDITOR.name);
      await page.getByLabel(r.sepa.fields.creditorId).fill('FR73ZZZ123456');
      await page.getByLabel(r.sepa.fields.iban).fill(CREDITOR.iban);
      await page.getByLabel(r.sepa.fields.bic).fill(CREDITOR.bic);
      await page.getByRole('button', { name: r.sepa.saveCreditor }).click();
      await page.locator('#creditorId-error').waitFor();
      expect(await page.locator('#creditorId-error').innerText()).toContain('clé de contrôle incorrecte');
      await page.getByLabel(r.sepa.fields.creditorId).fill(CREDITOR.creditorId);
      await page.getByRole('button', { name: r.sepa.saveCreditor }).click();
      await page.getByText(r.sepa.creditorSaved).waitFor();

      // A date too far is refused in French; a few days ahead makes the batch.
      await page.getByLabel(r.sepa.collectionDate).fill(addDays(today, 90));
      await page.getByRole('button', { name: r.sepa.createBatch }).click();
      await page.locator('#collectionDate-error').waitFor();
      expect(await page.locator('#collectionDate-error').innerText()).toBe(
        'La date d’échéance du prélèvement doit être entre demain et dans 60 jours.',
      );
      // The batch's date is the first debit date announced to the family (never earlier: pre-notification).
      const [{ day: debitDay }] = read<{ day: string }>(
        `select min(debit_date) as day from invoices where family_id = ? and status = 'open' and debit_date is not null`,
        family.id,
      );
      await page.getByLabel(r.sepa.collectionDate).fill(debitDay);
      await page.getByRole('button', { name: r.sepa.createBatch }).click();
      await page.waitForURL(/\/admin\/sepa\/lots\/[0-9a-f-]+\?cree=1/);
      await expectNoAxeViolations(page);
      const batchPath = new URL(page.url()).pathname;
      const [ours] = read<{ end_to_end_id: string; reference: string }>(
        `select d.end_to_end_id, i.reference from sepa_debits d join invoices i on i.id = d.invoice_id where d.family_id = ? and d.batch_id = ?`,
        family.id,
        batchPath.split('/').pop(),
      );
      const { reference, end_to_end_id: ourDebit } = ours;
      expect(await page.getByRole('table', { name: r.batch.debitsCaption }).innerText()).toContain(ourDebit);
      expect(openInvoices().map((i) => i.reference)).not.toContain(reference);

      const xmlFile = await request(`${batchPath}/xml`, { cookie, localAddress: IP });
      expect(xmlFile.status).toBe(200);
      expect(xmlFile.headers['content-type']).toBe('application/xml');
      expect(xmlFile.headers['content-disposition']).toMatch(/^attachment; filename="TRT\d{4}B\d{6}\.xml"/);
      expect(await schemaErrors(xmlFile.text)).toEqual([]);
      const messageId = /<MsgId>([^<]+)<\/MsgId>/.exec(xmlFile.text)?.[1] ?? '';
      expect(xmlFile.text).toContain(`<EndToEndId>${ourDebit}</EndToEndId>`);

      // A reject by hand needs its reason code: refused in French, nothing changed.
      await page.getByLabel(r.batch.debit).selectOption(ourDebit);
      await page.getByRole('button', { name: r.batch.rejectSubmit }).click();
      await page.locator('#reasonCode-error').waitFor();
      expect(await page.locator('#reasonCode-error').innerText()).toBe(r.batch.chooseReason);
      expect(read<{ status: string }>('select status from sepa_debits where end_to_end_id = ?', ourDebit)[0].status).toBe('submitted');

      // An unknown transaction: the whole report is refused, nothing changes.
      await page.goto(`${baseUrl()}/admin/sepa`);
      await page.getByLabel(r.sepa.file).setInputFiles({
        name: 'rejets.xml',
        mimeType: 'application/xml',
        buffer: Buffer.from(pain002(messageId, 'INCONNU-0001', 'AM04')),
      });
      await page.getByRole('button', { name: r.sepa.importSubmit }).click();
      await page.locator('#file-error').waitFor();
      expect(await page.locator('#file-error').innerText()).toContain('Transactions inconnues : INCONNU-0001');
      expect(read<{ status: string }>('select status from sepa_debits where end_to_end_id = ?', ourDebit)[0].status).toBe('submitted');
      // Not XML: refused before reading.
      await page.getByLabel(r.sepa.file).setInputFiles({ name: 'rejets.txt', mimeType: 'text/plain', buffer: Buffer.from('bonjour') });
      await page.getByRole('button', { name: r.sepa.importSubmit }).click();
      await page.getByText(r.sepa.fileNotXml).first().waitFor();

      // The bank rejects our debit: the invoice is to pay again.
      await page
        .getByLabel(r.sepa.file)
        .setInputFiles({ name: 'rejets.xml', mimeType: 'application/xml', buffer: Buffer.from(pain002(messageId, ourDebit, 'AM04')) });
      await page.getByRole('button', { name: r.sepa.importSubmit }).click();
      await page.getByText(/1 prélèvement rejeté/).waitFor();
      expect(openInvoices().map((i) => i.reference)).toContain(reference);
      await page.goto(`${baseUrl()}${batchPath}`);
      expect(await page.getByRole('row').filter({ hasText: ourDebit }).innerText()).toContain('Rejeté : Provision insuffisante');
      await page.goto(`${baseUrl()}${familyPath()}`);
      expect(await page.getByRole('table', { name: r.family.openInvoices }).innerText()).toContain(reference);
    } finally {
      await close();
    }
  });
});

describe('treasury', () => {
  it('lists the titres à émettre with CSV and JSON files, and the reconciliation view', async () => {
    const { page, close } = await regisseur();
    try {
      await page.goto(`${baseUrl()}/admin/titres`);
      await expectNoAxeViolations(page);
      const rows = await page.locator('main table tbody tr').count();
      const csv = await request('/admin/titres/titres.csv', { cookie, localAddress: IP });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="titres-a-emettre-\d{4}-\d{2}-\d{2}\.csv"/);
      const parsed = readCsv(csv.text);
      if (!parsed.ok) throw new Error('unreadable CSV');
      expect(parsed.header.fields).toEqual(r.titles.csvHeader);
      expect(parsed.records).toHaveLength(rows);
      const json = await request('/admin/titres/titres.json', { cookie, localAddress: IP });
      expect(json.status).toBe(200);
      expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = JSON.parse(json.text) as { currency: string; titles: { reference: string; amountCents: number }[] };
      expect(body.currency).toBe('EUR');
      expect(body.titles.map((t) => t.reference)).toEqual(parsed.records.map((rec) => rec.fields[0]));
      for (const title of body.titles) expect(title.amountCents).toBeGreaterThanOrEqual(1_500);
      expect((await request('/admin/titres/autre.csv', { cookie, localAddress: IP })).status).toBe(404);

      await page.goto(`${baseUrl()}/admin/rapprochement`);
      await expectNoAxeViolations(page);
      const [{ count }] = read<{ count: number }>('select count(*) as count from payment_anomalies where resolved_at is null');
      expect(await mainText(page)).toContain(r.reconciliation.anomalies(count));
      await page.getByRole('link', { name: r.reconciliation.anomaliesLink }).click();
      await page.waitForURL(`${baseUrl()}/admin/paiements/anomalies`);
    } finally {
      await close();
    }
  });
});
