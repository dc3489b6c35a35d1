/**
 * Mon dossier and Inscriptions end to end, in Chromium on the demo commune (issue 7, « Done when »): famille.martin
 * changes its phone, asks for an address change with a proof, uploads an attestation and enrols Chloé in the
 * Wednesday centre; the agent validates both requests; the family sees the new status, receives the e-mails
 * (file outbox) and Chloé's planning shows the Wednesday row. Then the same forms without JavaScript (errors,
 * a refused document), Mon compte and Mes données, axe on every new page, and over HTTP: every route with another
 * family's ids answers 404 exactly as an unknown id, hostile and disguised uploads store nothing, downloads are
 * attachments with safe names.
 *
 * Leaves the demo as the other files expect: famille.martin's password and e-mail are put back, Sarah's and Chloé's
 * canteen enrolments are untouched (the phone and the address change).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, addMonths, startOfMonth } from '../../core/calendar/plain-date';
import { parisToday } from '../../core/calendar/paris-time';
import { frDossier } from '../../app/i18n/fr-dossier';
import { expectNoAxeViolations, launchBrowser, loginAs } from '../harness/browser';
import {
  ACCOUNTS,
  baseUrl,
  loginHttp,
  mainText,
  minimalPdf,
  multipart,
  openPage,
  outboxFiles,
  postLogin,
  request,
  resetPasswordHttp,
  waitForMail,
  type HttpResponse,
} from './helpers';

const IP = '127.0.0.27';
const WEDNESDAY = 'Accueil du mercredi Les Lutins';
const MARTIN = ACCOUNTS.parent;
const d = frDossier;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const HTML = Buffer.from('<!DOCTYPE html><html><body><img src=x onerror="alert(document.cookie)"></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const dbPath = () => path.join(inject('e2eDataDir'), 'tartine.sqlite');
const uploadsDir = () => path.join(inject('e2eDataDir'), 'uploads');

function readDb<T>(work: (db: Database.Database) => T): T {
  const db = new Database(dbPath(), { readonly: true, fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

function martin() {
  return readDb((db) => {
    const family = db.prepare(`SELECT id, file_number FROM families WHERE name = 'Martin' ORDER BY file_number LIMIT 1`).get() as { id: string; file_number: string };
    const children = db.prepare('SELECT id, first_name FROM children WHERE family_id = ? ORDER BY birth_date').all(family.id) as { id: string; first_name: string }[];
    return { ...family, children: Object.fromEntries(children.map((c) => [c.first_name, c.id])) as Record<string, string> };
  });
}

async function parentPage(javaScript = true): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await openPage(browser, { javaScript });
  await loginAs(page, baseUrl(), MARTIN.username, MARTIN.password);
  await page.waitForURL(`${baseUrl()}/portail`);
  return { page, close: () => context.close() };
}

async function agentPage(javaScript = true): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await openPage(browser, { javaScript });
  await loginAs(page, baseUrl(), ACCOUNTS.agent.username, ACCOUNTS.agent.password);
  await page.waitForURL(`${baseUrl()}/admin`);
  return { page, close: () => context.close() };
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
const notice = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).first().waitFor();
/** The error summary with that message (without JavaScript the page streams in: wait for the words, not the box). */
const alertWith = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text }).waitFor();

/** A row of « Mes démarches » (newest first) of a kind. */
async function requestStatus(page: Page, kind: string): Promise<string> {
  await page.goto(`${baseUrl()}/portail/dossier`);
  const row = page.locator('section[aria-labelledby="demarches"] tbody tr', { has: page.getByRole('rowheader', { name: kind, exact: true }) }).first();
  return ((await row.locator('.status').textContent()) ?? '').trim();
}

/** Agent: opens the first pending request of that kind for the Martins and decides it. */
async function decide(page: Page, kind: string, decision: 'Accepter' | 'Refuser', message = '') {
  await page.goto(`${baseUrl()}/admin/demarches`);
  await heading(page, d.admin.title);
  await page.getByRole('link', { name: new RegExp(`^Ouvrir ${kind} – Martin \\(`) }).first().click();
  await page.getByRole('heading', { level: 2, name: d.admin.decisionTitle }).waitFor();
  await expectNoAxeViolations(page);
  if (message) await page.getByLabel(d.admin.message).fill(message);
  await page.getByRole('button', { name: decision, exact: true }).click();
  await page.waitForURL(/\/admin\/demarches\?ok=/);
}

