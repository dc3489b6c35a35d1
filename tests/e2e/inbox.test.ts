/**
 * The single démarches inbox through the browser: the counts on the admin home, the filters by kind, status and
 * site (kept in the URL and in the form, with or without JavaScript), the waiting lists section; axe on each state.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, loginAs } from '../harness/browser';
import { ACCOUNTS, baseUrl, openPage } from './helpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('démarches inbox', () => {
  it('shows the counts on the admin home, filters by kind, status and site, and lists the waiting lists', async () => {
    // JavaScript on: axe runs in the page (the filters are a plain GET form, checked without JavaScript below).
    const { context, page } = await openPage(browser);
    try {
      await loginAs(page, baseUrl(), ACCOUNTS.agent.username, ACCOUNTS.agent.password);
      await page.waitForURL(`${baseUrl()}/admin`);
      const card = page.getByRole('region', { name: 'Démarches à traiter' });
      expect(await card.textContent()).toMatch(/(aucune démarche|\d+ démarches?) à traiter/);
      await card.getByRole('link', { name: 'Ouvrir les démarches' }).click();
      await page.waitForURL(`${baseUrl()}/admin/demarches`);
      await page.getByRole('heading', { level: 1, name: 'Démarches des familles' }).waitFor();
      expect(await page.getByLabel('État').inputValue()).toBe('submitted');
      await page.getByRole('heading', { level: 2, name: 'Listes d’attente' }).waitFor();
      await expectNoAxeViolations(page);

      // Accepted changes of address at the first site: the filters travel in the URL and stay selected.
      const site = page.getByLabel('Site');
      const firstSite = await site.locator('option').nth(1).getAttribute('value');
      expect(firstSite).toBeTruthy();
      await page.getByLabel('Type').selectOption('address');
      await page.getByLabel('État').selectOption('accepted');
      await site.selectOption(firstSite!);
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL(`${baseUrl()}/admin/demarches?type=address&etat=accepted&site=${encodeURIComponent(firstSite!)}`);
      expect(await page.getByLabel('Type').inputValue()).toBe('address');
      expect(await page.getByLabel('État').inputValue()).toBe('accepted');
      expect(await site.inputValue()).toBe(firstSite);
      const results = page.getByRole('table', { name: /^Démarches correspondant aux filtres/ });
      if ((await results.count()) > 0) {
        for (const kind of await results.getByRole('rowheader').allTextContents()) expect(kind.trim()).toBe('Changement d’adresse');
        for (const status of await results.locator('.status').allTextContents()) expect(status.trim()).toBe('Acceptée');
      } else {
        await page.getByText('Aucune démarche ne correspond à ces filtres.').waitFor();
      }
      // The latest decisions belong to the default view only.
      expect(await page.getByRole('heading', { name: 'Dernières décisions' }).count()).toBe(0);
      await expectNoAxeViolations(page);

      // An unknown filter value falls back to the default view.
      await page.goto(`${baseUrl()}/admin/demarches?type=inconnu&etat=supprimee&site=ailleurs`);
      expect(await page.getByLabel('Type').inputValue()).toBe('');
      expect(await page.getByLabel('État').inputValue()).toBe('submitted');
      expect(await page.getByLabel('Site').inputValue()).toBe('');
      await page.getByRole('heading', { name: 'Dernières décisions' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('filters without JavaScript', async () => {
    const { context, page } = await openPage(browser, { javaScript: false });
    try {
      await loginAs(page, baseUrl(), ACCOUNTS.agent.username, ACCOUNTS.agent.password);
      await page.waitForURL(`${baseUrl()}/admin`);
      await page.goto(`${baseUrl()}/admin/demarches`);
      await page.getByLabel('Type').selectOption('enrolment');
      await page.getByLabel('État').selectOption('waiting');
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL(`${baseUrl()}/admin/demarches?type=enrolment&etat=waiting&site=`);
      expect(await page.getByLabel('Type').inputValue()).toBe('enrolment');
      expect(await page.getByLabel('État').inputValue()).toBe('waiting');
      await page.getByRole('heading', { level: 2, name: 'Listes d’attente' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
