/**
 * Paying online end to end, in Chromium on the demo commune with the built-in demo bank (PAYMENT_PROVIDER=demo, the
 * default): famille.martin books Wednesdays of « Accueil du mercredi Les Lutins » (Paiement immédiat), clicks
 * « Payer », pays on the demo bank, and sees the days booked and the payment with its receipt (the e-mail in the
 * outbox); a refused payment books nothing and keeps the basket; a cancelled paid day becomes a credit that pays the
 * next day without a card. With and without JavaScript; axe on every new page (recap, bank, result, staff pages).
 *
 * Days are picked at run time among the open, unticked Wednesdays of the last months of the school year (at least three
 * weeks ahead); every test leaves the basket empty and the family without credit (planning.test.ts expects the demo bank for one Wednesday).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longDay } from '../../app/components/planning/format';
import { frPayments } from '../../app/i18n/fr-payments';
import { frPlanning } from '../../app/i18n/fr-planning';
import { addDays, type PlainDate } from '../../core/calendar/plain-date';
import { parisToday } from '../../core/calendar/paris-time';
import { schoolYearContaining, schoolYearStartingIn } from '../../core/calendar/school-year';
import { expectNoAxeViolations, launchBrowser, loginAs } from '../harness/browser';
import { ACCOUNTS, baseUrl, loginHttp, openPage, outboxFiles, request, waitForMail } from './helpers';

const IP = '127.0.0.21';
const WEDNESDAY = 'Accueil du mercredi Les Lutins';
const RECAP = '/portail/planning/recapitulatif';
const p = frPlanning;
const pay = frPayments;
const earliest = addDays(parisToday(new Date()), 21);

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function parent(options: { javaScript?: boolean } = {}) {
  const { context, page } = await openPage(browser, options);
  await loginAs(page, baseUrl(), ACCOUNTS.parent.username, ACCOUNTS.parent.password);
  await page.waitForURL(`${baseUrl()}/portail`);
  return { page, close: () => context.close() };
}

const boxName = (day: PlainDate) => `Sarah – ${WEDNESDAY} – ${longDay(p, day)}`;

async function clearBasket(page: Page) {
  await page.goto(`${baseUrl()}${RECAP}`);
  const clear = page.getByRole('button', { name: p.recap.clear, exact: true });
  if ((await clear.count()) > 0) {
    await clear.click();
    await page.waitForURL(/ok=vide/);
  }
  await page.locator('.basket-bar', { hasText: 'Récapitulatif (0)' }).waitFor();
}

/**
 * Sarah's planning in edit mode, month by month from the end of the school year backwards, until a month with
 * `need` free Wednesdays (≥ earliest): planning.test.ts takes its days from the first months, these tests from the
 * last ones, so the two files never compete for the same Wednesdays.
 */
async function freeWednesdays(page: Page, need: number): Promise<PlainDate[]> {
  const today = parisToday(new Date());
  const year = schoolYearContaining(today) ?? schoolYearStartingIn(Number(today.slice(0, 4)));
  let month = year.endsOn.slice(0, 7);
  while (month >= earliest.slice(0, 7)) {
    await page.goto(`${baseUrl()}/portail/planning?vue=mois&date=${month}-01&mode=modifier`);
    await page.locator('input[name="all"]').first().waitFor();
    const row = await page.locator(`input[name="all"][data-activity="${WEDNESDAY}"]`).getAttribute('value');
    const boxes = await page
      .locator('input[name="c"]')
      .evaluateAll((els) =>
        els.map((e) => ({
          value: (e as HTMLInputElement).value,
          disabled: (e as HTMLInputElement).disabled,
          checked: (e as HTMLInputElement).checked,
        })),
      );
    const days = boxes
      .filter((b) => b.value.startsWith(`${row}:`) && !b.disabled && !b.checked)
      .map((b) => b.value.slice(b.value.indexOf(':') + 1))
      .filter((day) => day >= earliest);
    if (days.length >= need) return days.slice(0, need);
    const [y, m] = month.split('-').map(Number);
    month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  }
  throw new Error(`No month with ${need} free Wednesdays between ${earliest} and the end of the school year`);
}

/** Ticks (or unticks) Sarah's Wednesdays on the month shown, then « Valider et terminer ». */
async function toRecap(page: Page, days: PlainDate[], action: 'check' | 'uncheck' = 'check') {
  for (const day of days) await page.getByRole('checkbox', { name: boxName(day), exact: true })[action]();
  await page.getByRole('button', { name: p.validateAndFinish, exact: true }).click();
  await page.waitForURL(`${baseUrl()}${RECAP}`);
  await page.getByRole('heading', { level: 1, name: 'Validation des modifications' }).waitFor();
}