describe('Done when: the family updates its file and enrols Chloé, the agent validates (JavaScript on)', () => {
  it('phone, address with proof, attestation, enrolment; the agent accepts; statuses, e-mails and the planning follow', async () => {
    const family = martin();
    const before = outboxFiles();
    const parent = await parentPage();
    const { page } = parent;
    try {
      // Dossier → Modifier mes coordonnées: the phone changes at once.
      await page.getByRole('link', { name: 'Dossier', exact: true }).click();
      await heading(page, d.dossier.title);
      await expectNoAxeViolations(page);
      await page.getByRole('navigation', { name: d.dossier.moreLinks }).getByRole('link', { name: 'Modifier mes coordonnées' }).click();
      await heading(page, d.contact.title);
      await expectNoAxeViolations(page);
      await page.getByLabel(d.contact.familyPhone, { exact: true }).fill('06 11 22 33 44');
      await page.getByRole('button', { name: d.contact.savePhones }).click();
      await notice(page, d.notices.telephones);

      // The address, with a proof of address.
      await page.getByLabel(d.contact.addressLine).fill('3 place de la Mairie');
      await page.getByLabel(d.contact.postalCode).fill('69999');
      await page.getByLabel(d.contact.city).fill('Saint-Exemple');
      await page.locator('#address-file').setInputFiles({ name: 'facture-energie.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Facture') });
      await page.getByRole('button', { name: d.contact.sendAddress }).click();
      await page.waitForURL(/\/portail\/dossier\?ok=demande-envoyee/);
      await notice(page, d.notices['demande-envoyee']);
      expect(await page.locator('section[aria-labelledby="famille"]').textContent()).toContain('06 11 22 33 44');
      expect(await requestStatus(page, 'Changement d’adresse')).toBe('En attente de validation');

      // Mes documents: an insurance attestation.
      await page.goto(`${baseUrl()}/portail/dossier/documents`);
      await heading(page, d.documents.title);
      await expectNoAxeViolations(page);
      await page.getByLabel(d.documents.kind).selectOption({ label: d.documentKinds.assurance });
      await page.locator('#file').setInputFiles({ name: 'attestation-assurance.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Assurance') });
      await page.getByRole('button', { name: d.documents.submit }).click();
      await notice(page, d.notices['document-depose']);
      const docRow = page.locator('tbody tr', { hasText: 'attestation-assurance.pdf' });
      expect(await docRow.locator('.status').textContent()).toBe('En attente de vérification');
      await expectNoAxeViolations(page);

      // Inscriptions → Inscrire les enfants: the Wednesday centre for Chloé, with the attestation.
      await page.getByRole('link', { name: 'Inscriptions', exact: true }).first().click();
      await heading(page, d.inscriptions.title);
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: d.inscriptions.newEnrolment }).click();
      await heading(page, d.enrol.title);
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: `${d.enrol.choose} « ${WEDNESDAY} »` }).click();
      await heading(page, WEDNESDAY);
      await expectNoAxeViolations(page);
      expect(await page.getByRole('main').textContent()).toContain('Documents à fournir');
      expect(await page.getByRole('checkbox', { name: /^Sarah/ }).isDisabled()).toBe(true);
      expect(await page.getByRole('checkbox', { name: 'Chloé', exact: true }).isChecked()).toBe(true);
      await page.locator('#doc-assurance-existing').selectOption({ label: `${d.documentKinds.assurance} – attestation-assurance.pdf` });
      await page.getByRole('button', { name: d.enrol.submitManual }).click();
      await page.waitForURL(/\/portail\/inscriptions\?.*ok=inscription-demandee/);
      await notice(page, d.notices['inscription-demandee']);
      const chloe = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Chloé' }) });
      const chloeWednesday = chloe.locator('tr', { has: page.getByRole('rowheader', { name: WEDNESDAY }) });
      expect(await chloeWednesday.locator('.status').textContent()).toBe('En attente de validation');
      expect(await chloeWednesday.textContent()).toContain('Réservation : le jeudi de la semaine précédente avant 9 h.');
      await expectNoAxeViolations(page);

      // Before the decision: the Wednesday row of Chloé's planning has no day open to booking.
      expect(await wednesdayBoxesEnabled(page, family.children['Chloé'])).toBe(0);
    } finally {
      await parent.close();
    }

    // The agent validates the address change and the enrolment.
    const agent = await agentPage();
    try {
      await agent.page.getByRole('link', { name: d.admin.menu, exact: true }).click();
      await heading(agent.page, d.admin.title);
      await expectNoAxeViolations(agent.page);
      await decide(agent.page, 'Changement d’adresse', 'Accepter', 'Adresse mise à jour, merci.');
      await notice(agent.page, d.admin.notices.acceptee);
      await decide(agent.page, 'Inscription', 'Accepter');
      await expectNoAxeViolations(agent.page);
    } finally {
      await agent.close();
    }

    // The family receives the e-mails…
    const addressMail = await waitForMail(before, MARTIN.email);
    const mails = readMailsSince(before);
    expect(mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining(['Votre demande de changement d’adresse est acceptée', `Inscription acceptée : Chloé – ${WEDNESDAY}`]),
    );
    expect(addressMail.to).toBe(MARTIN.email);
    expect(mails.find((m) => m.subject.startsWith('Votre demande de changement'))?.text).toContain('Adresse mise à jour, merci.');

    // … and sees the new statuses, its new address, and Chloé's Wednesday row open in the planning.
    const again = await parentPage();
    try {
      expect(await requestStatus(again.page, 'Changement d’adresse')).toBe('Acceptée');
      expect(await requestStatus(again.page, 'Inscription')).toBe('Acceptée');
      expect(await again.page.locator('section[aria-labelledby="famille"]').textContent()).toContain('3 place de la Mairie, 69999 Saint-Exemple');
      await again.page.goto(`${baseUrl()}/portail/inscriptions`);
      const chloe = again.page.locator('section', { has: again.page.getByRole('heading', { level: 2, name: 'Chloé' }) });
      expect(await chloe.locator('tr', { has: again.page.getByRole('rowheader', { name: WEDNESDAY }) }).locator('.status').textContent()).toBe('Inscrit(e)');
      expect(await chloe.locator('tr', { has: again.page.getByRole('rowheader', { name: /Cantine/ }) }).locator('.status').textContent()).toBe('Inscrit(e)');
      await again.page.goto(`${baseUrl()}/portail/dossier/documents`);
      expect(await again.page.locator('tbody tr', { hasText: 'attestation-assurance.pdf' }).locator('.status').textContent()).toBe('Accepté');
      // Planning: the Wednesday row is there, with days to book.
      await again.page.goto(`${baseUrl()}/portail/planning?enfant=${family.children['Chloé']}`);
      await again.page.getByRole('rowheader', { name: new RegExp(WEDNESDAY) }).first().waitFor();
      expect(await wednesdayBoxesEnabled(again.page, family.children['Chloé'])).toBeGreaterThan(0);
    } finally {
      await again.close();
    }
  });
});

