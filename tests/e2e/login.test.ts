/**
 * Accounts and sessions, through the real pages, with JavaScript on and off: the demo parent logs in, sees the
 * tutorial's menu, the family and the children, opens a « bientôt disponible » page and logs out; wrong
 * credentials get one generic message; the session cookie's attributes; a new session id at every login.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, loginAs } from '../harness/browser';
import {
  ACCOUNTS,
  baseUrl,
  browserSessionCookie,
  cookieValue,
  mainText,
  openPage,
  postLogin,
  request,
  SESSION_COOKIE,
  setCookieHeader,
  SOURCE_IP,
} from './helpers';

const INVALID = 'Identifiant ou mot de passe incorrect.';
const THIRTY_DAYS_S = 30 * 24 * 60 * 60;
const parent = ACCOUNTS.parent;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

for (const javaScript of [true, false]) {
  describe(`login and logout (JavaScript ${javaScript ? 'on' : 'off'})`, () => {
    it('lets famille.martin log in, see the portal and log out; the old session cookie is dead', async () => {
      const { context, page } = await openPage(browser, { javaScript });
      await loginAs(page, baseUrl(), parent.username, parent.password);
      await page.waitForURL(`${baseUrl()}/portail`);
      // With JavaScript the URL changes before the new page is rendered.
      await page.getByRole('heading', { level: 1, name: /Martin/ }).waitFor();

      // The tutorial's menu, as a navigation landmark, in order.
      const nav = page.getByRole('navigation', { name: 'Menu principal' });
      const entries = (await nav.getByRole('link').allTextContents()).map((s) => s.trim());
      expect(entries).toEqual(['Accueil', 'Dossier', 'Inscriptions', 'Planning', 'Facturation']);
      expect(await nav.getByRole('link', { name: 'Accueil' }).getAttribute('aria-current')).toBe('page');

      // The family and its children.
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Martin/);
      expect(await page.getByRole('banner').textContent()).toContain('Famille Martin');
      const children = page.getByRole('region', { name: 'Vos enfants' });
      const names = (await children.getByRole('listitem').allTextContents()).map((s) => s.trim());
      expect(names).toEqual(expect.arrayContaining(['Sarah', 'Chloé']));

      // The tutorial's sub-entries.
      for (const label of [
        'Consulter mon dossier et mes démarches',
        'Inscrire les enfants à de nouvelles activités',
        'Visualiser le planning de mes enfants',
        'Effectuer de nouvelles réservations',
        'Payer mes factures',
      ]) {
        expect(await page.getByRole('main').getByRole('link', { name: label }).count(), label).toBe(1);
      }
      expect(await page.getByRole('link', { name: 'Visualiser le planning de mes enfants' }).getAttribute('href')).toBe('/portail/planning');
      // axe-core runs inside the page, so only with JavaScript (the server renders the same markup without it).
      if (javaScript) await expectNoAxeViolations(page);

      // The Facturation section: its first page, with the tutorial's three entries as a sub-menu.
      await nav.getByRole('link', { name: 'Facturation' }).click();
      await page.waitForURL(`${baseUrl()}/portail/facturation`);
      await page.getByRole('heading', { level: 1, name: 'Payer mes factures' }).waitFor();
      expect(await page.getByRole('main').textContent()).toContain('Restant dû');
      expect(await nav.getByRole('link', { name: 'Facturation' }).getAttribute('aria-current')).toBe('page');
      const subNav = page.getByRole('navigation', { name: 'Facturation' });
      expect((await subNav.getByRole('link').allTextContents()).map((s) => s.trim())).toEqual([
        'Payer mes factures',
        'Consulter l’historique de mon compte',
        'Mes prélèvements',
      ]);
      if (javaScript) await expectNoAxeViolations(page);

      // The session cookie: HttpOnly, SameSite=Lax, a browser session (no expiry) without « Se rappeler de moi ».
      const cookie = await browserSessionCookie(context);
      expect(cookie).toBeDefined();
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe('Lax');
      expect(cookie?.expires).toBe(-1);
      const saved = `${SESSION_COOKIE}=${cookie?.value}`;
      expect((await request('/portail', { cookie: saved })).status).toBe(200);

      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL(`${baseUrl()}/connexion?info=deconnecte`);
      await page.getByRole('status').filter({ hasText: 'Vous êtes déconnecté.' }).waitFor();
      expect(await browserSessionCookie(context)).toBeUndefined();

      // The server ended the session: the saved cookie no longer opens the portal.
      const after = await request('/portail', { cookie: saved });
      expect(after.status).toBe(302);
      expect(after.location).toBe('/connexion?redirectTo=%2Fportail');
      await context.close();
    });

    it('answers a wrong password and an unknown user with the same generic message', async () => {
      const { context, page } = await openPage(browser, { javaScript });
      const messages: string[] = [];
      for (const [identifier, password] of [
        [parent.username, 'Pas-le-bon-mot-de-passe-2026'],
        ['personne.inconnue', 'Pas-le-bon-mot-de-passe-2026'],
      ]) {
        await loginAs(page, baseUrl(), identifier, password);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        messages.push((await alert.textContent()) ?? '');
        expect(new URL(page.url()).pathname).toBe('/connexion');
        expect(await page.title()).toMatch(/^Erreur : /);
        expect(await page.getByLabel('Nom d’utilisateur').inputValue()).toBe(identifier);
        expect(await browserSessionCookie(context)).toBeUndefined();
      }
      expect(messages[0]).toContain(INVALID);
      expect(messages[1]).toBe(messages[0]);
      if (javaScript) await expectNoAxeViolations(page);
      await context.close();
    });

    it('keeps the session 30 days with « Se rappeler de moi » and issues a new session id at every login', async () => {
      const { context, page } = await openPage(browser, { javaScript });
      // A session id planted before login (session fixation) is never kept.
      await context.addCookies([{ name: SESSION_COOKIE, value: 'planted-by-an-attacker', url: baseUrl() }]);
      await page.goto(`${baseUrl()}/connexion`);
      await page.getByLabel('Nom d’utilisateur').fill(parent.username);
      await page.getByLabel('Mot de passe', { exact: true }).fill(parent.password);
      await page.getByLabel('Se rappeler de moi').check();
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${baseUrl()}/portail`);
      const first = await browserSessionCookie(context);
      expect(first?.value).toBeDefined();
      expect(first?.value).not.toBe('planted-by-an-attacker');
      const expectedExpiry = Date.now() / 1000 + THIRTY_DAYS_S;
      expect(Math.abs((first?.expires ?? 0) - expectedExpiry)).toBeLessThan(3600);
      expect(first?.httpOnly).toBe(true);
      expect(first?.sameSite).toBe('Lax');

      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL(`${baseUrl()}/connexion?info=deconnecte`);
      await loginAs(page, baseUrl(), parent.username, parent.password);
      await page.waitForURL(`${baseUrl()}/portail`);
      const second = await browserSessionCookie(context);
      expect(second?.value).toBeDefined();
      expect(second?.value).not.toBe(first?.value);
      expect(second?.expires).toBe(-1);
      await context.close();
    });

    it('sends an anonymous visitor to the login page and back to the page asked for', async () => {
      const { context, page } = await openPage(browser, { javaScript });
      await page.goto(`${baseUrl()}/portail/facturation/historique`);
      await page.waitForURL(`${baseUrl()}/connexion?redirectTo=%2Fportail%2Ffacturation%2Fhistorique`);
      await page.getByLabel('Nom d’utilisateur').fill(parent.username);
      await page.getByLabel('Mot de passe', { exact: true }).fill(parent.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${baseUrl()}/portail/facturation/historique`);
      await page.getByRole('heading', { level: 1, name: 'Consulter l’historique de mon compte' }).waitFor();
      await context.close();
    });
  });
}

describe('the session cookie over HTTP', () => {
  const ip = SOURCE_IP.login;

  it('is HttpOnly, SameSite=Lax, Path=/, without Max-Age, and carries at least 128 random bits', async () => {
    const res = await postLogin(parent.username, parent.password, { localAddress: ip });
    expect(res.status).toBe(302);
    expect(res.location).toBe('/portail');
    const header = setCookieHeader(res.setCookies, SESSION_COOKIE) ?? '';
    const attributes = header.split(';').map((s) => s.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');
    expect(attributes.some((a) => a.startsWith('max-age') || a.startsWith('expires'))).toBe(false);
    const token = cookieValue(res.setCookies, SESSION_COOKIE) ?? '';
    // 16 bytes are 22 characters of base64url, 32 of hex.
    expect(token.length).toBeGreaterThanOrEqual(22);
  });

  it('lasts 30 days with « Se rappeler de moi »', async () => {
    const res = await postLogin(parent.username, parent.password, { remember: true, localAddress: ip });
    expect(res.status).toBe(302);
    const header = setCookieHeader(res.setCookies, SESSION_COOKIE) ?? '';
    const maxAge = /max-age=(\d+)/i.exec(header);
    expect(maxAge?.[1]).toBe(String(THIRTY_DAYS_S));
  });

  it('gives a new session id at each login, and logging in again replaces the session sent with the form', async () => {
    const a = cookieValue((await postLogin(parent.username, parent.password, { localAddress: ip })).setCookies, SESSION_COOKIE);
    const b = cookieValue((await postLogin(parent.username, parent.password, { localAddress: ip })).setCookies, SESSION_COOKIE);
    expect(a).toBeTruthy();
    expect(b).toBeTruthy();
    expect(a).not.toBe(b);
    // A login posted with an existing session: the old id stops working.
    const c = await postLogin(parent.username, parent.password, { localAddress: ip, cookie: `${SESSION_COOKIE}=${b}` });
    expect(c.status).toBe(302);
    const fresh = cookieValue(c.setCookies, SESSION_COOKIE);
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(b);
    expect((await request('/portail', { cookie: `${SESSION_COOKIE}=${b}` })).status).toBe(302);
    expect((await request('/portail', { cookie: `${SESSION_COOKIE}=${fresh}` })).status).toBe(200);
  });

  it('accepts the e-mail address as identifier', async () => {
    const res = await postLogin(parent.email, parent.password, { localAddress: ip });
    expect(res.status).toBe(302);
    expect(res.location).toBe('/portail');
  });

  it('answers wrong credentials and unknown users identically (400, generic message, no cookie)', async () => {
    const wrong = await postLogin(parent.username, 'Pas-le-bon-mot-de-passe-2026', { localAddress: ip });
    const unknown = await postLogin('personne.inconnue', 'Pas-le-bon-mot-de-passe-2026', { localAddress: ip });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(400);
      expect(mainText(res.text)).toContain(INVALID);
      expect(cookieValue(res.setCookies, SESSION_COOKIE)).toBeUndefined();
    }
  });

  it('never redirects to another site after login (redirectTo)', async () => {
    for (const redirectTo of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const res = await request('/connexion', { form: { identifier: parent.username, password: parent.password, redirectTo }, localAddress: ip });
      expect(res.status).toBe(302);
      expect(res.location).toBe('/portail');
    }
  });
});
