/**
 * The back office's first pages through the browser: news (preview, save, publish, edit, unpublish) by an agent,
 * staff accounts (create → welcome mail in the outbox → choose a password → role change → deactivate) by the
 * admin, with JavaScript on and, for the key forms, off; each role's menu; axe on every admin page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission } from '../../core/accounts/permissions';
import type { Role } from '../../core/accounts/roles';
import { ROUTE_ACCESS } from '../../app/web/route-access';
import { expectNoAxeViolations, launchBrowser, loginAs } from '../harness/browser';
import {
  ACCOUNTS,
  type AccountRole,
  baseUrl,
  loginHttp,
  mainText,
  mailsSince,
  openPage,
  outboxFiles,
  postLogin,
  request,
  resetLinkIn,
  SOURCE_IP,
  unique,
  waitForMail,
} from './helpers';

const ip = SOURCE_IP.admin;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function signedIn(role: AccountRole, javaScript = true): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await openPage(browser, { javaScript });
  await loginAs(page, baseUrl(), ACCOUNTS[role].username, ACCOUNTS[role].password);
  await onDashboard(page);
  return { page, close: () => context.close() };
}

/** With JavaScript the URL changes before the new page is rendered: wait for the dashboard itself. */
async function onDashboard(page: Page) {
  await page.waitForURL(`${baseUrl()}/admin`);
  await page.getByRole('heading', { level: 1, name: /^Bonjour / }).waitFor();
}