/** Enabled day boxes of the Wednesday row in Chloé's planning (edit mode), in the first month from 3 weeks ahead that has any. */
async function wednesdayBoxesEnabled(page: Page, childId: string): Promise<number> {
  let month = startOfMonth(addDays(parisToday(new Date()), 21));
  for (let i = 0; i < 6; i++, month = addMonths(month, 1)) {
    await page.goto(`${baseUrl()}/portail/planning?enfant=${childId}&date=${month}&mode=modifier`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const row = await page.locator(`input[name="all"][data-activity="${WEDNESDAY}"]`).getAttribute('value').catch(() => null);
    if (!row) continue;
    const enabled = await page.locator(`input[name="c"][data-row="${row}"]:not(:disabled)`).count();
    if (enabled > 0) return enabled;
  }
  return 0;
}

function readMailsSince(before: string[]) {
  const known = new Set(before);
  return outboxFiles()
    .filter((n) => !known.has(n))
    .map((n) => JSON.parse(fs.readFileSync(path.join(inject('e2eDataDir'), 'outbox', n), 'utf8')) as { to: string; subject: string; text: string });
}

describe('the same forms without JavaScript', () => {
  it('changes the phone, shows form errors with the summary, refuses a disguised file and a missing proof, stores nothing', async () => {
    const { page, close } = await parentPage(false);
    try {
      await page.goto(`${baseUrl()}/portail/dossier/coordonnees`);
      await page.getByLabel(d.contact.familyPhone, { exact: true }).fill('0612345678');
      await page.getByRole('button', { name: d.contact.savePhones }).click();
      await page.waitForURL(/ok=telephones/);
      expect(await page.getByLabel(d.contact.familyPhone, { exact: true }).inputValue()).toBe('06 12 34 56 78');

      // A wrong phone: the error summary, « Erreur : » in the title, the message next to the field.
      await page.getByLabel(d.contact.familyPhone, { exact: true }).fill('12');
      await page.getByRole('button', { name: d.contact.savePhones }).click();
      await alertWith(page, d.fieldErrors.invalid);
      expect(await page.title()).toMatch(/^Erreur : /);
      expect(await page.getByLabel(d.contact.familyPhone, { exact: true }).getAttribute('aria-invalid')).toBe('true');

      // The QF without its attestation, then with an image named .pdf: refused, nothing stored.
      const documentsBefore = readDb((db) => (db.prepare('SELECT count(*) AS n FROM family_documents').get() as { n: number }).n);
      const filesBefore = filesUnder(uploadsDir()).length;
      await page.goto(`${baseUrl()}/portail/dossier/coordonnees`);
      await page.getByLabel(d.contact.qf).fill('480');
      await page.getByLabel(d.contact.qfValidUntil).fill(`${Number(parisToday(new Date()).slice(0, 4)) + 1}-12-31`);
      await page.getByRole('button', { name: d.contact.sendQf }).click();
      await alertWith(page, d.fileErrors.proof_required);
      await page.locator('#qf-file').setInputFiles({ name: 'attestation-caf.pdf', mimeType: 'application/pdf', buffer: PNG });
      await page.getByRole('button', { name: d.contact.sendQf }).click();
      await alertWith(page, d.fileErrors.extension_mismatch);
      expect(await page.getByLabel(d.contact.qf).inputValue()).toBe('480');
      expect(readDb((db) => (db.prepare('SELECT count(*) AS n FROM family_documents').get() as { n: number }).n)).toBe(documentsBefore);
      expect(filesUnder(uploadsDir()).length).toBe(filesBefore);

      // The enrolment form without a child: the error, nothing created.
      await page.goto(`${baseUrl()}/portail/inscriptions/nouvelle`);
      await page.getByRole('link', { name: `${d.enrol.choose} « Garderie du matin Les Lutins »` }).click();
      await heading(page, 'Garderie du matin Les Lutins');
      for (const box of await page.getByRole('checkbox').all()) if (await box.isChecked()) await box.uncheck();
      await page.getByRole('button', { name: d.enrol.submitAutomatic }).click();
      await alertWith(page, d.enrol.errors.no_child);
    } finally {
      await close();
    }
  });

  it('uploads a certificate; the agent refuses it with a reason (JavaScript off); the family sees why and is told by e-mail', async () => {
    const before = outboxFiles();
    const parent = await parentPage(false);
    try {
      await parent.page.goto(`${baseUrl()}/portail/dossier/documents`);
      await parent.page.getByLabel(d.documents.kind).selectOption({ label: d.documentKinds.certificat_medical });
      await parent.page.getByLabel(d.documents.child).selectOption({ label: 'Sarah' });
      await parent.page.locator('#file').setInputFiles({ name: 'certificat.png', mimeType: 'image/png', buffer: PNG });
      await parent.page.getByRole('button', { name: d.documents.submit }).click();
      await parent.page.waitForURL(/ok=document-depose/);
      expect(await parent.page.locator('tbody tr', { hasText: 'certificat.png' }).textContent()).toContain('Pour Sarah');
    } finally {
      await parent.close();
    }
    const agent = await agentPage(false);
    try {
      await agent.page.goto(`${baseUrl()}/admin/demarches?type=document_review`);
      await agent.page.getByRole('link', { name: /^Ouvrir Vérification de document – Martin/ }).first().click();
      // Refusing without a message is refused.
      await agent.page.getByRole('button', { name: d.admin.refuse, exact: true }).click();
      await alertWith(agent.page, d.admin.errors.message_required);
      await agent.page.getByLabel(d.admin.message).fill('Le certificat n’est pas lisible.');
      await agent.page.getByRole('button', { name: d.admin.refuse, exact: true }).click();
      await agent.page.waitForURL(/ok=refusee/);
    } finally {
      await agent.close();
    }
    const mail = await waitForMail(before, MARTIN.email);
    expect(mail.subject).toBe('Votre demande de vérification de document est refusée');
    expect(mail.text).toContain('Le certificat n’est pas lisible.');
    const again = await parentPage(false);
    try {
      await again.page.goto(`${baseUrl()}/portail/dossier/documents`);
      const row = again.page.locator('tbody tr', { hasText: 'certificat.png' });
      expect(await row.textContent()).toContain('Refusé');
      expect(await row.textContent()).toContain('Le certificat n’est pas lisible.');
      // A refused document may be deleted.
      await row.getByRole('button', { name: /^Supprimer/ }).click();
      await again.page.waitForURL(/ok=document-supprime/);
      expect(await again.page.locator('tbody tr', { hasText: 'certificat.png' }).count()).toBe(0);
    } finally {
      await again.close();
    }
  });
});

describe('Mon compte, Mes données and the e-mail change', () => {
  it('ends the other sessions, refuses a wrong current password, and changes the password (put back afterwards)', async () => {
    const other = await loginHttp('parent', IP);
    const { page, close } = await parentPage();
    try {
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Dossier' }).click();
      await heading(page, d.dossier.title);
      await page.getByRole('navigation', { name: d.dossier.moreLinks }).getByRole('link', { name: d.sections.account, exact: true }).click();
      await heading(page, d.account.title);
      await expectNoAxeViolations(page);

      // Preferences.
      await page.getByLabel(d.account.enrolmentDecisions).uncheck();
      await page.getByRole('button', { name: d.account.savePreferences }).click();
      await page.waitForURL(/ok=preferences/);
      await notice(page, d.notices.preferences);
      expect(await page.getByLabel(d.account.enrolmentDecisions).isChecked()).toBe(false);
      await page.getByLabel(d.account.enrolmentDecisions).check();
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: d.account.savePreferences }).click()]);
      await page.goto(`${baseUrl()}/portail/dossier/compte`);
      expect(await page.getByLabel(d.account.enrolmentDecisions).isChecked()).toBe(true);
      expect(await page.getByRole('table', { name: d.account.sessionsCaption }).locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
      await page.getByRole('button', { name: d.account.endOthers }).click();
      await notice(page, d.notices['sessions-fermees']);
      expect((await request('/portail', { cookie: other, localAddress: IP })).status).toBe(302);
      expect(await page.getByText(d.account.noOthers).count()).toBe(1);

      await page.getByLabel(d.account.current, { exact: true }).fill('pas le bon mot de passe');
      await page.getByLabel(d.account.next, { exact: true }).fill('une tartine au miel pour le goûter');
      await page.getByLabel(d.account.confirm, { exact: true }).fill('une tartine au miel pour le goûter');
      await page.getByRole('button', { name: d.account.changePassword }).click();
      await alertWith(page, d.account.errors.wrong_password);
      await expectNoAxeViolations(page);

      const second = await loginHttp('parent', IP);
      try {
        await page.getByLabel(d.account.current, { exact: true }).fill(MARTIN.password);
        await page.getByLabel(d.account.next, { exact: true }).fill('une tartine au miel pour le goûter');
        await page.getByLabel(d.account.confirm, { exact: true }).fill('une tartine au miel pour le goûter');
        await page.getByRole('button', { name: d.account.changePassword }).click();
        await notice(page, d.notices['mot-de-passe']);
        // The other session ended, this one goes on; the new password signs in.
        expect((await request('/portail', { cookie: second, localAddress: IP })).status).toBe(302);
        expect((await postLogin(MARTIN.username, 'une tartine au miel pour le goûter', { localAddress: IP })).status).toBe(302);
        // Put the demo password back through the same form (opened afresh: the first notice must not answer for it).
        await page.goto(`${baseUrl()}/portail/dossier/compte`);
        await heading(page, d.account.title);
        await page.getByLabel(d.account.current, { exact: true }).fill('une tartine au miel pour le goûter');
        await page.getByLabel(d.account.next, { exact: true }).fill(MARTIN.password);
        await page.getByLabel(d.account.confirm, { exact: true }).fill(MARTIN.password);
        await page.getByRole('button', { name: d.account.changePassword }).click();
        await notice(page, d.notices['mot-de-passe']);
      } finally {
        const check = await postLogin(MARTIN.username, MARTIN.password, { localAddress: IP });
        if (check.status !== 302) await resetPasswordHttp(MARTIN.username, MARTIN.password, IP);
      }
      expect((await postLogin(MARTIN.username, MARTIN.password, { localAddress: IP })).status).toBe(302);

    } finally {
      await close();
    }
  });

  it('changes the e-mail only through the link sent to the new address (then back), with axe on the confirmation page', async () => {
    const { page, close } = await parentPage();
    try {
      for (const address of ['julie.martin@example.org', MARTIN.email]) {
        const before = outboxFiles();
        await page.goto(`${baseUrl()}/portail/dossier/coordonnees`);
        await page.getByLabel(d.contact.newEmail).fill(address);
        await page.getByRole('button', { name: d.contact.sendLink }).click();
        await notice(page, d.notices['lien-envoye']);
        const mail = await waitForMail(before, address);
        const link = /https?:\/\/\S+\/portail\/dossier\/confirmer-email\?token=\S+/.exec(mail.text)?.[0];
        expect(link).toBeTruthy();
        await page.goto(link!.replace(/^https?:\/\/[^/]+/, baseUrl()));
        await heading(page, d.emailConfirm.title);
        await expectNoAxeViolations(page);
        await page.getByRole('button', { name: d.emailConfirm.submit }).click();
        await notice(page, d.notices['email-confirme']);
        expect(await page.getByRole('main').textContent()).toContain(`Adresse actuelle : ${address}.`);
        // The link is single use.
        await page.goto(link!.replace(/^https?:\/\/[^/]+/, baseUrl()));
        expect(await page.getByRole('main').textContent()).toContain(d.emailConfirm.invalid);
      }
    } finally {
      await close();
    }
  });

  it('downloads the family’s data as JSON and as a readable page; the erasure form needs its confirmation', async () => {
    const { page, close } = await parentPage(false);
    try {
      await page.goto(`${baseUrl()}/portail/dossier/donnees`);
      await heading(page, d.data.title);
      await page.getByRole('button', { name: d.data.submit }).click();
      await alertWith(page, d.data.confirmRequired);
      expect(await page.title()).toMatch(/^Erreur : /);
    } finally {
      await close();
    }
    const cookie = await loginHttp('parent', IP);
    const json = await request('/portail/dossier/donnees/export/json', { cookie, localAddress: IP });
    expect(json.status).toBe(200);
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename="mes-donnees-F-\d{4}-0001-\d{4}-\d{2}-\d{2}\.json"$/);
    const exported = JSON.parse(json.text) as { data: { family: { name: string }; children: { firstName: string }[] } };
    expect(exported.data.family.name).toBe('Martin');
    expect(exported.data.children.map((c) => c.firstName)).toEqual(['Sarah', 'Chloé']);
    expect(json.text).not.toMatch(/argon2|token_hash|storage_?key|password_?hash/i);
    const html = await request('/portail/dossier/donnees/export/html', { cookie, localAddress: IP });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-disposition']).toMatch(/^attachment; /);
    expect(html.text).toContain('<h1>Mes données – Portail famille de Saint-Exemple</h1>');
    expect(html.text).not.toContain('<script');
    expect((await request('/portail/dossier/donnees/export/xml', { cookie, localAddress: IP })).status).toBe(404);
  });
});

