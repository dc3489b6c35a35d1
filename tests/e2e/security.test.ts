/**
 * The security baseline and the « bad input » cases: headers and CSP nonces, forged cross-site posts, generic
 * error pages, disguised and oversize uploads, Markdown with scripts, unpublished content, document downloads,
 * and the audit log of sign-ins.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, loginAs } from '../harness/browser';
import {
  ACCOUNTS,
  baseUrl,
  cookieValue,
  loginHttp,
  mainText,
  minimalPdf,
  multipart,
  openPage,
  outboxFiles,
  postLogin,
  request,
  resetLinkIn,
  SESSION_COOKIE,
  SOURCE_IP,
  unique,
  waitForMail,
} from './helpers';

const ip = SOURCE_IP.security;
const origin = () => new URL(baseUrl()).origin;
const DISGUISED_HTML = '<!doctype html><html><body><h1>Facture</h1><script>alert(document.cookie)</script></body></html>';
const FILE_TYPE_ERROR = 'Ce fichier n’est ni un PDF, ni une image JPEG ou PNG';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

function cspOf(res: { headers: Record<string, string | string[] | undefined> }): string {
  return String(res.headers['content-security-policy'] ?? '');
}

function directive(csp: string, name: string): string {
  return (
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `)) ?? ''
  );
}

describe('response headers', () => {
  it('sends CSP with a nonce and frame-ancestors none, nosniff, a Referrer-Policy and no-store on the home page', async () => {
    const res = await request('/');
    expect(res.status).toBe(200);
    const csp = cspOf(res);
    const scriptSrc = directive(csp, 'script-src');
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=_-]{16,}'/);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']).toContain(res.headers['referrer-policy']);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('sends no-store and the security headers on authenticated pages too, and no X-Powered-By anywhere', async () => {
    const cookie = await loginHttp('parent', ip);
    for (const path of ['/portail', '/portail/planning', '/connexion', '/nexiste-pas', '/sante']) {
      const res = await request(path, { cookie });
      expect(res.headers['x-powered-by'], path).toBeUndefined();
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      if (path.startsWith('/portail')) {
        expect(res.status, path).toBe(200);
        expect(res.headers['cache-control'], path).toBe('no-store');
        expect(cspOf(res), path).toContain("frame-ancestors 'none'");
      }
    }
  });

  it('puts the per-response nonce on every script tag, and a new nonce on every response', async () => {
    const first = await request('/');
    const second = await request('/');
    const nonce = /'nonce-([^']+)'/.exec(cspOf(first))?.[1];
    const other = /'nonce-([^']+)'/.exec(cspOf(second))?.[1];
    expect(nonce).toBeTruthy();
    expect(other).not.toBe(nonce);
    const scripts = first.text.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    const inline = scripts.filter((tag) => !/\ssrc=/.test(tag));
    expect(inline.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it('runs the app’s own scripts under the CSP without any violation', async () => {
    const { context, page } = await openPage(browser);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${baseUrl()}/`);
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    await context.close();
  });
});

describe('forged cross-site requests', () => {
  it('refuses a cross-site login post (4xx) and creates no session, even with the right password', async () => {
    const res = await request('/connexion', {
      form: { identifier: ACCOUNTS.parent.username, password: ACCOUNTS.parent.password },
      headers: { Origin: 'https://evil.example' },
      localAddress: ip,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(cookieValue(res.setCookies, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a post marked Sec-Fetch-Site: cross-site without Origin', async () => {
    const res = await request('/connexion', {
      form: { identifier: ACCOUNTS.parent.username, password: ACCOUNTS.parent.password },
      headers: { 'Sec-Fetch-Site': 'cross-site' },
      sameOrigin: false,
      localAddress: ip,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(cookieValue(res.setCookies, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a cross-site logout and a cross-site staff action, which change nothing', async () => {
    const parent = await loginHttp('parent', ip);
    const logout = await request('/deconnexion', { method: 'POST', cookie: parent, headers: { Origin: 'https://evil.example' } });
    expect(logout.status).toBe(403);
    expect((await request('/portail', { cookie: parent })).status).toBe(200);

    const admin = await loginHttp('admin', ip);
    const username = `pirate.${unique()}`;
    const create = await request('/admin/utilisateurs', {
      form: { intent: 'create', username, displayName: 'Pirate', email: `${username}@evil.example`, role: 'admin' },
      cookie: admin,
      headers: { Origin: 'https://evil.example' },
    });
    expect(create.status).toBe(403);
    const users = await request('/admin/utilisateurs', { cookie: admin });
    expect(users.status).toBe(200);
    expect(users.text.includes(username), `the page contains ${username}`).toBe(false);
  });

  it('does not log out on a GET to /deconnexion (a link or an image cannot end a session)', async () => {
    const parent = await loginHttp('parent', ip);
    const res = await request('/deconnexion', { cookie: parent });
    expect(res.status).toBe(302);
    expect((await request('/portail', { cookie: parent })).status).toBe(200);
  });
});

describe('error pages', () => {
  it('shows « Page introuvable » with a 404 and no stack trace', async () => {
    for (const path of ['/nexiste-pas', '/portail-inconnu/x/y', '/documents/pas-un-identifiant']) {
      const res = await request(path);
      expect(res.status, path).toBe(404);
      if (path !== '/documents/pas-un-identifiant') expect(res.text, path).toContain('Page introuvable');
      expect(res.text, path).not.toMatch(/\bat .+\(.+:\d+:\d+\)|node_modules|Error:/);
    }
  });

  it('shows the French 404 page in the browser', async () => {
    const { context, page } = await openPage(browser);
    const res = await page.goto(`${baseUrl()}/nexiste-pas`);
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page introuvable');
    expect(await page.title()).toContain('Page introuvable');
    await context.close();
  });

  it('answers a post to an unknown page with 404, not a stack trace', async () => {
    const res = await request('/nexiste-pas', { form: { a: 'b' } });
    expect(res.status).toBe(404);
    expect(res.text).not.toMatch(/node_modules|Error:/);
  });
});

/** Logs in with JavaScript off and opens the admin documents page. */
async function adminDocumentsPage(): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await openPage(browser, { javaScript: false });
  await loginAs(page, baseUrl(), ACCOUNTS.admin.username, ACCOUNTS.admin.password);
  await page.waitForURL(`${baseUrl()}/admin`);
  await page.goto(`${baseUrl()}/admin/documents`);
  return { page, close: () => context.close() };
}

