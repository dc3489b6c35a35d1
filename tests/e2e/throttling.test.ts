/**
 * Login throttling per account (stored in the database): ten failures are answered normally, the 11th attempt is
 * refused with a clear French message (429) even with the right password, and the owner can still reset the
 * password, which lifts the lock. Plain form posts from this file's own loopback address, for speed; the
 * regisseur's demo password is set again through the reset flow, so the other files can log in as regisseur.
 */
import { describe, expect, it } from 'vitest';
import {
  ACCOUNTS,
  cookieValue,
  mainText,
  outboxFiles,
  postLogin,
  request,
  resetLinkIn,
  SESSION_COOKIE,
  SOURCE_IP,
  waitForMail,
} from './helpers';

const regisseur = ACCOUNTS.regisseur;
const INVALID = 'Identifiant ou mot de passe incorrect.';
const TOO_MANY = /Trop de tentatives de connexion\. Réessayez dans \d+ minutes?, ou réinitialisez votre mot de passe avec «\s?Mot de passe oublié\s?\?\s?»\./u;
const ip = SOURCE_IP.throttling;

describe('login throttling', () => {
  it('answers ten failures normally and refuses the 11th attempt, even with the right password (429)', async () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const res = await postLogin(regisseur.username, `Mauvais-mot-de-passe-${attempt}`, { localAddress: ip });
      expect(res.status, `attempt ${attempt}`).toBe(400);
      expect(mainText(res.text)).toContain(INVALID);
    }
    const eleventh = await postLogin(regisseur.username, regisseur.password, { localAddress: ip });
    expect(eleventh.status).toBe(429);
    expect(mainText(eleventh.text)).toMatch(TOO_MANY);
    expect(cookieValue(eleventh.setCookies, SESSION_COOKIE)).toBeUndefined();
  });

  it('locks the account, not only the address: another address is refused too', async () => {
    const res = await postLogin(regisseur.username, regisseur.password, { localAddress: SOURCE_IP.throttlingOther });
    expect(res.status).toBe(429);
    expect(mainText(res.text)).toMatch(TOO_MANY);
    expect(cookieValue(res.setCookies, SESSION_COOKIE)).toBeUndefined();
  });

  it('locks the account whatever identifier names it (its e-mail address too)', async () => {
    const res = await postLogin(regisseur.email, regisseur.password, { localAddress: SOURCE_IP.throttlingOther });
    expect(res.status).toBe(429);
    expect(cookieValue(res.setCookies, SESSION_COOKIE)).toBeUndefined();
  });

  it('lets the owner reset the password (the mail arrives), which lifts the lock', async () => {
    const before = outboxFiles();
    const asked = await request('/mot-de-passe-oublie', { form: { identifier: regisseur.username }, localAddress: ip });
    expect(asked.status).toBe(200);
    expect(mainText(asked.text)).toContain('Si un compte correspond, un e-mail vient de vous être envoyé.');
    const mail = await waitForMail(before, regisseur.email);
    const token = new URL(resetLinkIn(mail)).searchParams.get('token') ?? '';

    expect((await request(`/reinitialiser-mot-de-passe?token=${encodeURIComponent(token)}`, { localAddress: ip })).status).toBe(200);
    // The demo password again, so the other test files keep working whatever their order.
    const done = await request('/reinitialiser-mot-de-passe', {
      form: { token, password: regisseur.password, confirm: regisseur.password },
      localAddress: ip,
    });
    expect(done.status).toBe(302);
    expect(done.location).toBe('/connexion?info=mot-de-passe-modifie');

    const login = await postLogin(regisseur.username, regisseur.password, { localAddress: ip });
    expect(login.status).toBe(302);
    expect(login.location).toBe('/admin');
  });
});
