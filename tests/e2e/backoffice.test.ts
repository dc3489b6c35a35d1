/**
 * The back office end to end, in Chromium on the demo commune: an agent imports tests/fixtures/familles-200.csv
 * (dry run, then import; again without JavaScript: nothing changes), a malformed file is refused with its reasons,
 * the agent creates parent accounts, a parent activates one from the e-mail (and another with the printed letter's
 * code) and signs in; the animateur takes the day's attendance on a 360 px phone, including marks made offline and
 * sent once when the connection returns, and without JavaScript; meal counts and exports download and open (CSV
 * parsed, XLSX opened with exceljs, formulas neutralised); the dashboard renders its charts; axe on every page.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page, Request as PwRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../core/backoffice/csv';
import { parisToday } from '../../core/calendar/paris-time';
import { addDays } from '../../core/calendar/plain-date';
import { expectNoAxeViolations, launchBrowser, loginAs } from '../harness/browser';
import { FIXTURE_PATH } from '../fixtures/generate-familles';
import { ACCOUNTS, baseUrl, mailsSince, minimalPdf, openPage, outboxFiles, unique, type AccountRole } from './helpers';

const CANTEEN = 'Cantine Les Lutins Gourmands';
const PASSWORD = 'Une cantine au soleil 2026';

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
  // With JavaScript the URL changes before the dashboard is rendered: wait for it.
  await page.getByRole('heading', { level: 1, name: /^Bonjour / }).waitFor();
  return { context, page, close: () => context.close() };
}

const statusText = async (page: Page) => (await page.getByRole('status').first().textContent())?.replace(/\s+/g, ' ').trim() ?? '';

async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

describe('families: import, accounts, activation', () => {
  it('imports the 200 families of the questionnaire (dry run, then one transaction), and a second time changes nothing', async () => {
    const { page, close } = await signedIn('agent');
    try {
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Familles', exact: true }).click();
      await page.waitForURL(`${baseUrl()}/admin/familles`);
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: 'Importer des familles (CSV)' }).click();
      await page.waitForURL(`${baseUrl()}/admin/familles/import`);
      await expectNoAxeViolations(page);

      await page.getByLabel('Fichier CSV').setInputFiles(FIXTURE_PATH);
      await page.getByRole('button', { name: 'Analyser le fichier' }).click();
      await page.getByRole('heading', { name: 'Simulation : ce que l’import ferait' }).waitFor();
      expect(await page.getByText('familles-200.csv : 200 lignes, encodage utf-8').count()).toBe(1);
      const summary = await statusText(page);
      expect(summary).toContain('200 nouvelles familles, 0 famille mise à jour, 0 famille identique, 0 ligne en erreur');
      // The mapping proposed from the headers; the report line by line.
      expect(await page.locator('select[name="map.guardian1.email"]').inputValue()).toBe('11');
      expect(await page.locator('select[name="map.familyEmail"]').inputValue()).toBe('5');
      expect(await page.getByRole('table', { name: /Rapport ligne par ligne/ }).getByRole('row').count()).toBe(201);
      await expectNoAxeViolations(page);

      await page.getByRole('button', { name: 'Importer 200 lignes' }).click();
      // The import runs in the background; its page follows it (« n / 200 lignes ») until the result.
      await page.waitForURL(/\/admin\/familles\/import\?suivi=[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: 'Import terminé' }).waitFor();
      expect(await statusText(page)).toContain('200 familles créées, 0 famille mise à jour, 0 famille inchangée.');
      expect(await statusText(page)).toContain('200 / 200 lignes');
      expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
      await expectNoAxeViolations(page);
    } finally {
      await close();
    }

    // Without JavaScript: the same file again is 200 « identique », and importing it changes nothing.
    const plain = await signedIn('agent', { javaScript: false });
    try {
      await plain.page.goto(`${baseUrl()}/admin/familles/import`);
      await plain.page.getByLabel('Fichier CSV').setInputFiles(FIXTURE_PATH);
      await plain.page.getByRole('button', { name: 'Analyser le fichier' }).click();
      await plain.page.getByRole('heading', { name: 'Simulation : ce que l’import ferait' }).waitFor();
      expect(await statusText(plain.page)).toContain('0 nouvelle famille, 0 famille mise à jour, 200 familles identiques, 0 ligne en erreur');
      await plain.page.getByRole('button', { name: 'Importer 200 lignes' }).click();
      // Without JavaScript the progress page refreshes itself (meta refresh) until the result.
      await plain.page.getByRole('heading', { name: 'Import terminé' }).waitFor();
      expect(await statusText(plain.page)).toContain('0 famille créée, 0 famille mise à jour, 200 familles inchangées.');
      expect(await statusText(plain.page)).toContain('200 / 200 lignes');
    } finally {
      await plain.close();
    }
  });

  it('refuses a malformed file with its reasons, imports nothing; then a formula in a name is exported neutralised', async () => {
    const { page, close } = await signedIn('agent');
    const name = `Zformule${unique()}`;
    try {
      await page.goto(`${baseUrl()}/admin/familles/import`);
      // Missing required columns.
      await page.getByLabel('Fichier CSV').setInputFiles({ name: 'incomplet.csv', mimeType: 'text/csv', buffer: Buffer.from('Nom;Ville\nDupont;Lyon\n') });
      await page.getByRole('button', { name: 'Analyser le fichier' }).click();
      await page.getByRole('alert').filter({ hasText: 'Colonnes obligatoires non associées' }).waitFor();
      expect(await page.title()).toMatch(/^Erreur : /);
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: 'Choisir un autre fichier' }).click();

      // Windows-1252, an invalid date, the same child twice: refused, line by line, nothing written.
      const header = 'Nom de famille;Adresse;Code postal;Ville;Responsable 1 prénom;Responsable 1 nom;Enfant 1 prénom;Enfant 1 date de naissance;Enfant 1 classe;Enfant 2 prénom;Enfant 2 date de naissance;Enfant 2 classe';
      const bad = [header, `${name};1 rue Émile-Zola;69999;Saint-Exemple;Anaïs;${name};Zoé;31/02/2019;CE1;;;`, `${name}bis;2 rue Zola;69999;Saint-Exemple;Léo;${name}bis;Noé;01/02/2019;CE1;Noé;01/02/2019;CE1`].join('\r\n');
      await page.getByLabel('Fichier CSV').setInputFiles({ name: 'ancien-excel.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'latin1') });
      await page.getByRole('button', { name: 'Analyser le fichier' }).click();
      await page.getByRole('heading', { name: 'Simulation : ce que l’import ferait' }).waitFor();
      expect(await page.getByText(/encodage windows-1252/).count()).toBe(1);
      const report = page.getByRole('table', { name: /Rapport ligne par ligne/ });
      expect(await report.textContent()).toContain('Enfant 1 – date de naissance : date invalide « 31/02/2019 »');
      expect(await report.textContent()).toContain('cet enfant figure deux fois sur la ligne');
      // Accents read right from Windows-1252 (the mapping lists the file's headers).
      expect(await page.locator('select[name="map.guardian1.firstName"] option:checked').textContent()).toBe('5. Responsable 1 prénom');
      expect(await statusText(page)).toContain('2 lignes en erreur');
      expect(await page.getByRole('button', { name: /^Importer/ }).count()).toBe(0);
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: 'Choisir un autre fichier' }).click();

      // A correct line whose family name is a spreadsheet formula: imported as text…
      const formula = `=SOMME(1;2)+${name}`;
      const good = [header, `"${formula}";3 rue Zola;69999;Saint-Exemple;Léa;${name};Iris;05/06/2018;CE2;;;`].join('\r\n');
      await page.getByLabel('Fichier CSV').setInputFiles({ name: 'formule.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await page.getByRole('button', { name: 'Analyser le fichier' }).click();
      await page.getByRole('button', { name: 'Importer 1 ligne' }).click();
      await page.getByRole('heading', { name: 'Import terminé' }).waitFor();

      // …and neutralised in the exports (CSV and XLSX).
      await page.goto(`${baseUrl()}/admin/exports`);
      await expectNoAxeViolations(page);
      const csv = await downloadText(page, () => page.getByRole('button', { name: 'Télécharger Familles en CSV' }).click());
      expect(csv.name).toBe('familles.csv');
      const parsed = readCsv(csv.bytes.toString('utf8'));
      if (!parsed.ok) throw new Error('CSV unreadable');
      expect(parsed.delimiter).toBe(';');
      expect(parsed.header.fields.slice(0, 3)).toEqual(['N° dossier', 'Nom de famille', 'Adresse']);
      expect(parsed.records.length).toBeGreaterThanOrEqual(241);
      const row = parsed.records.find((r) => r.fields[1].includes(name));
      expect(row?.fields[1]).toBe(`'${formula}`);
      const xlsx = await downloadText(page, () => page.getByRole('button', { name: 'Télécharger Familles en Excel (XLSX)' }).click());
      expect(xlsx.name).toBe('familles.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as never);
      const sheet = workbook.getWorksheet('familles')!;
      const cells: string[] = [];
      sheet.eachRow((r) => cells.push(String(r.getCell(2).value)));
      expect(cells).toContain(`'${formula}`);
      expect(sheet.rowCount).toBe(parsed.records.length + 1);
    } finally {
      await close();
    }
  });

  it('creates accounts for a selection of families; a parent activates from the e-mail and signs in', async () => {
    const { page, close } = await signedIn('agent');
    const before = outboxFiles();
    try {
      await page.goto(`${baseUrl()}/admin/familles?q=exemple-famille&sans-compte=1`);
      await expectNoAxeViolations(page);
      const boxes = page.getByRole('checkbox', { name: /^Sélectionner la famille / });
      const count = await boxes.count();
      expect(count).toBe(50); // the first page of the imported families with an e-mail
      for (let i = 0; i < 10; i++) await boxes.nth(i).check();
      await page.getByRole('button', { name: 'Créer les comptes des familles sélectionnées' }).click();
      const status = page.getByRole('status').filter({ hasText: 'comptes créés' });
      await status.waitFor();
      const created = Number(/(\d+) comptes créés/.exec((await status.textContent()) ?? '')?.[1]);
      expect(created).toBeGreaterThanOrEqual(10);
      expect(await status.textContent()).toContain(`${created} liens d’activation envoyés par e-mail`);
      await expectNoAxeViolations(page);
    } finally {
      await close();
    }

    const mails = mailsSince(before).filter((m) => m.subject === 'Votre compte du portail famille de Saint-Exemple');
    expect(mails.length).toBeGreaterThanOrEqual(10);
    for (const mail of mails) expect(mail.text).not.toMatch(/mot de passe\s*:/i);
    const mail = mails[0];
    const link = /https?:\/\/\S+\/activer-mon-compte\?token=\S+/.exec(mail.text)?.[0];
    const username = /Votre identifiant : (\S+)/.exec(mail.text)?.[1];
    expect(link && username).toBeTruthy();

    const parent = await openPage(browser, { mobile: true });
    try {
      await parent.page.goto(link!);
      await parent.page.getByRole('heading', { level: 1, name: 'Activer mon compte' }).waitFor();
      expect(await parent.page.getByText(`Compte : ${username}`).count()).toBe(1);
      await expectNoAxeViolations(parent.page);
      await parent.page.getByLabel('Nouveau mot de passe').fill(PASSWORD);
      await parent.page.getByLabel('Confirmez le mot de passe').fill(PASSWORD);
      await parent.page.getByRole('button', { name: 'Activer mon compte' }).click();
      await parent.page.waitForURL(`${baseUrl()}/connexion?info=compte-active`);
      expect(await parent.page.getByRole('status').textContent()).toContain('Votre compte est activé');
      await loginAs(parent.page, baseUrl(), username!, PASSWORD);
      await parent.page.waitForURL(`${baseUrl()}/portail`);
      // The link was single use.
      await parent.page.goto(link!);
      expect(await parent.page.getByRole('alert').textContent()).toContain('n’est plus valable');
      await expectNoAxeViolations(parent.page);
    } finally {
      await parent.context.close();
    }
  });

  it('prints an activation letter for a family without e-mail; the parent activates with the code (no JavaScript)', async () => {
    const { page, close } = await signedIn('agent');
    let username = '';
    let code = '';
    try {
      // The three Blanchard families (lines 7, 103 and 199 of the file) gave no e-mail address.
      await page.goto(`${baseUrl()}/admin/familles?q=Blanchard&sans-compte=1`);
      const boxes = page.getByRole('checkbox', { name: /^Sélectionner la famille Blanchard/ });
      expect(await boxes.count()).toBe(3);
      await boxes.first().check();
      await page.getByRole('button', { name: 'Créer les comptes des familles sélectionnées' }).click();
      await page.getByRole('status').filter({ hasText: '1 compte créé, 0 lien' }).waitFor();
      await page.getByRole('button', { name: 'Imprimer les courriers d’activation' }).click();
      await page.getByRole('heading', { level: 1, name: 'Courriers d’activation' }).waitFor();
      expect(await page.getByRole('status').textContent()).toContain('1 courrier prêt à imprimer');
      const letter = page.locator('article.letter');
      expect(await letter.count()).toBe(1);
      const values = await letter.locator('dd').allTextContents();
      [username, code] = values;
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(await letter.textContent()).not.toMatch(/mot de passe\s*:/i);
      await expectNoAxeViolations(page);
    } finally {
      await close();
    }

    const parent = await openPage(browser, { javaScript: false });
    try {
      await parent.page.goto(`${baseUrl()}/activer-mon-compte`);
      await parent.page.getByLabel('Identifiant').fill(username);
      await parent.page.getByLabel('Code d’activation').fill(code.toLowerCase().replace(/-/g, ' '));
      await parent.page.getByLabel('Nouveau mot de passe').fill(PASSWORD);
      await parent.page.getByLabel('Confirmez le mot de passe').fill(PASSWORD);
      await parent.page.getByRole('button', { name: 'Activer mon compte' }).click();
      await parent.page.waitForURL(`${baseUrl()}/connexion?info=compte-active`);
      await loginAs(parent.page, baseUrl(), username, PASSWORD);
      await parent.page.waitForURL(`${baseUrl()}/portail`);
    } finally {
      await parent.context.close();
    }
  });

  it('shows a family’s file with its accounts; the régisseur sees it without health data', async () => {
    const { page, close } = await signedIn('agent');
    try {
      await page.goto(`${baseUrl()}/admin/familles?q=Blanchard`);
      await page.getByRole('link', { name: 'Blanchard' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Famille Blanchard' }).waitFor();
      for (const section of ['Coordonnées', 'Quotient familial', 'Responsables légaux', 'Enfants', 'Historique des réservations', 'Facturation']) {
        expect(await page.getByRole('heading', { level: 2, name: section, exact: true }).count(), section).toBe(1);
      }
      expect(await page.getByRole('columnheader', { name: 'Régime' }).count()).toBe(1);
      await expectNoAxeViolations(page);
    } finally {
      await close();
    }
    const regie = await signedIn('regisseur');
    try {
      await regie.page.goto(`${baseUrl()}/admin/familles?q=Blanchard`);
      await regie.page.getByRole('link', { name: 'Blanchard' }).first().click();
      await regie.page.getByRole('heading', { level: 1, name: 'Famille Blanchard' }).waitFor();
      expect(await regie.page.getByRole('columnheader', { name: 'Régime' }).count()).toBe(0);
      expect(await regie.page.getByText('Les données de santé (régime, allergies, PAI) ne sont visibles que').count()).toBe(1);
      expect(await regie.page.getByRole('button', { name: /^Désactiver/ }).count()).toBe(0);
    } finally {
      await regie.close();
    }
  });
});

/** The canteen of the day at the Lutins (the demo books today); on a day without canteen, the latest one before. */
async function openCanteen(page: Page): Promise<string> {
  await page.goto(`${baseUrl()}/admin/pointage`);
  for (let i = 0; i < 10; i++) {
    const link = page.getByRole('link', { name: new RegExp(`^${CANTEEN}`) });
    if ((await link.count()) > 0) {
      await link.click();
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${CANTEEN} – `) }).waitFor();
      return new URL(page.url()).searchParams.get('date')!;
    }
    const title = await page.getByRole('heading', { level: 2 }).first().textContent();
    await page.getByRole('link', { name: /Jour précédent/ }).click();
    await page.waitForFunction((previous) => document.querySelector('h2')?.textContent !== previous, title);
  }
  throw new Error('no canteen day found');
}

describe('attendance on a phone', () => {
  it('the animateur taps present and absent, keeps marking offline, and the queue is sent once when back online', async () => {
    const { context, page, close } = await signedIn('animateur', { mobile: true });
    try {
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Pointage' }).click();
      await page.waitForURL(/\/admin\/pointage/);
      await expectNoAxeViolations(page);
      // Only the animateur's own site (the Groupe scolaire Les Lutins).
      const activities = await page.locator('.activity-list a span').allTextContents();
      expect(new Set(activities).size).toBeLessThanOrEqual(1);
      if (activities.length > 0) expect(activities[0]).toBe('Groupe scolaire Les Lutins');
      const day = await openCanteen(page);
      if (day === parisToday(new Date())) expect(await page.getByText(/réservés/).first().textContent()).toMatch(/^\d+ réservés/);
      await expectNoAxeViolations(page);

      const sent: { key: string; childId: string; status: string }[] = [];
      const outcomes: { key: string; outcome: string }[] = [];
      page.on('request', (request: PwRequest) => {
        if (request.url().endsWith('/admin/pointage/marques') && request.method() === 'POST') sent.push(...(JSON.parse(request.postData() ?? '{}').marks ?? []));
      });
      page.on('response', async (response) => {
        if (response.url().endsWith('/admin/pointage/marques') && response.request().method() === 'POST') outcomes.push(...((await response.json()) as { results: { key: string; outcome: string }[] }).results);
      });

      const children = page.locator('.roster__child');
      expect(await children.count()).toBeGreaterThanOrEqual(3);
      const nameOf = async (i: number) => (await children.nth(i).locator('.roster__name').textContent())!;
      const [first, second, third] = [await nameOf(0), await nameOf(1), await nameOf(2)];
      const button = (label: 'Présent' | 'Absent', name: string) => page.getByRole('button', { name: `${label} : ${name}`, exact: true });
      const synced = () => page.getByRole('status').filter({ hasText: 'Tous les pointages sont enregistrés.' }).waitFor();

      await button('Présent', first).click();
      await synced();
      expect(await button('Présent', first).getAttribute('aria-pressed')).toBe('true');

      // The connection drops at the canteen door: the taps are kept on the device.
      await context.setOffline(true);
      await button('Absent', second).click();
      await button('Présent', third).click();
      await page.getByRole('status').filter({ hasText: '2 pointages en attente d’envoi' }).waitFor();
      expect(await page.evaluate(() => JSON.parse(localStorage.getItem('tartine.pointage.v1') ?? '[]').length)).toBe(2);
      expect(await button('Absent', second).getAttribute('aria-pressed')).toBe('true');
      await expectNoAxeViolations(page);

      // Back online: the queue goes, each mark applied once.
      await context.setOffline(false);
      await synced();
      await expect.poll(() => outcomes.filter((o) => o.outcome === 'applied').length).toBe(3);
      const keys = [...new Set(sent.map((m) => m.key))];
      expect(keys).toHaveLength(3);
      for (const key of keys) expect(outcomes.filter((o) => o.key === key && o.outcome === 'applied')).toHaveLength(1);
      expect(await page.evaluate(() => localStorage.getItem('tartine.pointage.v1'))).toBe('[]');
      // The same queue sent again (a tablet that did not get the answer): nothing applied twice.
      const replay = await page.evaluate(async (marks) => {
        const response = await fetch('/admin/pointage/marques', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ marks }) });
        return ((await response.json()) as { results: { outcome: string }[] }).results.map((r) => r.outcome);
      }, sent);
      expect(new Set(replay)).toEqual(new Set(['duplicate']));

      // The server kept them: a reload shows the same marks.
      await page.reload();
      expect(await button('Présent', first).getAttribute('aria-pressed')).toBe('true');
      expect(await button('Absent', second).getAttribute('aria-pressed')).toBe('true');
      expect(await button('Présent', third).getAttribute('aria-pressed')).toBe('true');

      // A child of the school present without a booking.
      const select = page.getByLabel('Enfant', { exact: true });
      const option = (await select.locator('option').allTextContents())[1];
      await select.selectOption({ label: option });
      await page.getByRole('button', { name: 'Ajouter présent' }).click();
      await synced();
      expect(await page.locator('.roster__child').filter({ hasText: 'sans réservation (tarif majoré)' }).count()).toBeGreaterThanOrEqual(1);

      // The absence justified with a certificate (a plain form upload).
      await page.getByText(`Justifier l’absence : ${second}`).click();
      await page.getByLabel(`Certificat (PDF, JPEG ou PNG) : ${second}`).setInputFiles({ name: 'certificat.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Certificat medical') });
      await page.getByRole('button', { name: `Enregistrer le justificatif : ${second}` }).click();
      await page.getByRole('status').filter({ hasText: 'Absence justifiée, certificat enregistré.' }).waitFor();
      expect(await page.locator('.roster__child').filter({ hasText: second }).textContent()).toContain('absence justifiée');
      await expectNoAxeViolations(page);
    } finally {
      await close();
    }
  });

  it('works without JavaScript: each tap is a form, the list comes back marked', async () => {
    const { page, close } = await signedIn('animateur', { mobile: true, javaScript: false });
    try {
      await openCanteen(page);
      const name = (await page.locator('.roster__child').nth(3).locator('.roster__name').textContent())!;
      await page.getByRole('button', { name: `Absent : ${name}`, exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Pointage enregistré.' }).waitFor();
      expect(await page.getByRole('button', { name: `Absent : ${name}`, exact: true }).getAttribute('aria-pressed')).toBe('true');
      await page.getByRole('button', { name: `Présent : ${name}`, exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Pointage enregistré.' }).waitFor();
      expect(await page.getByRole('button', { name: `Présent : ${name}`, exact: true }).getAttribute('aria-pressed')).toBe('true');
      // Reflow: nothing wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    } finally {
      await close();
    }
  });
});

describe('kitchen, exports, dashboard', () => {
  it('shows the meal counts by diet, frozen at the deadline, and downloads them (CSV, XLSX)', async () => {
    const { page, close } = await signedIn('agent');
    try {
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Repas', exact: true }).click();
      await page.waitForURL(`${baseUrl()}/admin/repas`);
      await expectNoAxeViolations(page);
      // The last ten days and the next three: the attendance taken above is in it.
      const today = parisToday(new Date());
      await page.goto(`${baseUrl()}/admin/repas?du=${addDays(today, -10)}&au=${addDays(today, 3)}`);
      const table = page.getByRole('table', { name: /^Repas du / });
      await table.waitFor();
      expect(await table.getByRole('columnheader', { name: 'Sans porc' }).count()).toBe(1);
      expect(await table.textContent()).toMatch(/Figé le/);
      await expectNoAxeViolations(page);

      const csv = await downloadText(page, () => page.getByRole('link', { name: 'Télécharger (CSV)' }).click());
      expect(csv.name).toMatch(/^repas-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      const parsed = readCsv(csv.bytes.toString('utf8'));
      if (!parsed.ok) throw new Error('CSV unreadable');
      expect(parsed.header.fields).toEqual(['Date', 'Site', 'Activité', 'Standard', 'Sans porc', 'Végétarien', 'Total', 'Dont PAI', 'État', 'Réservés à ce jour', 'Présents', 'Écart présents – repas']);
      const lutins = parsed.records.filter((r) => r.fields[2] === CANTEEN && r.fields[8] === 'figé');
      expect(lutins.length).toBeGreaterThan(0);
      for (const r of lutins) expect(Number(r.fields[3]) + Number(r.fields[4]) + Number(r.fields[5])).toBe(Number(r.fields[6]));
      // Attendance taken on the phone shows up as « Présents » on its day.
      expect(parsed.records.some((r) => r.fields[2] === CANTEEN && r.fields[10] !== '')).toBe(true);

      const xlsx = await downloadText(page, () => page.getByRole('link', { name: 'Télécharger (Excel)' }).click());
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as never);
      expect(workbook.getWorksheet('repas')?.getRow(1).getCell(4).value).toBe('Standard');

      // The other exports download and open.
      await page.goto(`${baseUrl()}/admin/exports`);
      for (const [title, file] of [['Enfants', 'enfants.xlsx'], ['Réservations', null], ['Pointage', null]] as const) {
        if (file) {
          const x = await downloadText(page, () => page.getByRole('button', { name: `Télécharger ${title} en Excel (XLSX)` }).click());
          expect(x.name).toBe(file);
          const book = new ExcelJS.Workbook();
          await book.xlsx.load(x.bytes as never);
          expect(book.worksheets[0].rowCount).toBeGreaterThan(300);
        } else {
          const c = await downloadText(page, () => page.getByRole('button', { name: `Télécharger ${title} en CSV` }).click());
          const rows = readCsv(c.bytes.toString('utf8'));
          expect(rows.ok && rows.records.length).toBeGreaterThan(0);
        }
      }
    } finally {
      await close();
    }
  });

  for (const javaScript of [true, false]) {
    it(`renders the dashboard’s charts with their data tables (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const { page, close } = await signedIn('agent', { javaScript });
      try {
        await page.getByRole('heading', { level: 2, name: 'Repas par jour et par site' }).waitFor();
        expect(await page.getByRole('img', { name: /: repas réservés et enfants présents par jour$/ }).count()).toBe(3);
        expect(await page.getByRole('table', { name: /^Données : Groupe scolaire Les Lutins/ }).count()).toBe(1);
        expect(await page.getByRole('img', { name: /^Places réservées et capacité/ }).count()).toBe(1);
        expect(await page.getByRole('heading', { level: 2, name: 'Listes d’attente' }).count()).toBe(1);
        expect(await page.getByRole('heading', { level: 2, name: 'Facturé et encaissé' }).count()).toBe(1);
        if (javaScript) await expectNoAxeViolations(page); // axe runs in the page: JavaScript needed
      } finally {
        await close();
      }
    });
  }

  it('lets the admin assign sites; the animateur’s dashboard shows only theirs', async () => {
    const admin = await signedIn('admin');
    try {
      await admin.page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Affectations' }).click();
      await admin.page.waitForURL(`${baseUrl()}/admin/affectations`);
      expect(await admin.page.getByRole('checkbox', { name: 'Groupe scolaire Les Lutins' }).first().isChecked()).toBe(true);
      await expectNoAxeViolations(admin.page);
    } finally {
      await admin.close();
    }
    const anim = await signedIn('animateur');
    try {
      expect(await anim.page.getByRole('img', { name: /: repas réservés et enfants présents par jour$/ }).count()).toBe(1);
      expect(await anim.page.getByRole('img', { name: 'Groupe scolaire Les Lutins : repas réservés et enfants présents par jour' }).count()).toBe(1);
      await expectNoAxeViolations(anim.page);
    } finally {
      await anim.close();
    }
  });
});