describe('documents', () => {
  it('refuses an HTML file named facture.pdf with a French message, and stores nothing (JavaScript off)', async () => {
    const { page, close } = await adminDocumentsPage();
    const title = `Facture piégée ${unique()}`;
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Fichier', { exact: true }).setInputFiles({ name: 'facture.pdf', mimeType: 'application/pdf', buffer: Buffer.from(DISGUISED_HTML) });
    await page.getByLabel('Publier sur la page d’accueil dès l’envoi').check();
    await page.getByRole('button', { name: 'Envoyer le document' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(FILE_TYPE_ERROR);
    expect(await page.title()).toMatch(/^Erreur : /);
    expect(await page.getByLabel('Fichier', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // What was typed is kept, nothing was stored.
    expect(await page.getByLabel('Titre').inputValue()).toBe(title);
    expect(await page.getByRole('table').filter({ hasText: title }).count()).toBe(0);
    await close();
    expect((await request('/')).text.includes(title), `the page contains ${title}`).toBe(false);
  });

  it('refuses disguised and oversize uploads over HTTP too (4xx, French message)', async () => {
    const admin = await loginHttp('admin', ip);
    const upload = async (name: string, type: string, bytes: Buffer, announceOnly = false) => {
      const { body, contentType } = multipart({ intent: 'upload', title: `Envoi ${name}`, published: '1' }, { file: { name, type, bytes } });
      return request('/admin/documents', { method: 'POST', body, cookie: admin, headers: { 'Content-Type': contentType }, announceOnly });
    };
    const svg = await upload('image.png', 'image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'));
    expect(svg.status).toBe(400);
    expect(mainText(svg.text)).toContain(FILE_TYPE_ERROR);

    // Just over the limit (5 Mo by default): refused by the application with its message.
    const justOver = await upload('gros.pdf', 'application/pdf', Buffer.concat([minimalPdf(), Buffer.alloc(5 * 1024 * 1024)]));
    expect(justOver.status).toBe(413);
    expect(mainText(justOver.text)).toContain('Le fichier dépasse la taille maximale');
    // Far over: refused before the body is read.
    const farOver = await upload('enorme.pdf', 'application/pdf', Buffer.concat([minimalPdf(), Buffer.alloc(8 * 1024 * 1024)]), true);
    expect(farOver.status).toBe(413);
    expect(mainText(farOver.text)).toMatch(/trop volumineux/i);

    const list = await request('/admin/documents', { cookie: admin });
    expect(list.text.includes('Envoi image.png'), 'the page contains Envoi image.png').toBe(false);
    expect(list.text.includes('Envoi gros.pdf'), 'the page contains Envoi gros.pdf').toBe(false);
    expect(list.text.includes('Envoi enorme.pdf'), 'the page contains Envoi enorme.pdf').toBe(false);
  });

  it('publishes a real PDF, downloadable from the home page as an attachment; an unpublished one stays private', async () => {
    const { page, close } = await adminDocumentsPage();
    const title = `Règlement intérieur ${unique()}`;
    const pdf = minimalPdf('Reglement');
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Description (facultative)').fill('Le règlement des services périscolaires.');
    await page.getByLabel('Fichier', { exact: true }).setInputFiles({ name: 'Règlement intérieur 2026.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByLabel('Publier sur la page d’accueil dès l’envoi').check();
    await page.getByRole('button', { name: 'Envoyer le document' }).click();
    await page.waitForURL(`${baseUrl()}/admin/documents?ok=envoye`);
    await page.getByRole('status').filter({ hasText: 'Le document a été enregistré.' }).waitFor();

    const hidden = `Brouillon de document ${unique()}`;
    await page.getByLabel('Titre').fill(hidden);
    await page.getByLabel('Fichier', { exact: true }).setInputFiles({ name: 'brouillon.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Brouillon') });
    await page.getByRole('button', { name: 'Envoyer le document' }).click();
    await page.waitForURL(`${baseUrl()}/admin/documents?ok=envoye`);
    const hiddenRow = page.getByRole('row').filter({ hasText: hidden });
    expect(await hiddenRow.textContent()).toContain('Non publié');
    const hiddenHref = await hiddenRow.getByRole('link', { name: /Télécharger/ }).getAttribute('href');
    await close();

    // On the home page, for everyone.
    const { context, page: home } = await openPage(browser);
    await home.goto(`${baseUrl()}/`);
    const link = home.getByRole('region', { name: 'Documents' }).getByRole('link', { name: title });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/documents\/[0-9a-f-]{36}$/);
    const [download] = await Promise.all([home.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await context.close();
    expect((await request('/')).text.includes(hidden), `the page contains ${hidden}`).toBe(false);

    const file = await request(href ?? '');
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(String(file.headers['content-disposition'])).toContain('.pdf');
    // The first value counts (Fetch standard); see the report about the header being sent twice.
    expect(String(file.headers['x-content-type-options']).split(',')[0].trim()).toBe('nosniff');
    expect(file.body.equals(pdf)).toBe(true);

    // The unpublished one: not found for visitors and parents, available to staff who manage documents.
    expect(hiddenHref).toMatch(/^\/documents\/[0-9a-f-]{36}$/);
    expect((await request(hiddenHref ?? '')).status).toBe(404);
    expect((await request(hiddenHref ?? '', { cookie: await loginHttp('parent', ip) })).status).toBe(404);
    const staff = await request(hiddenHref ?? '', { cookie: await loginHttp('agent', ip) });
    expect(staff.status).toBe(200);
    expect(staff.headers['cache-control']).toBe('no-store');
  });
});

describe('news', () => {
  it('renders Markdown with scripts and handlers without any of them, and no dialog fires', async () => {
    const title = `Actualité piégée ${unique()}`;
    const markdown = [
      'Texte avant le piège.',
      '',
      '<script>alert(1)</script>',
      '',
      '<img src=x onerror=alert(1)>',
      '',
      '[un lien](javascript:alert(1)) et <a href="#" onclick="alert(1)">un autre</a>',
      '',
      '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="x"></form>',
      '',
      '**Texte après le piège.**',
    ].join('\n');

    const { context, page } = await openPage(browser);
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await loginAs(page, baseUrl(), ACCOUNTS.agent.username, ACCOUNTS.agent.password);
    await page.waitForURL(`${baseUrl()}/admin`);
    await page.goto(`${baseUrl()}/admin/actualites/nouvelle`);
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Texte').fill(markdown);
    // The preview is sanitised too.
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    const preview = page.getByRole('region', { name: 'Aperçu' });
    await preview.waitFor();
    expect(await preview.locator('script, iframe, form, img, [onerror], [onclick]').count()).toBe(0);
    await page.getByLabel('Publier sur la page d’accueil').check();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.waitForURL(`${baseUrl()}/admin/actualites?ok=cree`);

    await page.goto(`${baseUrl()}/`);
    const article = page.getByRole('article').filter({ has: page.getByRole('heading', { name: title }) });
    await article.waitFor();
    expect(await article.textContent()).toContain('Texte avant le piège.');
    expect(await article.locator('strong').textContent()).toBe('Texte après le piège.');
    expect(await article.locator('script, iframe, form, img, object, embed, [onerror], [onclick]').count()).toBe(0);
    const hrefs = await article.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href).not.toMatch(/^\s*javascript:/i);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await context.close();

    const html = (await request('/')).text;
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('alert(1)</script>');
    expect(html).not.toMatch(/javascript:alert/i);
  });

  it('keeps unpublished news off the home page', async () => {
    const home = (await request('/')).text;
    // The demo's draft.
    expect(home).not.toContain('Menus de la prochaine période');
    // A new draft.
    const agent = await loginHttp('agent', ip);
    const title = `Brouillon ${unique()}`;
    const today = new Date().toISOString().slice(0, 10);
    const saved = await request('/admin/actualites/nouvelle', {
      form: { intent: 'save', title, newsDate: today, bodyMarkdown: 'Pas encore publié.' },
      cookie: agent,
    });
    expect(saved.status).toBe(302);
    expect(mainText((await request('/admin/actualites', { cookie: agent })).text)).toContain(title);
    expect((await request('/')).text.includes(title), `the page contains ${title}`).toBe(false);
  });
});

describe('audit log', () => {
  it('lists sign-ins, sign-outs and failed sign-ins, without echoing unknown identifiers', async () => {
    const typed = `secret-tape-par-erreur-${unique()}`;
    expect((await postLogin(typed, 'Pas-le-bon-mot-de-passe', { localAddress: ip })).status).toBe(400);
    expect((await postLogin(ACCOUNTS.animateur.username, 'Pas-le-bon-mot-de-passe', { localAddress: ip })).status).toBe(400);
    const animateur = await loginHttp('animateur', ip);
    const out = await request('/deconnexion', { method: 'POST', cookie: animateur, localAddress: ip });
    expect(out.status).toBe(302);
    expect(out.location).toBe('/connexion?info=deconnecte');

    const { context, page } = await openPage(browser);
    await loginAs(page, baseUrl(), ACCOUNTS.admin.username, ACCOUNTS.admin.password);
    await page.waitForURL(`${baseUrl()}/admin`);
    await page.goto(`${baseUrl()}/admin/journal`);
    await page.getByRole('heading', { level: 1, name: 'Journal d’audit' }).waitFor();
    const table = page.getByRole('table');
    const rows = await table.getByRole('row').allTextContents();
    const animateurRows = rows.filter((r) => r.includes(ACCOUNTS.animateur.username));
    expect(animateurRows.some((r) => r.includes('Connexion') && r.includes(ip))).toBe(true);
    expect(animateurRows.some((r) => r.includes('Déconnexion'))).toBe(true);
    expect(animateurRows.some((r) => r.includes('Échec de connexion'))).toBe(true);
    expect(rows.some((r) => r.includes('Échec de connexion') && r.includes('Identifiant inconnu (masqué)'))).toBe(true);
    expect(await page.getByRole('main').textContent()).not.toContain(typed);
    await context.close();
  });
});

describe('secrets at rest', () => {
  it('stores session ids and reset tokens hashed, passwords as argon2id, and never a typed password', async () => {
    const cookie = await loginHttp('parent', ip);
    const sessionToken = cookie.slice(cookie.indexOf('=') + 1);
    const before = outboxFiles();
    expect((await request('/mot-de-passe-oublie', { form: { identifier: ACCOUNTS.animateur.username }, localAddress: ip })).status).toBe(200);
    const resetToken = new URL(resetLinkIn(await waitForMail(before, ACCOUNTS.animateur.email))).searchParams.get('token') ?? '';
    const typedPassword = `Mot-de-passe-tape-${unique()}`;
    expect((await postLogin(ACCOUNTS.animateur.username, typedPassword, { localAddress: ip })).status).toBe(400);
    expect((await postLogin(ACCOUNTS.animateur.username, ACCOUNTS.animateur.password, { localAddress: ip })).status).toBe(302);

    const db = new Database(path.join(inject('e2eDataDir'), 'tartine.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const dump = (table: string) => JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all());
      const sessions = dump('sessions');
      expect(sessions.length).toBeGreaterThan(2);
      expect(sessions.includes(sessionToken), 'a raw session id in the sessions table').toBe(false);
      expect(dump('password_reset_tokens').includes(resetToken), 'a raw reset token in the database').toBe(false);
      const hashes = db.prepare('SELECT password_hash FROM users WHERE password_hash IS NOT NULL').all() as { password_hash: string }[];
      expect(hashes.length).toBeGreaterThan(0);
      for (const { password_hash } of hashes) expect(password_hash).toMatch(/^\$argon2id\$/);
      for (const table of ['audit_events', 'sessions', 'users']) {
        expect(dump(table).includes(typedPassword), `the typed password in ${table}`).toBe(false);
      }
    } finally {
      db.close();
    }
  });
});