const menuOf = async (page: Page) =>
  (await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link').allTextContents()).map((s) => s.trim());

/** The back-office entries of this foundation and the permission each needs (later issues add more entries). */
const FOUNDATION_MENU: [string, Permission | null][] = [
  ['Tableau de bord', 'admin.home'],
  ['Actualités', 'admin.news'],
  ['Documents', 'admin.documents'],
  ['Utilisateurs', 'admin.users'],
  ['Journal d’audit', 'admin.audit'],
  ['Boîte d’envoi', 'admin.outbox'],
  ['Voir le site public', null],
];

async function expectMenuFor(page: Page, role: Role) {
  const menu = await menuOf(page);
  const shown = FOUNDATION_MENU.filter(([label]) => menu.includes(label)).map(([label]) => label);
  const allowed = FOUNDATION_MENU.filter(([, permission]) => permission === null || can(role, permission)).map(([label]) => label);
  expect(shown, `menu of ${role}: ${menu.join(' · ')}`).toEqual(allowed);
  // In this order, the dashboard first and the public site last.
  expect(menu.filter((label) => allowed.includes(label))).toEqual(allowed);
  expect(menu[0]).toBe('Tableau de bord');
  expect(menu[menu.length - 1]).toBe('Voir le site public');
}

describe('staff menus', () => {
  it('shows each role only the entries it may open', async () => {
    for (const role of ['admin', 'agent', 'regisseur', 'animateur'] as const) {
      const { page, close } = await signedIn(role, false);
      await expectMenuFor(page, role);
      expect(await page.getByRole('heading', { level: 1 }).textContent(), role).toMatch(/^Bonjour /);
      await close();
    }
  });
});

for (const javaScript of [true, false]) {
  describe(`news by an agent (JavaScript ${javaScript ? 'on' : 'off'})`, () => {
    it('previews, saves a draft, publishes it on the home page, edits it and unpublishes it', async () => {
      const { page, close } = await signedIn('agent', javaScript);
      const title = `Fermeture exceptionnelle ${unique()}`;
      const body = 'La cantine sera **fermée** le vendredi.\n\n- Garderie assurée\n- Repas froid fourni';

      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Actualités' }).click();
      await page.waitForURL(`${baseUrl()}/admin/actualites`);
      await page.getByRole('link', { name: 'Nouvelle actualité' }).click();
      await page.waitForURL(`${baseUrl()}/admin/actualites/nouvelle`);
      await page.getByRole('heading', { level: 1, name: 'Nouvelle actualité' }).waitFor();
      expect(await page.getByLabel('Date').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      // An empty form: the French error summary.
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      const summary = page.getByRole('alert');
      await summary.waitFor();
      expect(await summary.textContent()).toContain('Indiquez un titre.');
      expect(await summary.textContent()).toContain('Écrivez le texte de l’actualité.');
      expect(await page.title()).toMatch(/^Erreur : /);
      expect(await page.getByLabel('Titre').getAttribute('aria-invalid')).toBe('true');

      // Preview: nothing saved, the typed values kept.
      await page.getByLabel('Titre').fill(title);
      await page.getByLabel('Texte').fill(body);
      await page.getByRole('button', { name: 'Prévisualiser' }).click();
      const preview = page.getByRole('region', { name: 'Aperçu' });
      await preview.waitFor();
      expect(await preview.getByRole('status').textContent()).toContain('Aperçu non enregistré');
      expect(await preview.locator('strong').textContent()).toBe('fermée');
      expect(await preview.getByRole('listitem').allTextContents()).toEqual(['Garderie assurée', 'Repas froid fourni']);
      expect(await page.getByLabel('Titre').inputValue()).toBe(title);
      expect(await page.getByLabel('Texte').inputValue()).toBe(body);
      expect(
        (await request('/admin/actualites', { cookie: await loginHttp('agent', ip) })).text.includes(title),
        `the page contains ${title}`,
      ).toBe(false);

      // Save as a draft: listed, not on the home page.
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.waitForURL(`${baseUrl()}/admin/actualites?ok=cree`);
      await page.getByRole('status').filter({ hasText: 'L’actualité a été créée.' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: title });
      expect(await row.textContent()).toContain('Brouillon');
      expect((await request('/')).text.includes(title), `the page contains ${title}`).toBe(false);

      // Publish from the list.
      await row.getByRole('button', { name: /^Publier\b/ }).click();
      await page.waitForURL(`${baseUrl()}/admin/actualites?ok=publie`);
      await page.getByRole('status').filter({ hasText: 'L’actualité est publiée sur la page d’accueil.' }).waitFor();
      await expect.poll(() => page.getByRole('row').filter({ hasText: title }).textContent()).toContain('Publiée');

      await page.goto(`${baseUrl()}/`);
      const article = page.getByRole('article').filter({ has: page.getByRole('heading', { name: title }) });
      await article.waitFor();
      expect(await article.locator('strong').textContent()).toBe('fermée');

      // Edit.
      await page.goto(`${baseUrl()}/admin/actualites`);
      await page
        .getByRole('row')
        .filter({ hasText: title })
        .getByRole('link', { name: /^Modifier\b/ })
        .click();
      const editHeading = page.getByRole('heading', { level: 1 }).filter({ hasText: title });
      await editHeading.waitFor();
      expect(await editHeading.textContent()).toMatch(/^Modifier l’actualité/);
      const renamed = `${title} (mise à jour)`;
      await page.getByLabel('Titre').fill(renamed);
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.waitForURL(`${baseUrl()}/admin/actualites?ok=modifie`);
      await page.getByRole('status').filter({ hasText: 'L’actualité a été enregistrée.' }).waitFor();
      expect(mainText((await request('/')).text)).toContain(renamed);

      // Unpublish.
      await page
        .getByRole('row')
        .filter({ hasText: renamed })
        .getByRole('button', { name: /^Dépublier\b/ })
        .click();
      await page.waitForURL(`${baseUrl()}/admin/actualites?ok=depublie`);
      await page.getByRole('status').filter({ hasText: 'L’actualité n’est plus publiée.' }).waitFor();
      expect((await request('/')).text.includes(title), `the page contains ${title}`).toBe(false);
      await close();
    });
  });

  describe(`staff accounts by the admin (JavaScript ${javaScript ? 'on' : 'off'})`, () => {
    it('creates a staff account, mails the link (seen in the outbox), lets the person choose a password, then deactivates it', async () => {
      const username = javaScript ? 'cantine.nord' : 'cantine.sud';
      const email = `${username}@saint-exemple.fr`;
      const { page, close } = await signedIn('admin', javaScript);
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Utilisateurs' }).click();
      await page.waitForURL(`${baseUrl()}/admin/utilisateurs`);

      // Bad input first: a French error per field, nothing created.
      await page.getByLabel('Identifiant', { exact: true }).fill('Cantine Nord');
      await page.getByLabel('Nom et prénom').fill('Camille Roux');
      await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
      await page.getByRole('button', { name: 'Créer le compte' }).click();
      const summary = page.getByRole('alert');
      await summary.waitFor();
      expect(await summary.textContent()).toContain('L’identifiant doit contenir de 3 à 60 caractères');
      expect(await summary.textContent()).toContain('Indiquez une adresse e-mail valide');
      expect(await page.title()).toMatch(/^Erreur : /);

      await page.getByLabel('Identifiant', { exact: true }).fill(ACCOUNTS.agent.username);
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByRole('button', { name: 'Créer le compte' }).click();
      await page.getByRole('alert').filter({ hasText: 'Cet identifiant est déjà utilisé par un autre compte.' }).waitFor();

      // The real one.
      const before = outboxFiles();
      await page.getByLabel('Identifiant', { exact: true }).fill(username);
      await page.getByLabel('Nom et prénom').fill('Camille Roux');
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Rôle', { exact: true }).selectOption({ label: 'Animateur' });
      await page.getByRole('button', { name: 'Créer le compte' }).click();
      await page.waitForURL(`${baseUrl()}/admin/utilisateurs?ok=cree`);
      await page
        .getByRole('status')
        .filter({ hasText: 'Le compte a été créé et un lien pour choisir le mot de passe a été envoyé par e-mail.' })
        .waitFor();
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: username }) });
      const cells = await row.getByRole('cell').allTextContents();
      expect(cells).toEqual(expect.arrayContaining(['Camille Roux', email, 'Animateur', 'Oui', 'Jamais']));

      const mail = await waitForMail(before, email);
      expect(mailsSince(before)).toHaveLength(1);
      expect(mail.subject).toBe('Votre compte du portail famille de Saint-Exemple');
      expect(mail.text).toContain(username);
      const link = resetLinkIn(mail);

      // The outbox page shows it.
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Boîte d’envoi' }).click();
      await page.waitForURL(`${baseUrl()}/admin/boite-d-envoi`);
      await page.getByRole('heading', { level: 1, name: 'Boîte d’envoi' }).waitFor();
      const mailRow = page.getByRole('row').filter({ hasText: email }).first();
      expect(await mailRow.textContent()).toContain('Votre compte du portail famille de Saint-Exemple');
      await mailRow.getByText('Lire le message').click();
      expect(await mailRow.locator('pre').textContent()).toContain(link);

      // The new person chooses a password and signs in.
      const chosen = 'Le goûter de quatre heures sous le préau 2026';
      const personal = await openPage(browser, { javaScript });
      await personal.page.goto(link);
      await personal.page.getByLabel('Nouveau mot de passe').fill(chosen);
      await personal.page.getByLabel('Confirmez le mot de passe').fill(chosen);
      await personal.page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await personal.page.waitForURL(`${baseUrl()}/connexion?info=mot-de-passe-modifie`);
      await loginAs(personal.page, baseUrl(), username, chosen);
      await onDashboard(personal.page);
      await expectMenuFor(personal.page, 'animateur');

      // A role change ends the person's sessions (they sign in again with the new rights).
      await page.goto(`${baseUrl()}/admin/utilisateurs`);
      await row.getByRole('combobox').selectOption({ label: 'Agent' });
      await row.getByRole('button', { name: /^Changer le rôle/ }).click();
      await page.waitForURL(`${baseUrl()}/admin/utilisateurs?ok=role-modifie`);
      await expect.poll(() => row.getByRole('cell').allTextContents()).toContain('Agent');
      await personal.page.goto(`${baseUrl()}/admin`);
      await personal.page.waitForURL(/\/connexion\?redirectTo=%2Fadmin$/);
      await loginAs(personal.page, baseUrl(), username, chosen);
      await onDashboard(personal.page);
      await expectMenuFor(personal.page, 'agent');

      // Another link on demand.
      const beforeReset = outboxFiles();
      await row.getByRole('button', { name: /^Envoyer un lien de mot de passe/ }).click();
      await page.waitForURL(`${baseUrl()}/admin/utilisateurs?ok=lien-envoye`);
      expect((await waitForMail(beforeReset, email)).subject).toBe('Choisissez votre mot de passe');

      // Deactivate: the account can no longer sign in, its sessions are closed.
      await row.getByRole('button', { name: /^Désactiver/ }).click();
      await page.waitForURL(`${baseUrl()}/admin/utilisateurs?ok=desactive`);
      await page.getByRole('status').filter({ hasText: 'Le compte a été désactivé et ses sessions fermées.' }).waitFor();
      await expect.poll(() => row.getByRole('cell').allTextContents()).toContain('Non');
      expect(await row.getByRole('button', { name: /^Réactiver/ }).count()).toBe(1);

      await personal.page.goto(`${baseUrl()}/admin`);
      await personal.page.waitForURL(/\/connexion\?redirectTo=%2Fadmin$/);
      const refused = await postLogin(username, chosen, { localAddress: ip });
      expect(refused.status).toBe(400);
      expect(mainText(refused.text)).toContain('Identifiant ou mot de passe incorrect.');
      await personal.context.close();

      // The admin cannot deactivate themself: no button on their own row.
      const own = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^admin \(vous\)$/ }) });
      expect(await own.getByRole('button', { name: /Désactiver/ }).count()).toBe(0);
      await close();
    });
  });
}

