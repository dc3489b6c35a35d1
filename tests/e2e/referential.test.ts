/**
 * The referential in Chromium on the demo commune: an agent creates an activity (deadlines, automatic enrolment) with
 * its price grid, edits its capacity through the preview and confirm step; the parent enrols Sarah and books a day of
 * it on the Planning page. JavaScript off: the create form with bad input then good input, the school years' overlap,
 * a class added and removed, a closure on a booked day that makes staff choose. axe on every new page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type PlainDate } from '../../core/calendar/plain-date';
import { parisToday } from '../../core/calendar/paris-time';
import { schoolYearIncludingSummer } from '../../core/calendar/school-year';
import { frDossier } from '../../app/i18n/fr-dossier';
import { frPayments } from '../../app/i18n/fr-payments';
import { frPlanning } from '../../app/i18n/fr-planning';
import { frReferential } from '../../app/i18n/fr-referential';
import { expectNoAxeViolations, launchBrowser, loginAs } from '../harness/browser';
import { ACCOUNTS, baseUrl, openPage, unique } from './helpers';

const r = frReferential;
const a = r.activity;
const p = frPlanning;
const SITE = 'Groupe scolaire Les Lutins';
const YEAR = schoolYearIncludingSummer(parisToday(new Date())).id;
/** Far enough ahead that no deadline bites. */
const earliest = addDays(parisToday(new Date()), 21);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(role: 'agent' | 'parent', javaScript = true): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await openPage(browser, { javaScript });
  await loginAs(page, baseUrl(), ACCOUNTS[role].username, ACCOUNTS[role].password);
  await page.waitForURL(role === 'parent' ? `${baseUrl()}/portail` : `${baseUrl()}/admin`);
  return { page, close: () => context.close() };
}

const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

/** Fills the activity form (create page). */
async function fillActivity(page: Page, name: string, capacity: string, addTime = '12:00') {
  await page.getByLabel(a.fields.name).fill(name);
  await page.getByLabel(a.fields.kind).selectOption({ label: 'Garderie du soir' });
  await page.getByLabel(a.fields.siteId).selectOption({ label: SITE });
  await page.getByLabel(a.fields.schoolYearId).selectOption(YEAR);
  await page.getByLabel(a.fields.period).selectOption('school');
  await page.getByLabel(a.fields.capacity).fill(capacity);
  await page.locator('#addKind').selectOption('days_before');
  await page.locator('#addDays').fill('2');
  await page.locator('#addTime').fill(addTime);
  await page.locator('#cancelKind').selectOption('weekday_of_previous_week');
  await page.locator('#cancelWeekday').selectOption('4');
  await page.locator('#cancelTime').fill('09:00');
  await page.getByLabel(a.fields.billingMode).selectOption('invoice');
  await page.getByLabel(a.fields.enrolmentMode).selectOption('automatic');
}

