/** Staff import a newer official school-holiday CSV: a faulty file is refused line by line, a good one replaces it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fr } from '../../app/i18n/fr';
import { expectNoAxeViolations, launchBrowser, loginAs } from '../harness/browser';
import { ACCOUNTS, baseUrl, openPage } from './helpers';

const OFFICIAL = path.resolve(import.meta.dirname, '..', '..', 'core', 'calendar', 'data', 'vacances-scolaires.csv');
const c = fr.admin.calendar;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('school-holiday calendar import', () => {
  for (const javaScript of [true, false]) {
    it(`refuses a faulty file with its line errors, then imports the official one (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartine-calendar-'));
      const faulty = path.join(dir, 'faux.csv');
      fs.writeFileSync(faulty, 'description,zone,start_date,end_date,school_year\nVacances de Noël,Zone A,2027-13-19,2028-01-03,2027-2028\n');
      const { context, page } = await openPage(browser, { javaScript });
      try {
        await loginAs(page, baseUrl(), ACCOUNTS.agent.username, ACCOUNTS.agent.password);
        await page.waitForURL(`${baseUrl()}/admin`);
        await page.goto(`${baseUrl()}/admin/calendrier`);
        if (javaScript) await expectNoAxeViolations(page);
        await page.getByLabel(c.file).setInputFiles(faulty);
        await page.getByRole('button', { name: c.submit }).click();
        await page.getByRole('alert').filter({ hasText: c.errorsTitle }).waitFor();
        expect(await page.getByRole('alert').textContent()).toMatch(/Ligne 2/);
        expect(await page.title()).toMatch(/^Erreur : /);
        if (javaScript) await expectNoAxeViolations(page);

        await page.getByLabel(c.file).setInputFiles(OFFICIAL);
        await page.getByRole('button', { name: c.submit }).click();
        await page.waitForURL(/importe=/);
        expect(await page.getByRole('status').textContent()).toMatch(/Calendrier importé : 243 périodes/);
        expect(await page.locator('main').textContent()).toContain('importé le');
      } finally {
        await context.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