describe('news scheduling and home page order', () => {
  it('keeps a news item scheduled in the future off the home page, and a position changes the home order', async () => {
    // JavaScript on: axe runs in the page.
    const { page, close } = await signedIn('agent');
    const stamp = unique();
    const homeTitles = async () => {
      await page.goto(`${baseUrl()}/`);
      return (await page.getByRole('region', { name: 'Actualités' }).getByRole('heading', { level: 3 }).allTextContents()).map((s) =>
        s.trim(),
      );
    };
    const create = async (title: string, fields: { publishAt?: string; homePosition?: string } = {}) => {
      await page.goto(`${baseUrl()}/admin/actualites/nouvelle`);
      await page.getByLabel('Titre').fill(title);
      await page.getByLabel('Texte').fill(`Texte de ${title}`);
      await page.getByLabel('Publier sur la page d’accueil').check();
      if (fields.publishAt) await page.getByLabel('Publier le').fill(fields.publishAt);
      if (fields.homePosition) await page.getByLabel('Position sur l’accueil').fill(fields.homePosition);
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.waitForURL(`${baseUrl()}/admin/actualites?ok=cree`);
    };

    // A position out of range: a French message, nothing saved; the form passes axe.
    await page.goto(`${baseUrl()}/admin/actualites/nouvelle`);
    await page.getByLabel('Titre').fill(`Refusée ${stamp}`);
    await page.getByLabel('Texte').fill('Texte');
    await page.getByLabel('Position sur l’accueil').fill('0');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Indiquez une position entre 1 et 99, ou laissez vide.' }).waitFor();
    expect(await page.getByLabel('Position sur l’accueil').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page);

    // Scheduled for 2099: listed as « Programmée », not on the home page.
    const scheduled = `Rentrée 2099 ${stamp}`;
    await create(scheduled, { publishAt: '2099-01-05T08:30' });
    expect(await page.getByRole('row').filter({ hasText: scheduled }).textContent()).toContain('Programmée');
    expect(await homeTitles()).not.toContain(scheduled);

    // Two items of today: the later first; pinned at position 1, the earlier comes first.
    const first = `Épinglée ${stamp}`;
    const second = `Suivante ${stamp}`;
    await create(first);
    await create(second);
    let titles = await homeTitles();
    expect(titles.indexOf(second)).toBeLessThan(titles.indexOf(first));
    await page.goto(`${baseUrl()}/admin/actualites`);
    await page
      .getByRole('row')
      .filter({ hasText: first })
      .getByRole('link', { name: /^Modifier\b/ })
      .click();
    await page.getByLabel('Position sur l’accueil').fill('1');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.waitForURL(`${baseUrl()}/admin/actualites?ok=modifie`);
    expect(await page.getByRole('row').filter({ hasText: first }).getByRole('cell').allTextContents()).toContain('1');
    titles = await homeTitles();
    expect(titles[0]).toBe(first);
    expect(titles).toContain(second);

    // Leave the home page as the other suites expect it (newest first).
    for (const title of [first, second, scheduled]) {
      await page.goto(`${baseUrl()}/admin/actualites`);
      await page
        .getByRole('row')
        .filter({ hasText: title })
        .getByRole('button', { name: /^Dépublier\b/ })
        .click();
      await page.waitForURL(`${baseUrl()}/admin/actualites?ok=depublie`);
    }
    expect(await homeTitles()).not.toContain(first);
    await close();
  });
});