describe('accessibility of every new page and of the error states (axe-core needs JavaScript)', () => {
  it('has no axe violation on the pages, the forms in error, a démarche, and the agent’s pages', async () => {
    const { page, close } = await parentPage();
    try {
      for (const [url, title] of [
        ['/portail/dossier/donnees', d.data.title],
        ['/portail/dossier/compte', d.account.title],
        ['/portail/dossier/confirmer-email?token=pas-un-jeton', d.emailConfirm.title],
      ] as const) {
        await page.goto(`${baseUrl()}${url}`);
        await heading(page, title);
        await expectNoAxeViolations(page);
      }
      expect(await page.getByRole('main').textContent()).toContain(d.emailConfirm.invalid);
      // Forms in error: the summary takes the focus.
      await page.goto(`${baseUrl()}/portail/dossier/coordonnees`);
      await page.getByLabel(d.contact.familyPhone, { exact: true }).fill('12');
      await page.getByRole('button', { name: d.contact.savePhones }).click();
      await alertWith(page, d.fieldErrors.invalid);
      await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
      await expectNoAxeViolations(page);
      await page.goto(`${baseUrl()}/portail/dossier/donnees`);
      await page.getByRole('button', { name: d.data.submit }).click();
      await alertWith(page, d.data.confirmRequired);
      await expectNoAxeViolations(page);
      await page.goto(`${baseUrl()}/portail/inscriptions/nouvelle`);
      await page.getByRole('link', { name: `${d.enrol.choose} « Garderie du matin Les Lutins »` }).click();
      await heading(page, 'Garderie du matin Les Lutins');
      await page.getByRole('button', { name: d.enrol.submitAutomatic }).click();
      await alertWith(page, d.enrol.errors.no_child);
      await expectNoAxeViolations(page);
      // A démarche of the family (asked here, over the form), then withdrawn from its page.
      await page.goto(`${baseUrl()}/portail/dossier/coordonnees`);
      await page.locator('#person1-fullName').fill('Paul Durand');
      await page.locator('#person1-relationship').fill('voisin');
      await page.locator('#person1-phone').fill('0601020304');
      await page.getByRole('button', { name: d.contact.sendPersons }).click();
      await page.waitForURL(/ok=demande-envoyee/);
      await page.getByRole('link', { name: /^Voir Personnes autorisées/ }).first().click();
      await heading(page, d.request.title('Personnes autorisées'));
      await expectNoAxeViolations(page);
    } finally {
      await close();
    }
    const agent = await agentPage();
    try {
      await agent.page.goto(`${baseUrl()}/admin/demarches?type=authorised_persons`);
      await agent.page.getByRole('link', { name: /^Ouvrir Personnes autorisées – Martin/ }).first().click();
      await agent.page.getByRole('button', { name: d.admin.refuse, exact: true }).click();
      await alertWith(agent.page, d.admin.errors.message_required);
      await expectNoAxeViolations(agent.page);
      await agent.page.getByLabel(d.admin.message).fill('Merci d’indiquer le lien exact avec l’enfant.');
      await agent.page.getByRole('button', { name: d.admin.refuse, exact: true }).click();
      await agent.page.waitForURL(/ok=refusee/);
      await expectNoAxeViolations(agent.page);
    } finally {
      await agent.close();
    }
  });

  it('reflows at phone width without a horizontal scroll on the dossier and the enrolment form', async () => {
    const { context, page } = await openPage(browser, { mobile: true });
    try {
      await loginAs(page, baseUrl(), MARTIN.username, MARTIN.password);
      await page.waitForURL(`${baseUrl()}/portail`);
      for (const url of ['/portail/dossier/coordonnees', '/portail/inscriptions', '/portail/inscriptions/nouvelle']) {
        await page.goto(`${baseUrl()}${url}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, url).toBeLessThanOrEqual(1);
        await expectNoAxeViolations(page);
      }
    } finally {
      await context.close();
    }
  });
});

describe('over HTTP: another family’s ids, hostile uploads, downloads', () => {
  let cookie: string;
  let other: { familyId: string; childId: string; guardianId: string; documentId: string; requestId: string };

  beforeAll(async () => {
    cookie = await loginHttp('parent', IP);
    // Another family of the demo with a document and a request of its own (written as the server would).
    const db = new Database(dbPath(), { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      const family = db.prepare(`SELECT f.id FROM families f WHERE f.name <> 'Martin' AND EXISTS (SELECT 1 FROM children c WHERE c.family_id = f.id) AND EXISTS (SELECT 1 FROM guardians g WHERE g.family_id = f.id) ORDER BY f.file_number LIMIT 1`).get() as { id: string };
      const child = db.prepare('SELECT id FROM children WHERE family_id = ? LIMIT 1').get(family.id) as { id: string };
      const guardian = db.prepare('SELECT id FROM guardians WHERE family_id = ? LIMIT 1').get(family.id) as { id: string };
      const now = new Date().toISOString();
      const documentId = randomUUID();
      const requestId = randomUUID();
      db.prepare(
        `INSERT INTO family_documents (id, family_id, child_id, kind, storage_key, file_name, media_type, size_bytes, status, created_at) VALUES (?, ?, ?, 'assurance', ?, 'assurance-autre-famille.pdf', 'application/pdf', 100, 'pending', ?)`,
      ).run(documentId, family.id, child.id, randomUUID().replace(/-/g, ''), now);
      db.prepare(
        `INSERT INTO requests (id, family_id, kind, subject, status, payload, family_note, created_at) VALUES (?, ?, 'authorised_persons', ?, 'submitted', '{"kind":"authorised_persons","persons":[]}', '', ?)`,
      ).run(requestId, family.id, `e2e-${requestId}`, now);
      other = { familyId: family.id, childId: child.id, guardianId: guardian.id, documentId, requestId };
    } finally {
      db.close();
    }
  });

  const same = (a: HttpResponse, b: HttpResponse, what: string) => {
    expect(a.status, what).toBe(404);
    expect(b.status, what).toBe(404);
    expect(mainText(a.text), what).toBe(mainText(b.text));
  };

  const post = (url: string, fields: Record<string, string>, files: Record<string, { name: string; type: string; bytes: Buffer }> = {}) => {
    const { body, contentType } = multipart(fields, files);
    return request(url, { method: 'POST', body, headers: { 'Content-Type': contentType }, cookie, localAddress: IP });
  };

  it('answers 404 for another family’s child, document, request and guardian, exactly as for an unknown id, and changes nothing', async () => {
    const unknown = randomUUID();
    const pdf = { name: 'x.pdf', type: 'application/pdf', bytes: minimalPdf() };
    const wednesday = readDb((db) => (db.prepare(`SELECT id FROM activities WHERE name = ? ORDER BY school_year_id DESC LIMIT 1`).get(WEDNESDAY) as { id: string }).id);
    const morning = readDb((db) => (db.prepare(`SELECT id FROM activities WHERE name = 'Garderie du matin Les Lutins' ORDER BY school_year_id DESC LIMIT 1`).get() as { id: string }).id);
    const documentsBefore = readDb((db) => (db.prepare('SELECT count(*) AS n FROM family_documents').get() as { n: number }).n);
    const enrolmentsBefore = readDb((db) => (db.prepare('SELECT count(*) AS n FROM enrolments WHERE child_id = ?').get(other.childId) as { n: number }).n);
    const checks: [string, (id: string) => Promise<HttpResponse>, string][] = [
      ['GET a document', (id) => request(`/portail/dossier/documents/${id}`, { cookie, localAddress: IP }), other.documentId],
      ['GET a request', (id) => request(`/portail/dossier/demarches/${id}`, { cookie, localAddress: IP }), other.requestId],
      ['withdraw a request', (id) => request(`/portail/dossier/demarches/${id}`, { form: { intent: 'withdraw' }, cookie, localAddress: IP }), other.requestId],
      ['delete a document', (id) => request('/portail/dossier/documents', { form: { intent: 'delete', documentId: id }, cookie, localAddress: IP }), other.documentId],
      ['upload for a child', (id) => post('/portail/dossier/documents', { intent: 'upload', kind: 'autre', childId: id }, { file: pdf }), other.childId],
      ['health of a child', (id) => post('/portail/dossier/coordonnees', { intent: 'health', childId: id, [`diet-${id}`]: 'vegetarien', [`allergies-${id}`]: '' }), other.childId],
      ['proof of a request', (id) => post('/portail/dossier/coordonnees', { intent: 'address', addressLine: '1 rue X', postalCode: '69999', city: 'Saint-Exemple', 'address-existing': id }), other.documentId],
      ['phone of a guardian', (id) => request('/portail/dossier/coordonnees', { form: { intent: 'phones', phone: '06 11 22 33 44', [`guardian-${id}`]: '06 00 00 00 00' }, cookie, localAddress: IP }), other.guardianId],
      ['enrol a child', (id) => post('/portail/inscriptions/nouvelle', { intent: 'enrol', activityId: morning, children: id }), other.childId],
      ['document of an enrolment', (id) => post('/portail/inscriptions/nouvelle', { intent: 'enrol', activityId: wednesday, children: martin().children['Chloé'], 'doc-assurance-existing': id }), other.documentId],
      ['an activity', (id) => request(`/portail/inscriptions/nouvelle?activite=${id}`, { cookie, localAddress: IP }), randomUUID()],
    ];
    for (const [what, call, foreign] of checks) same(await call(foreign), await call(unknown), what);
    // Nothing of the other family changed, nothing was stored.
    readDb((db) => {
      expect((db.prepare('SELECT status FROM requests WHERE id = ?').get(other.requestId) as { status: string }).status).toBe('submitted');
      expect((db.prepare('SELECT deleted_at FROM family_documents WHERE id = ?').get(other.documentId) as { deleted_at: string | null }).deleted_at).toBeNull();
      expect((db.prepare('SELECT count(*) AS n FROM family_documents').get() as { n: number }).n).toBe(documentsBefore);
      expect((db.prepare('SELECT phone FROM guardians WHERE id = ?').get(other.guardianId) as { phone: string }).phone).not.toBe('06 00 00 00 00');
      expect((db.prepare('SELECT count(*) AS n FROM enrolments WHERE child_id = ?').get(other.childId) as { n: number }).n).toBe(enrolmentsBefore);
    });
    // Staff download the other family's document only through the démarches (a parent cannot).
    const agent = await loginHttp('agent', IP);
    expect((await request(`/admin/demarches/documents/${randomUUID()}`, { cookie: agent, localAddress: IP })).status).toBe(404);
    expect((await request(`/admin/demarches/${other.requestId}`, { cookie: agent, localAddress: IP })).status).toBe(200);
    expect((await request(`/admin/demarches/${other.requestId}`, { cookie, localAddress: IP })).status).toBe(403);
  });

  it('refuses a lying extension, HTML, SVG and oversize files, and stores nothing', async () => {
    const rows = () => readDb((db) => (db.prepare('SELECT count(*) AS n FROM family_documents').get() as { n: number }).n);
    const [rowsBefore, filesBefore] = [rows(), filesUnder(uploadsDir()).length];
    const upload = (name: string, type: string, bytes: Buffer, announceOnly = false) => {
      const { body, contentType } = multipart({ intent: 'upload', kind: 'autre' }, { file: { name, type, bytes } });
      return request('/portail/dossier/documents', { method: 'POST', body, headers: { 'Content-Type': contentType }, cookie, localAddress: IP, announceOnly });
    };
    const cases: [string, string, Buffer, number, string][] = [
      ['photo.pdf', 'application/pdf', PNG, 400, 'L’extension du nom du fichier ne correspond pas à son contenu'],
      ['facture.pdf', 'application/pdf', HTML, 400, 'ni un PDF, ni une image JPEG ou PNG'],
      ['page.html', 'text/html', HTML, 400, 'ni un PDF, ni une image JPEG ou PNG'],
      ['logo.svg', 'image/svg+xml', SVG, 400, 'ni un PDF, ni une image JPEG ou PNG'],
      ['logo.png', 'image/png', SVG, 400, 'ni un PDF, ni une image JPEG ou PNG'],
      ['gros.pdf', 'application/pdf', Buffer.concat([minimalPdf(), Buffer.alloc(5 * 1024 * 1024)]), 413, 'dépasse la taille maximale'],
    ];
    for (const [name, type, bytes, status, message] of cases) {
      const res = await upload(name, type, bytes);
      expect(res.status, name).toBe(status);
      expect(mainText(res.text), name).toContain(message);
    }
    const farOver = await upload('enorme.pdf', 'application/pdf', Buffer.concat([minimalPdf(), Buffer.alloc(8 * 1024 * 1024)]), true);
    expect(farOver.status).toBe(413);
    expect(rows()).toBe(rowsBefore);
    expect(filesUnder(uploadsDir()).length).toBe(filesBefore);
  });

  it('neutralises hostile names; downloads are attachments with a safe name, for the family only', async () => {
    const names: [string, string][] = [
      ['../../etc/passwd.pdf', 'passwd.pdf'],
      ['<img src=x onerror=alert(1)>.pdf', 'img src-x onerror-alert-1.pdf'],
      ['a\tb;c=d.PDF', 'a-b-c-d.pdf'],
    ];
    for (const [name, safe] of names) {
      const { body, contentType } = multipart({ intent: 'upload', kind: 'autre' }, { file: { name, type: 'application/pdf', bytes: minimalPdf(safe.slice(0, 8)) } });
      const res = await request('/portail/dossier/documents', { method: 'POST', body, headers: { 'Content-Type': contentType }, cookie, localAddress: IP });
      expect(res.status, name).toBe(302);
      const page = await request('/portail/dossier/documents', { cookie, localAddress: IP });
      expect(page.text).not.toContain('<img src=x');
      const id = readDb((db) => (db.prepare(`SELECT id FROM family_documents WHERE file_name = ? ORDER BY created_at DESC LIMIT 1`).get(safe) as { id: string } | undefined)?.id);
      expect(id, safe).toBeTruthy();
      const download = await request(`/portail/dossier/documents/${id}`, { cookie, localAddress: IP });
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toBe(`attachment; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(safe)}`);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['cache-control']).toContain('no-store');
      expect(download.body.subarray(0, 5).toString()).toBe('%PDF-');
      // Anonymous: sent to the login page; the agent reads it through the démarches, as an attachment too.
      expect((await request(`/portail/dossier/documents/${id}`, { localAddress: IP })).status).toBe(302);
      const agent = await loginHttp('agent', IP);
      const staff = await request(`/admin/demarches/documents/${id}`, { cookie: agent, localAddress: IP });
      expect(staff.headers['content-disposition']).toMatch(/^attachment; /);
    }
    // Stored under random names outside the web root.
    for (const file of filesUnder(uploadsDir())) expect(path.basename(file)).toMatch(/^[a-f0-9]{32}$/);
  });

  it('lets the family withdraw a request of its own and shows nothing of the session id', async () => {
    const res = await request('/portail/dossier/coordonnees', {
      form: { intent: 'persons', 'person0-fullName': 'Paul Durand', 'person0-relationship': 'voisin', 'person0-phone': '06 01 02 03 04' },
      cookie,
      localAddress: IP,
    });
    // A form without a file posted as urlencoded works too.
    expect(res.status).toBe(302);
    const id = readDb((db) => (db.prepare(`SELECT r.id FROM requests r JOIN families f ON f.id = r.family_id WHERE f.name = 'Martin' AND r.kind = 'authorised_persons' AND r.status = 'submitted'`).get() as { id: string }).id);
    const detail = await request(`/portail/dossier/demarches/${id}`, { cookie, localAddress: IP });
    expect(mainText(detail.text)).toContain('Paul Durand (voisin, 06 01 02 03 04)');
    const withdrawn = await request(`/portail/dossier/demarches/${id}`, { form: { intent: 'withdraw' }, cookie, localAddress: IP });
    expect(withdrawn.status).toBe(302);
    expect(withdrawn.location).toBe('/portail/dossier?ok=demande-retiree');
    // The sessions list shows devices, never a session id or its hash.
    const account = await request('/portail/dossier/compte', { cookie, localAddress: IP });
    expect(account.text).not.toContain(cookie.split('=')[1]);
    expect(account.text).not.toMatch(/[a-f0-9]{64}/);
  });
});