describe('referential', () => {
  it('an agent creates an activity with deadlines and a price grid, and the parent enrols Sarah and books it', async () => {
    const name = `Atelier théâtre ${unique()}`;
    const agent = await signedIn('agent');
    let activityPath = '';
    try {
      await agent.page
        .getByRole('navigation', { name: 'Menu principal' })
        .getByRole('link', { name: r.menu.activities, exact: true })
        .click();
      await h1(agent.page, r.activities.title);
      await expectNoAxeViolations(agent.page);
      await agent.page.getByRole('link', { name: r.activities.create }).click();
      await h1(agent.page, a.newTitle);
      await expectNoAxeViolations(agent.page);
      await fillActivity(agent.page, name, '20');
      await agent.page.getByRole('button', { name: a.save }).click();
      await agent.page.waitForURL(/\/admin\/activites\/[\w-]+\?cree=1/);
      await agent.page.getByText(a.created).waitFor();
      activityPath = new URL(agent.page.url()).pathname;
      await expectNoAxeViolations(agent.page);

      // The price grid, through the /admin/tarifs editor (one bracket, from the school year's start).
      await agent.page.getByRole('link', { name: a.pricesLink }).click();
      await agent.page.waitForURL(/\/admin\/tarifs\?activite=/);
      for (const [rank, from, to] of [
        [1, '0', '499'],
        [2, '500', '999'],
        [3, '1000', ''],
      ] as const) {
        await agent.page.locator(`#qfMin-${rank}`).fill(from);
        await agent.page.locator(`#qfTo-${rank}`).fill(to);
        await agent.page.locator(`#price-${rank}`).fill('2,50');
      }
      await agent.page.locator('#nonResident').fill('3,00');
      await agent.page.locator('#missingQf').fill('2,80');
      await agent.page.getByRole('button', { name: frPayments.prices.save }).click();
      await agent.page.getByText(frPayments.prices.saved).waitFor();

      // An edit shows what it affects, then is saved on « Confirmer ».
      await agent.page.goto(`${baseUrl()}${activityPath}`);
      await agent.page.getByLabel(a.fields.capacity).fill('25');
      await agent.page.getByRole('button', { name: a.preview }).click();
      await agent.page.getByText(a.previewCapacity(20, 25)).waitFor();
      expect(await agent.page.getByRole('alert').filter({ hasText: a.previewTitle }).textContent()).toContain(a.previewBookings(0, 0));
      await expectNoAxeViolations(agent.page);
      await agent.page.getByRole('button', { name: a.confirm }).click();
      await agent.page.waitForURL(/\?ok=1/);
      expect(await agent.page.getByLabel(a.fields.capacity).inputValue()).toBe('25');
    } finally {
      await agent.close();
    }

    let bookedDay = '';
    const parent = await signedIn('parent');
    try {
      const { page } = parent;
      await page.goto(`${baseUrl()}/portail/inscriptions/nouvelle`);
      await page.getByRole('link', { name: `${frDossier.enrol.choose} « ${name} »` }).click();
      await h1(page, name);
      for (const box of await page.locator('input[name="children"]').all()) {
        const isSarah = ((await box.locator('xpath=..').textContent()) ?? '').includes('Sarah');
        if ((await box.isChecked()) !== isSarah) await box.click();
      }
      await page.getByRole('button', { name: frDossier.enrol.submitAutomatic }).click();
      await page.waitForURL((url) => !url.pathname.endsWith('/nouvelle'));

      // The planning in edit mode, on a month with open days of the new activity.
      await page.goto(`${baseUrl()}/portail/planning`);
      const sarahHref =
        (await page.getByRole('navigation', { name: p.children }).getByRole('link', { name: 'Sarah' }).getAttribute('href')) ?? '';
      const sarah = new URL(sarahHref, baseUrl()).searchParams.get('enfant');
      let day: PlainDate | undefined;
      for (let month = 0; month < 8 && !day; month++) {
        const date = addDays(earliest, month * 30);
        await page.goto(`${baseUrl()}/portail/planning?enfant=${sarah}&vue=mois&date=${date}&mode=modifier`);
        const row = await page.locator(`input[name="all"][data-activity="${name}"]`).getAttribute('value');
        const free = await page
          .locator(`input[name="c"][data-row="${row}"]:not(:disabled):not(:checked)`)
          .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value.split(':').at(-1) ?? ''));
        day = free.find((d) => d >= earliest);
      }
      if (!day) throw new Error('no open day of the new activity');
      bookedDay = day;
      const box = page.locator(
        `input[name="c"][value$=":${day}"][data-row="${await page.locator(`input[name="all"][data-activity="${name}"]`).getAttribute('value')}"]`,
      );
      await box.check();
      await page.getByRole('button', { name: p.validateAndFinish, exact: true }).click();
      await page.waitForURL(`${baseUrl()}/portail/planning/recapitulatif`);
      const line = page.locator('table.recap-table tbody tr', { hasText: name });
      await line.first().waitFor();
      expect(await line.count()).toBe(1);
      expect(await line.textContent()).toContain('2,50');
      await page.getByRole('button', { name: p.recap.finish, exact: true }).click();
      await page.waitForURL(/confirmation=/);
      await h1(page, p.confirmation.title);
    } finally {
      await parent.close();
    }

    // Closing the site on that booked day makes the agent choose; « garder » keeps the booking. Then reopened.
    const closer = await signedIn('agent');
    try {
      const { page } = closer;
      await page.goto(`${baseUrl()}/admin/sites`);
      await page.getByRole('link', { name: SITE }).click();
      await h1(page, r.site.title(SITE));
      await page.getByLabel(r.site.closureDay).fill(bookedDay);
      await page.getByLabel(r.site.closureReason).fill('Sortie au musée');
      await page.getByRole('button', { name: r.site.addClosure }).click();
      await page.getByRole('group', { name: r.site.choiceLegend }).waitFor();
      expect(await page.getByRole('alert').filter({ hasText: 'Ce jour a des réservations' }).textContent()).toMatch(/\d+ réservations?/);
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: r.site.confirmClosure }).click();
      await page.locator('.error-summary').waitFor();
      await page.getByLabel(r.site.choices.keep).check();
      await page.getByRole('button', { name: r.site.confirmClosure }).click();
      await page.getByText(r.site.closureAdded(0, 0)).waitFor();
      const reopen = page.getByRole('button', { name: r.site.removeClosure(bookedDay.split('-').reverse().join('/')) });
      await reopen.click();
      await page.getByText(r.site.closureRemoved).waitFor();
    } finally {
      await closer.close();
    }
  });

  it('works without JavaScript: bad input is refused, school years do not overlap, classes and closures are edited', async () => {
    const agent = await signedIn('agent', false);
    const { page } = agent;
    try {
      // The create form: bad capacity and deadline time refused with the RGAA pattern, then created.
      await page.goto(`${baseUrl()}/admin/activites/nouvelle`);
      const name = `Garderie du soir bis ${unique()}`;
      await fillActivity(page, name, '0', '25:00');
      await page.getByRole('button', { name: a.save }).click();
      const summary = page.locator('.error-summary, [role="alert"]').first();
      await summary.waitFor();
      const text = (await page.getByRole('main').textContent()) ?? '';
      expect(text).toContain('Indiquez la capacité');
      expect(text).toContain('L’heure doit être au format HH:MM');
      await page.getByLabel(a.fields.capacity).fill('12');
      await page.locator('#addTime').fill('12:00');
      await page.getByRole('button', { name: a.save }).click();
      await page.waitForURL(/\?cree=1/);
      await page.goto(`${baseUrl()}/admin/activites`);
      expect(await page.getByRole('rowheader', { name }).count()).toBe(1);

      // School years: an overlapping year is refused, nothing added.
      await page.goto(`${baseUrl()}/admin/annees-scolaires`);
      await h1(page, r.years.title);
      const rows = await page.locator('tbody tr').count();
      const year = schoolYearIncludingSummer(parisToday(new Date()));
      await page.getByLabel(r.years.startsOn).fill(addDays(year.startsOn, 30));
      await page.getByLabel(r.years.endsOn).fill(addDays(year.startsOn, 300));
      await page.getByRole('button', { name: r.years.create }).click();
      await page
        .getByText(/chevauchent l’année scolaire/)
        .first()
        .waitFor();
      expect(await page.locator('tbody tr').count()).toBe(rows);

      // Sites: the list, a site's page, a class added and removed.
      await page.goto(`${baseUrl()}/admin/sites`);
      await h1(page, r.sites.title);
      await page.getByLabel(r.sites.name).fill(' ');
      await page.getByLabel(r.sites.address).fill(' ');
      await page.getByRole('button', { name: r.sites.create }).click();
      expect(await page.getByRole('main').textContent()).toContain('Indiquez le nom du site');
      await page.getByRole('link', { name: SITE }).click();
      await h1(page, r.site.title(SITE));
      const className = `CP ${unique()}`;
      await page.getByLabel(r.site.className).fill(className);
      await page.getByRole('button', { name: r.site.addClass }).click();
      await page.waitForURL(/\?ok=1/);
      expect(await page.getByRole('rowheader', { name: className }).count()).toBe(1);
      await page.getByRole('button', { name: r.site.removeClass(className) }).click();
      await page.waitForURL(/\?ok=1/);
      expect(await page.getByRole('rowheader', { name: className }).count()).toBe(0);

      // A closure on a day without bookings (a Sunday) is recorded at once, then removed.
      let sunday = earliest;
      while (new Date(`${sunday}T12:00:00Z`).getUTCDay() !== 0) sunday = addDays(sunday, 1);
      await page.getByLabel(r.site.closureDay).fill(sunday);
      await page.getByLabel(r.site.closureReason).fill('Essai');
      await page.getByRole('button', { name: r.site.addClosure }).click();
      await page.waitForURL(/\?ferme=0-0/);
      const remove = page.getByRole('button', { name: r.site.removeClosure(sunday.split('-').reverse().join('/')) });
      expect(await remove.count()).toBe(1);
      await remove.click();
      await page.waitForURL(/\?rouvert=1/);
    } finally {
      await agent.close();
    }
  });

  it('passes axe on the sites, a site, the school years and a refused activity form', async () => {
    const agent = await signedIn('agent');
    const { page } = agent;
    try {
      await page.goto(`${baseUrl()}/admin/sites`);
      await h1(page, r.sites.title);
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: SITE }).click();
      await h1(page, r.site.title(SITE));
      await expectNoAxeViolations(page);
      await page.goto(`${baseUrl()}/admin/annees-scolaires`);
      await h1(page, r.years.title);
      await expectNoAxeViolations(page);
      await page.goto(`${baseUrl()}/admin/activites/nouvelle`);
      await page.getByLabel(a.fields.name).fill(' ');
      await page.getByLabel(a.fields.capacity).fill('0');
      await page.getByRole('button', { name: a.save }).click();
      await page.locator('.error-summary').waitFor();
      await expectNoAxeViolations(page);
    } finally {
      await agent.close();
    }
  });
});