describe('accessibility of the back office (axe-core, WCAG 2.1 A/AA)', () => {
  it('reflows at 360 px without JavaScript: no page of the administrator’s menu scrolls sideways', async () => {
    const { context, page } = await openPage(browser, { javaScript: false, mobile: true });
    try {
      await loginAs(page, baseUrl(), ACCOUNTS.admin.username, ACCOUNTS.admin.password);
      await page.waitForURL(`${baseUrl()}/admin`);
      const paths = await page
        .getByRole('navigation', { name: 'Menu principal' })
        .getByRole('link')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? '').filter((href) => href.startsWith('/admin')));
      expect(paths.length).toBeGreaterThan(20);
      const wide: string[] = [];
      for (const path of paths) {
        await page.goto(`${baseUrl()}${path}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 360) wide.push(`${path}: ${width} px`);
      }
      expect(wide).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('has no violation on any admin page, including error and preview states', async () => {
    const { page, close } = await signedIn('admin');
    const cookie = await loginHttp('admin', ip);
    const newsList = await request('/admin/actualites', { cookie, localAddress: ip });
    const newsId = /\/admin\/actualites\/([0-9a-f-]{36})/.exec(newsList.text)?.[1];
    expect(newsId).toBeTruthy();
    // Every back-office page the declared route table lists (later issues' pages included), and a news item.
    const paths = Object.keys(ROUTE_ACCESS).filter((p) => p.startsWith('/admin') && !p.includes(':'));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/admin',
        '/admin/actualites',
        '/admin/documents',
        '/admin/utilisateurs',
        '/admin/journal',
        '/admin/boite-d-envoi',
      ]),
    );
    for (const path of [...paths, `/admin/actualites/${newsId}`]) {
      // Downloads (CSV dockets…) are not pages.
      const head = await request(path, { cookie, localAddress: ip });
      if (!String(head.headers['content-type'] ?? '').startsWith('text/html')) continue;
      const res = await page.goto(`${baseUrl()}${path}`);
      expect(res?.status(), path).toBe(200);
      await expectNoAxeViolations(page);
    }

    // States: a preview, form errors on each form.
    await page.goto(`${baseUrl()}/admin/actualites/nouvelle`);
    await page.getByLabel('Titre').fill('Essai');
    await page.getByLabel('Texte').fill('Un **essai** avec une [adresse](https://example.org).');
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.getByRole('region', { name: 'Aperçu' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel('Titre').fill('');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await expectNoAxeViolations(page);

    await page.goto(`${baseUrl()}/admin/documents`);
    await page.getByRole('button', { name: 'Envoyer le document' }).click();
    await page.getByRole('alert').waitFor();
    await expectNoAxeViolations(page);

    await page.goto(`${baseUrl()}/admin/utilisateurs`);
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByRole('alert').waitFor();
    await expectNoAxeViolations(page);
    await close();
  });

  it('has no violation on the dashboard of the other staff roles', async () => {
    for (const role of ['agent', 'regisseur', 'animateur'] as const) {
      const { page, close } = await signedIn(role);
      await expectNoAxeViolations(page);
      await close();
    }
  });
});
