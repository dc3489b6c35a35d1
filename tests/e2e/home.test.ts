/**
 * The public home page (seed step 1), the public pages' accessibility, reflow at 320 px, the footer's legal
 * mention and the language switch.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../harness/browser';
import { baseUrl, openPage, request } from './helpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('home page', () => {
  it('shows the commune, the news newest first, the documents and the « Connectez-vous » box', async () => {
    const { context, page } = await openPage(browser);
    const response = await page.goto(`${baseUrl()}/`);
    expect(response?.status()).toBe(200);

    expect(await page.getByRole('banner').textContent()).toContain('Saint-Exemple');
    expect(await page.title()).toContain('Saint-Exemple');

    const news = page.getByRole('region', { name: 'Actualités' });
    expect(await news.getByRole('heading', { level: 2, name: 'Actualités' }).count()).toBe(1);
    const articles = news.getByRole('article');
    expect(await articles.count()).toBeGreaterThanOrEqual(2);
    const dates = await news.locator('article time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    expect(dates.length).toBe(await articles.count());
    for (const d of dates) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect([...dates].sort().reverse()).toEqual(dates);
    // Each item has a title and a visible date.
    for (const article of await articles.all()) {
      expect(await article.getByRole('heading', { level: 3 }).count()).toBe(1);
      expect((await article.locator('time').textContent())?.trim()).toMatch(/\d{4}/);
    }

    const documents = page.getByRole('region', { name: 'Documents' });
    expect(await documents.getByRole('heading', { level: 2, name: 'Documents' }).count()).toBe(1);

    const login = page.getByRole('region', { name: 'Connectez-vous' });
    expect(await login.getByRole('heading', { name: 'Connectez-vous' }).count()).toBe(1);
    expect(await login.getByLabel('Nom d’utilisateur').count()).toBe(1);
    expect(await login.getByLabel('Mot de passe', { exact: true }).getAttribute('type')).toBe('password');
    expect(await login.getByLabel('Se rappeler de moi').getAttribute('type')).toBe('checkbox');
    expect(await login.getByRole('link', { name: 'Mot de passe oublié ?' }).getAttribute('href')).toBe('/mot-de-passe-oublie');
    expect(await login.getByRole('button', { name: 'Se connecter' }).count()).toBe(1);
    await context.close();
  });

  it('has the legal accessibility mention linking to /accessibilite in the footer', async () => {
    const { context, page } = await openPage(browser, { javaScript: false });
    await page.goto(`${baseUrl()}/`);
    const link = page.getByRole('contentinfo').getByRole('link', { name: /^Accessibilité : (non|partiellement|totalement) conforme$/ });
    expect(await link.count()).toBe(1);
    expect(await link.getAttribute('href')).toBe('/accessibilite');
    await link.click();
    await page.waitForURL(`${baseUrl()}/accessibilite`);
    expect(await page.getByRole('heading', { level: 1, name: 'Accessibilité' }).count()).toBe(1);
    expect(await page.getByRole('main').textContent()).toContain('Défenseur des droits');
    await context.close();
  });

  it('has no broken internal link (menus, news bodies, documents)', async () => {
    const { context, page } = await openPage(browser, { javaScript: false });
    await page.goto(`${baseUrl()}/`);
    const hrefs = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    await context.close();
    const broken: string[] = [];
    for (const href of [...new Set(hrefs)]) {
      const res = await request(href.split('#')[0] || '/');
      if (res.status >= 400) broken.push(`${href} → ${res.status}`);
    }
    expect(broken).toEqual([]);
  });

  it('starts with a skip link to the main content', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${baseUrl()}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, href: document.activeElement?.getAttribute('href') }));
    expect(focused).toEqual({ text: 'Aller au contenu', href: '#contenu' });
    expect(await page.locator('main#contenu').count()).toBe(1);
    await context.close();
  });

  it('reflows at 320 px: no horizontal scroll on the home page', async () => {
    const { context, page } = await openPage(browser, { mobile: true });
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${baseUrl()}/`);
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
    expect(scrollWidth).toBeLessThanOrEqual(320);
    await context.close();
  });

  for (const javaScript of [true, false]) {
    it(`switches to English and back with the footer button (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const { context, page } = await openPage(browser, { javaScript });
      await page.goto(`${baseUrl()}/`);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');

      await page.getByRole('contentinfo').getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 2, name: 'News' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByRole('region', { name: 'Sign in' }).getByRole('button', { name: 'Sign in' }).count()).toBe(1);
      expect(await page.getByRole('contentinfo').getByRole('link', { name: /^Accessibility: (not|partially|fully) compliant$/ }).count()).toBe(1);

      await page.getByRole('contentinfo').getByRole('button', { name: 'Français' }).click();
      await page.getByRole('heading', { level: 2, name: 'Actualités' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await context.close();
    });
  }
});

describe('accessibility of the public pages (axe-core, WCAG 2.1 A/AA)', () => {
  const pages = ['/', '/connexion', '/mot-de-passe-oublie', '/reinitialiser-mot-de-passe?token=invalid', '/accessibilite'];
  for (const path of pages) {
    it(`has no violation on ${path}`, async () => {
      const { context, page } = await openPage(browser);
      await page.goto(`${baseUrl()}${path}`);
      await expectNoAxeViolations(page);
      await context.close();
    });
  }

  it('has no violation on the login page showing an error', async () => {
    // axe-core runs inside the page: it needs JavaScript (the server-rendered markup is the same without it).
    const { context, page } = await openPage(browser);
    await page.goto(`${baseUrl()}/connexion`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.title()).toMatch(/^Erreur : /);
    await expectNoAxeViolations(page);
    await context.close();
  });
});
