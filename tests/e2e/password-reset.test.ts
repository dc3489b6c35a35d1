/**
 * The forgotten-password flow end to end through the file outbox, with JavaScript on and off, on the `agent`
 * account (famille.martin stays untouched; the agent's demo password is put back at the end of each run, so the
 * other files do not depend on the order).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, loginAs } from '../harness/browser';
import {
  ACCOUNTS,
  baseUrl,
  loginHttp,
  mainText,
  mailsSince,
  openPage,
  outboxFiles,
  postLogin,
  request,
  resetLinkIn,
  resetPasswordHttp,
  SOURCE_IP,
  waitForMail,
} from './helpers';

const agent = ACCOUNTS.agent;
const NEW_PASSWORD = 'Une tartine de confiture au petit matin 2026';
const SENT = 'Si un compte correspond, un e-mail vient de vous être envoyé.';
const INVALID_LINK = 'Ce lien n’est plus valable';
const ip = SOURCE_IP.passwordReset;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

for (const javaScript of [true, false]) {
  describe(`forgotten password (JavaScript ${javaScript ? 'on' : 'off'})`, () => {
    it('mails a single-use link that sets a new password, refuses a weak one and ends the other sessions', async () => {
      const { context, page } = await openPage(browser, { javaScript });
      const otherSession = await loginHttp('agent', ip);
      try {
        await page.goto(`${baseUrl()}/`);
        await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
        await page.waitForURL(`${baseUrl()}/mot-de-passe-oublie`);
        await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();

        const before = outboxFiles();
        await page.getByLabel('Nom d’utilisateur ou adresse e-mail').fill(agent.username);
        await page.getByRole('button', { name: 'Recevoir le lien' }).click();
        await page.getByRole('status').filter({ hasText: SENT }).waitFor();
        if (javaScript) await expectNoAxeViolations(page);

        const mail = await waitForMail(before, agent.email);
        expect(mailsSince(before)).toHaveLength(1);
        expect(mail.subject).toBe('Réinitialisation de votre mot de passe');
        const link = resetLinkIn(mail);
        expect(link.startsWith(`${baseUrl()}/reinitialiser-mot-de-passe?token=`)).toBe(true);
        const token = new URL(link).searchParams.get('token') ?? '';
        expect(token.length).toBeGreaterThanOrEqual(22);

        const opened = await page.goto(link);
        expect(opened?.status()).toBe(200);
        await page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }).waitFor();

        // A weak password: the French message, and nothing changes (the link stays usable).
        await page.getByLabel('Nouveau mot de passe').fill('motdepasse12');
        await page.getByLabel('Confirmez le mot de passe').fill('motdepasse12');
        await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
        const summary = page.getByRole('alert');
        await summary.waitFor();
        expect(await summary.textContent()).toContain('Ce mot de passe est trop facile à deviner.');
        expect(await page.title()).toMatch(/^Erreur : /);
        expect(await page.getByLabel('Nouveau mot de passe').getAttribute('aria-invalid')).toBe('true');
        if (javaScript) await expectNoAxeViolations(page);
        expect((await postLogin(agent.username, agent.password, { localAddress: ip })).status).toBe(302);
        expect((await request('/admin', { cookie: otherSession })).status).toBe(200);

        // A strong one.
        await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
        await page.getByLabel('Confirmez le mot de passe').fill(NEW_PASSWORD);
        await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
        await page.waitForURL(`${baseUrl()}/connexion?info=mot-de-passe-modifie`);
        await page.getByRole('status').filter({ hasText: 'Votre mot de passe a été modifié. Vous pouvez vous connecter.' }).waitFor();

        // Resetting ended every other session; the old password fails, the new one works.
        expect((await request('/admin', { cookie: otherSession })).status).toBe(302);
        const old = await postLogin(agent.username, agent.password, { localAddress: ip });
        expect(old.status).toBe(400);
        expect(mainText(old.text)).toContain('Identifiant ou mot de passe incorrect.');
        await loginAs(page, baseUrl(), agent.username, NEW_PASSWORD);
        await page.waitForURL(`${baseUrl()}/admin`);

        // The link is single-use.
        const reused = await page.goto(link);
        expect(reused?.status()).toBe(400);
        expect(await page.getByRole('main').textContent()).toContain(INVALID_LINK);
        expect(await page.getByLabel('Nouveau mot de passe').count()).toBe(0);
        expect(await page.getByRole('link', { name: 'Demander un nouveau lien' }).getAttribute('href')).toBe('/mot-de-passe-oublie');
        const replay = await request('/reinitialiser-mot-de-passe', {
          form: { token, password: 'Un autre mot de passe bien long 2027', confirm: 'Un autre mot de passe bien long 2027' },
          localAddress: ip,
        });
        expect(replay.status).toBe(400);
        expect(mainText(replay.text)).toContain(INVALID_LINK);
        expect((await postLogin(agent.username, NEW_PASSWORD, { localAddress: ip })).status).toBe(302);
      } finally {
        await context.close();
        await resetPasswordHttp(agent.username, agent.password, SOURCE_IP.passwordResetRestore);
      }
      expect((await postLogin(agent.username, agent.password, { localAddress: ip })).status).toBe(302);
    });

    it('gives an unknown identifier the same confirmation and sends no mail', async () => {
      const { context, page } = await openPage(browser, { javaScript });
      await page.goto(`${baseUrl()}/mot-de-passe-oublie`);
      const before = outboxFiles();
      await page.getByLabel('Nom d’utilisateur ou adresse e-mail').fill('personne.inconnue@example.fr');
      await page.getByRole('button', { name: 'Recevoir le lien' }).click();
      const notice = page.getByRole('status').filter({ hasText: SENT });
      await notice.waitFor();
      expect(await notice.textContent()).toBe(
        'Si un compte correspond, un e-mail vient de vous être envoyé. Pensez à vérifier vos courriers indésirables.',
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(mailsSince(before)).toEqual([]);
      await context.close();
    });
  });
}

describe('reset links over HTTP', () => {
  it('refuses an unknown token (400, French message, no form)', async () => {
    const res = await request('/reinitialiser-mot-de-passe?token=nimporte-quoi');
    expect(res.status).toBe(400);
    expect(mainText(res.text)).toContain(INVALID_LINK);
    expect(res.text.includes('name="password"'), 'the page contains name="password"').toBe(false);
  });

  it('refuses a password change posted with an unknown token, and changes nothing', async () => {
    const res = await request('/reinitialiser-mot-de-passe', {
      form: { token: 'nimporte-quoi', password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      localAddress: ip,
    });
    expect(res.status).toBe(400);
    expect(mainText(res.text)).toContain(INVALID_LINK);
  });
});