async function cellState(page: Page, day: PlainDate): Promise<string> {
  await page.goto(`${baseUrl()}/portail/planning?vue=mois&date=${day}`);
  const row = page.locator('tr', { has: page.getByRole('rowheader', { name: new RegExp(WEDNESDAY) }) });
  return ((await row.locator(`td[data-day="${day}"] .cell-text`).textContent()) ?? '').trim();
}

/** axe needs JavaScript in the page: pages of a JavaScript-off run are checked by the JavaScript-on run of the same test. */
async function axe(page: Page, javaScript: boolean) {
  if (javaScript) await expectNoAxeViolations(page);
}

const money = (text: string) => Math.round(Number(text.replace(/[^\d,-]/g, '').replace(',', '.')) * 100);

describe('Paiement immédiat on the demo bank', () => {
  for (const javaScript of [true, false]) {
    it(`books the paid Wednesdays and shows the payment with its receipt (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const { page, close } = await parent({ javaScript });
      try {
        await clearBasket(page);
        const days = await freeWednesdays(page, 2);
        await page.goto(`${baseUrl()}/portail/planning?vue=mois&date=${days[0]}&mode=modifier`);
        await toRecap(
          page,
          days.filter((d) => d.slice(0, 7) === days[0].slice(0, 7)),
        );
        const booked = days.filter((d) => d.slice(0, 7) === days[0].slice(0, 7));
        // Every price says which rule made it.
        const rows = page.locator('table.recap-table tbody tr');
        expect(await rows.count()).toBe(booked.length);
        for (const text of await rows.allTextContents()) expect(text).toMatch(/à l’unité – Tarif QF 3 \(640–859\s€\)\s: \d+,\d\d\s€/);
        const total = money((await page.locator('.recap-total strong').textContent()) ?? '');
        expect(await page.getByRole('main').textContent()).toContain('gardés 30 minutes');
        await axe(page, javaScript);

        const before = outboxFiles();
        await page.getByRole('button', { name: p.recap.pay, exact: true }).click();
        await page.waitForURL(/\/demo-bank\/[0-9a-f-]{36}$/);
        await page.getByRole('heading', { level: 1, name: pay.demoBank.title }).waitFor();
        expect(money((await page.locator('.demo-bank__details strong').textContent()) ?? '')).toBe(total);
        await axe(page, javaScript);
        await page.getByRole('button', { name: pay.demoBank.pay, exact: true }).click();

        await page.waitForURL(/\/portail\/paiement\/[0-9a-f-]{36}$/);
        await page.getByRole('heading', { level: 1, name: pay.result.titles.paid }).waitFor();
        const main = (await page.getByRole('main').textContent()) ?? '';
        expect(main).toMatch(/Votre paiement de \d+,\d\d\s€ a été accepté le/);
        expect(main).toMatch(/Reçu n° R\d{4}-\d{6}/);
        const lines = page.locator('table.payment-result__table tbody tr');
        expect(await lines.count()).toBe(booked.length);
        for (const text of await lines.allTextContents()) {
          expect(text).toContain('Réservation');
          expect(text).toContain('réservé');
          expect(text).toContain('Tarif QF 3');
        }
        await axe(page, javaScript);

        const mail = await waitForMail(before, ACCOUNTS.parent.email);
        expect(mail.subject).toMatch(/^Reçu de paiement n° R\d{4}-\d{6}$/);
        expect(mail.text).toContain(`– Sarah – ${WEDNESDAY} – Réservation`);
        expect(main).toContain(mail.subject.replace('Reçu de paiement n° ', 'Reçu n° '));

        for (const day of booked) expect(await cellState(page, day)).toBe('réservé');
        await page.goto(`${baseUrl()}${RECAP}`);
        expect(await page.locator('.basket-bar').textContent()).toContain('Récapitulatif (0)');
      } finally {
        await close();
      }
    });
  }

  for (const javaScript of [false, true]) {
    it(`books nothing when the bank refuses, and keeps the basket (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const { page, close } = await parent({ javaScript });
      try {
        await clearBasket(page);
        const [day] = await freeWednesdays(page, 1);
        await page.goto(`${baseUrl()}/portail/planning?vue=mois&date=${day}&mode=modifier`);
        await toRecap(page, [day]);
        await page.getByRole('button', { name: p.recap.pay, exact: true }).click();
        await page.waitForURL(/\/demo-bank\//);
        await page.getByRole('button', { name: pay.demoBank.refuse, exact: true }).click();
        await page.waitForURL(/\/portail\/paiement\//);
        await page.getByRole('heading', { level: 1, name: pay.result.titles.denied }).waitFor();
        expect(await page.getByRole('main').textContent()).toContain(pay.result.nothingBooked);
        await axe(page, javaScript);
        await page.getByRole('link', { name: pay.result.backToRecap, exact: true }).click();
        await page.waitForURL(`${baseUrl()}${RECAP}`);
        const rows = page.locator('table.recap-table tbody tr');
        expect(await rows.count()).toBe(1);
        expect(await rows.first().textContent()).toContain(day.split('-').reverse().join('/'));
        expect(await cellState(page, day)).not.toBe('réservé');
        await clearBasket(page);
      } finally {
        await close();
      }
    });
  }

  it('turns a cancelled paid Wednesday into a credit that pays the next one without a card', async () => {
    const { page, close } = await parent();
    try {
      await clearBasket(page);
      // A Wednesday paid by card.
      const [first] = await freeWednesdays(page, 1);
      // What the family owes on invoices (the demo issues last month's) is untouched by prepaid payments.
      await page.goto(`${baseUrl()}/portail/planning?vue=mois&date=${first}`);
      const restantDu = /Restant dû : -?[\d\s\u202f]+,\d\d\s€/.exec((await page.getByRole('main').textContent()) ?? '')?.[0];
      expect(restantDu).toBeDefined();
      await page.goto(`${baseUrl()}/portail/planning?vue=mois&date=${first}&mode=modifier`);
      await toRecap(page, [first]);
      await page.getByRole('button', { name: p.recap.pay, exact: true }).click();
      await page.waitForURL(/\/demo-bank\//);
      await page.getByRole('button', { name: pay.demoBank.pay, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: pay.result.titles.paid }).waitFor();
      // Cancelled before its deadline: « Payer » records it at once, and the amount becomes a credit.
      await page.goto(`${baseUrl()}/portail/planning?vue=mois&date=${first}&mode=modifier`);
      await toRecap(page, [first], 'uncheck');
      expect(await page.locator('table.recap-table tbody tr').first().textContent()).toContain('Annulation');
      await page.getByRole('button', { name: p.recap.pay, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: pay.result.titles.credit }).waitFor();
      expect(await page.getByRole('main').textContent()).toContain('annulé, crédité sur votre compte');
      // The next Wednesday (same price) is paid by that credit: no bank.
      const next = (await freeWednesdays(page, 2)).find((day) => day !== first)!;
      await page.goto(`${baseUrl()}/portail/planning?vue=mois&date=${next}&mode=modifier`);
      await toRecap(page, [next]);
      expect(await page.getByRole('main').textContent()).toContain(pay.recap.noCardNeeded);
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: p.recap.pay, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: pay.result.titles.credit }).waitFor();
      expect(await cellState(page, next)).toBe('réservé');
      expect(await cellState(page, first)).not.toBe('réservé');
      // No credit left over: the Restant dû is what it was before.
      await page.goto(`${baseUrl()}/portail/planning?vue=mois&date=${next}`);
      expect(await page.getByRole('main').textContent()).toContain(restantDu!);
    } finally {
      await close();
    }
  });
});

describe('providers’ endpoints', () => {
  it('answers 4xx to forged notifications and lists them for the régie; the Stripe webhook is off with the demo bank', async () => {
    const forged = '00000000-0000-4000-8000-00000000f0f0';
    const answer = await request('/api/paiement/demo/notification', {
      method: 'POST',
      body: `session=${forged}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      sameOrigin: false,
      localAddress: IP,
    });
    expect(answer.status).toBe(404);
    expect(
      (
        await request('/api/paiement/demo/notification', {
          method: 'POST',
          body: 'session=<x>',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          sameOrigin: false,
          localAddress: IP,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await request('/api/paiement/stripe/webhook', {
          method: 'POST',
          body: '{}',
          headers: { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=forged' },
          sameOrigin: false,
          localAddress: IP,
        })
      ).status,
    ).toBe(404);
    expect((await request('/api/paiement/retour/00000000-0000-4000-8000-000000000000', { localAddress: IP })).status).toBe(404);
    // The régisseur sees it, marks it handled.
    const { context, page } = await openPage(browser);
    try {
      await loginAs(page, baseUrl(), ACCOUNTS.regisseur.username, ACCOUNTS.regisseur.password);
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: pay.menu.anomalies, exact: true }).click();
      await page.waitForURL(`${baseUrl()}/admin/paiements/anomalies`);
      const row = page.locator('tr', { hasText: forged });
      expect(await row.textContent()).toContain(pay.anomalies.kinds.unknown_reference);
      await expectNoAxeViolations(page);
      await row.getByRole('button', { name: new RegExp(`^${pay.anomalies.resolve}`) }).click();
      await page.getByRole('alert').filter({ hasText: pay.anomalies.resolutionRequired }).waitFor();
      expect(await page.title()).toMatch(/^Erreur : /);
      await expectNoAxeViolations(page);
      await page.locator('tr', { hasText: forged }).getByRole('textbox').fill('Notification forgée : aucune somme reçue.');
      await page
        .locator('tr', { hasText: forged })
        .getByRole('button', { name: new RegExp(`^${pay.anomalies.resolve}`) })
        .click();
      await page.waitForURL(/ok=1/);
      await expect.poll(() => page.locator('tr', { hasText: forged }).count(), { timeout: 10_000 }).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe('staff: price grids', () => {
  for (const javaScript of [true, false]) {
    it(`refuses overlapping brackets and saves a grid, each price with its rule (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const { context, page } = await openPage(browser, { javaScript });
      try {
        await loginAs(page, baseUrl(), ACCOUNTS.agent.username, ACCOUNTS.agent.password);
        await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: pay.menu.prices, exact: true }).click();
        await page.waitForURL(`${baseUrl()}/admin/tarifs`);
        await axe(page, javaScript);
        await page
          .locator('tr', { has: page.getByRole('rowheader', { name: WEDNESDAY, exact: true }) })
          .last()
          .getByRole('link')
          .click();
        await page.waitForURL(/activite=/);
        await page.getByRole('heading', { level: 1, name: new RegExp(`^Tarifs – ${WEDNESDAY}`) }).waitFor();
        expect(await page.getByRole('region', { name: pay.prices.preview }).textContent()).toContain(
          'Tarif QF 3 (640–859\u00A0€)\u00A0: 5,40\u00A0€',
        );
        await axe(page, javaScript);
        // Bracket 2 now reaching into bracket 3: an overlap, refused with the error summary.
        const to2 = page.getByLabel(pay.prices.qfTo(2), { exact: true });
        const original = await to2.inputValue();
        await to2.fill('700');
        await page.getByRole('button', { name: pay.prices.save, exact: true }).click();
        const summary = page.getByRole('alert');
        await summary.waitFor();
        expect(await summary.textContent()).toContain('Les tranches 2 et 3 se chevauchent (de 640 à 700 €)');
        expect(await page.title()).toMatch(/^Erreur : /);
        await axe(page, javaScript);
        // An amount with three decimals is refused too.
        await page.getByLabel(pay.prices.qfTo(2), { exact: true }).fill(original);
        await page.getByLabel(pay.prices.nonResident, { exact: true }).fill('16,005');
        await page.getByRole('button', { name: pay.prices.save, exact: true }).click();
        await page.getByRole('alert').filter({ hasText: pay.prices.moneyErrors.too_many_decimals }).waitFor();
        await page.getByLabel(pay.prices.nonResident, { exact: true }).fill('16,00');
        await page.getByRole('button', { name: pay.prices.save, exact: true }).click();
        // The Wednesdays already booked are priced by this version: what it affects is shown before it is saved.
        await page.getByRole('button', { name: pay.prices.confirmSave, exact: true }).waitFor();
        expect(await page.getByRole('main').textContent()).toMatch(
          /Avant d’enregistrer : cette grille tarifera \d+ réservations? de \d+ familles?, du 01\/09\/2026/,
        );
        await axe(page, javaScript);
        await page.getByRole('button', { name: pay.prices.confirmSave, exact: true }).click();
        await page.waitForURL(/ok=1/);
        await page.getByRole('status').filter({ hasText: pay.prices.saved }).waitFor();
        expect(await page.getByRole('region', { name: pay.prices.preview }).textContent()).toContain(
          'Tarif hors commune\u00A0: 16,00\u00A0€',
        );
      } finally {
        await context.close();
      }
    });
  }

  it('is for admins and agents only; anomalies for admins and the régisseur', async () => {
    const parentCookie = await loginHttp('parent', IP);
    expect((await request('/admin/tarifs', { cookie: parentCookie, localAddress: IP })).status).toBe(403);
    const regisseur = await loginHttp('regisseur', IP);
    expect((await request('/admin/tarifs', { cookie: regisseur, localAddress: IP })).status).toBe(403);
    expect((await request('/admin/paiements/anomalies', { cookie: regisseur, localAddress: IP })).status).toBe(200);
    const agent = await loginHttp('agent', IP);
    expect((await request('/admin/paiements/anomalies', { cookie: agent, localAddress: IP })).status).toBe(403);
  });
});
