/**
 * The parent's planning end to end (tutorial steps 2–9), in Chromium on the demo commune, with and without
 * JavaScript: Planning → next month → Modifier → days for Sarah → Valider → Chloé → days → Valider et terminer →
 * Récapitulatif (unit prices, total) → Terminer → the days show as booked. Also « Tout le mois » (server-side
 * without JavaScript, announced with it), Modification avancée, the staff pages, axe on every state, reflow at
 * 320 px, and forged input (another family's child, a malformed date, a locked day).
 *
 * Days are picked at run time among the open, unticked canteen days at least three weeks ahead (so no deadline
 * bites), and every test leaves the basket empty and cancels what it booked.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type PlainDate, toParts, weekday } from '../../core/calendar/plain-date';
import { parisToday } from '../../core/calendar/paris-time';
import { longDay, shortDate } from '../../app/components/planning/format';
import { frPlanning } from '../../app/i18n/fr-planning';
import { expectNoAxeViolations, launchBrowser, loginAs } from '../harness/browser';
import { ACCOUNTS, baseUrl, loginHttp, openPage, request } from './helpers';

const IP = '127.0.0.19';
const CANTEEN = 'Cantine Les Lutins Gourmands';
const WEDNESDAY = 'Accueil du mercredi Les Lutins';
const RECAP = '/portail/planning/recapitulatif';
const p = frPlanning;

let browser: Browser;
/** No day before this one is touched: deadlines (J-2 working days for the canteen) never bite. */
const earliest = addDays(parisToday(new Date()), 21);

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function parent(options: { javaScript?: boolean; mobile?: boolean } = {}): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await openPage(browser, options);
  await loginAs(page, baseUrl(), ACCOUNTS.parent.username, ACCOUNTS.parent.password);
  await page.waitForURL(`${baseUrl()}/portail`);
  return { page, close: () => context.close() };
}

const monthTitle = (day: PlainDate) => {
  const { year, month } = toParts(day);
  return p.monthTitle(p.months[month - 1], year);
};

const boxName = (child: string, day: PlainDate) => `${child} – ${CANTEEN} – ${longDay(p, day)}`;

/** Open days of the edit table shown (canteen by default), not ticked, from `from` on (value `${activityId}:${day}`). */
async function freeDays(page: Page, from: PlainDate, activity = CANTEEN): Promise<PlainDate[]> {
  const row = await page.locator(`input[name="all"][data-activity="${activity}"]`).getAttribute('value');
  const boxes = await page
    .locator('input[name="c"]')
    .evaluateAll((els) => els.map((e) => ({ value: (e as HTMLInputElement).value, disabled: (e as HTMLInputElement).disabled, checked: (e as HTMLInputElement).checked })));
  return boxes
    .filter((b) => b.value.startsWith(`${row}:`) && !b.disabled && !b.checked)
    .map((b) => b.value.slice(b.value.indexOf(':') + 1))
    .filter((day) => day >= from);
}

/** From the current month, the arrow « Mois suivant » up to the first month with at least `need` free days. */
async function goToMonthWithFreeDays(page: Page, need: number): Promise<PlainDate[]> {
  // Read the free days in edit mode, then come back to read mode on the same month (as a parent would).
  for (let i = 0; i < 14; i++) {
    const title = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    const modify = page.getByRole('link', { name: p.modify, exact: true });
    await modify.click();
    await page.waitForURL(/mode=modifier/);
    await page.locator('input[name="all"]').first().waitFor();
    const days = await freeDays(page, earliest);
    if (days.length >= need) return days;
    await page.getByRole('link', { name: p.quit, exact: true }).click();
    await page.waitForURL((url) => !url.search.includes('mode=modifier'));
    await page.locator('input[name="all"]').first().waitFor({ state: 'detached' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    await page.getByRole('link', { name: p.next.month, exact: true }).click();
    await page.waitForFunction((previous) => document.querySelector('h1')?.textContent !== previous, title);
  }
  throw new Error(`No month with ${need} free canteen days from ${earliest}`);
}

/** The canteen row's open, unticked boxes. */
async function canteenBoxes(page: Page, state: 'unticked' | 'all'): Promise<number> {
  const row = await page.locator(`input[name="all"][data-activity="${CANTEEN}"]`).getAttribute('value');
  return page.locator(`input[name="c"][data-row="${row}"]:not(:disabled)${state === 'unticked' ? ':not(:checked)' : ''}`).count();
}

/**
 * With JavaScript, React Router updates the URL a moment before React commits the new page: wait for what the
 * page shows, not for the URL.
 */
const shows = (page: Page, selector: string, text: string) => page.locator(selector, { hasText: text }).first().waitFor();
const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

const money = (text: string) => Math.round(Number(text.replace(/[^\d,-]/g, '').replace(',', '.')) * 100);

async function clearBasket(page: Page) {
  await page.goto(`${baseUrl()}${RECAP}`);
  const clear = page.getByRole('button', { name: p.recap.clear, exact: true });
  if ((await clear.count()) > 0) {
    await clear.click();
    await page.waitForURL(/ok=vide/);
  }
  await shows(page, '.basket-bar', 'Récapitulatif (0)');
}

/** The state words of a day's cell of the canteen row, in read mode. */
async function cellState(page: Page, day: PlainDate): Promise<string> {
  const row = page.locator('tr', { has: page.getByRole('rowheader', { name: new RegExp(CANTEEN) }) });
  return ((await row.locator(`td[data-day="${day}"] .cell-text`).textContent()) ?? '').trim();
}

async function childIds(page: Page): Promise<Record<string, string>> {
  const tabs = page.getByRole('navigation', { name: p.children }).getByRole('link');
  const ids: Record<string, string> = {};
  for (const tab of await tabs.all()) {
    const href = (await tab.getAttribute('href')) ?? '';
    ids[((await tab.textContent()) ?? '').trim()] = new URL(href, baseUrl()).searchParams.get('enfant') ?? '';
  }
  return ids;
}

/** Unticks the given days for each child (edit mode, month of the first day), then Valider et terminer + Terminer. */
async function cancelDays(page: Page, ids: Record<string, string>, plan: Record<string, PlainDate[]>) {
  const children = Object.keys(plan);
  for (const [index, child] of children.entries()) {
    await page.goto(`${baseUrl()}/portail/planning?enfant=${ids[child]}&vue=mois&date=${plan[child][0]}&mode=modifier`);
    for (const day of plan[child]) await page.getByRole('checkbox', { name: boxName(child, day), exact: true }).uncheck();
    const last = index === children.length - 1;
    await page.getByRole('button', { name: last ? p.validateAndFinish : p.validate, exact: true }).click();
    await page.waitForURL(last ? `${baseUrl()}${RECAP}` : /ok=valide/);
    if (last) await h1(page, 'Validation des modifications');
  }
  const rows = page.locator('table.recap-table tbody tr');
  expect(await rows.count()).toBe(Object.values(plan).flat().length);
  for (const text of await rows.allTextContents()) {
    expect(text).toContain('Annulation');
    expect(text).toMatch(/-\d+,\d\d\s€/);
  }
  await page.getByRole('button', { name: p.recap.finish, exact: true }).click();
  await page.waitForURL(/confirmation=/);
  await h1(page, p.confirmation.title);
}

describe('the tutorial path', () => {
  for (const javaScript of [true, false]) {
    it(`books days for Sarah then Chloé, confirms, and shows them booked (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const { page, close } = await parent({ javaScript });
      try {
        await clearBasket(page);
        await page.goto(`${baseUrl()}/portail`);
        // Step 2: the « Planning » menu opens the current month for the first child.
        await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Planning', exact: true }).click();
        await page.waitForURL(`${baseUrl()}/portail/planning`);
        const today = parisToday(new Date());
        await h1(page, `Sarah : ${monthTitle(today)}`);
        expect(await page.getByRole('table').locator('caption').textContent()).toBe(`Planning de Sarah : ${monthTitle(today)}`);
        const main = (await page.getByRole('main').textContent()) ?? '';
        expect(main).toMatch(/Coût de la période : \d+,\d\d\s€/);
        expect(main).toMatch(/Restant dû : -?\d+,\d\d\s€/);
        for (const view of ['Mensuel', 'Quinzaine', 'Semaine']) expect(await page.getByRole('link', { name: view, exact: true }).count()).toBe(1);
        expect(await page.getByRole('link', { name: 'Aujourd’hui', exact: true }).count()).toBe(1);
        const ids = await childIds(page);
        expect(Object.keys(ids)).toEqual(['Sarah', 'Chloé']);

        // Steps 3–5: the arrow to a month with free days, « Modifier », days ticked one by one.
        const sarahFree = await goToMonthWithFreeDays(page, 4);
        const sarahDays = sarahFree.slice(javaScript ? 0 : 2, javaScript ? 2 : 4);
        for (const day of sarahDays) await page.getByRole('checkbox', { name: boxName('Sarah', day), exact: true }).check();
        // Step 6: « Valider » stores Sarah's changes and opens Chloé, same month, edit mode.
        await page.getByRole('button', { name: p.validate, exact: true }).click();
        await page.waitForURL((url) => url.searchParams.get('enfant') === ids['Chloé'] && url.searchParams.get('mode') === 'modifier');
        await page.getByRole('heading', { level: 1, name: `Chloé : ${monthTitle(sarahDays[0])}` }).waitFor();
        expect(await page.getByRole('main').textContent()).toContain(p.validated);
        expect(await page.locator('.basket-bar').textContent()).toContain('Récapitulatif (2)');
        expect(await page.locator('.basket-banner').textContent()).toContain(p.banner);

        // Step 7: Chloé's days, « Valider et terminer ».
        const chloeDays = (await freeDays(page, earliest)).slice(0, 2);
        expect(chloeDays.length).toBe(2);
        for (const day of chloeDays) await page.getByRole('checkbox', { name: boxName('Chloé', day), exact: true }).check();
        await page.getByRole('button', { name: p.validateAndFinish, exact: true }).click();
        await page.waitForURL(`${baseUrl()}${RECAP}`);

        // Step 8: the recap, unit price per line and the total.
        await h1(page, 'Validation des modifications');
        expect(await page.getByRole('main').textContent()).toContain('Afin d’enregistrer définitivement votre saisie, veuillez cliquer sur le bouton "Terminer"');
        const rows = page.locator('table.recap-table tbody tr');
        expect(await rows.count()).toBe(4);
        let sum = 0;
        for (const [child, days] of [['Sarah', sarahDays], ['Chloé', chloeDays]] as const) {
          for (const day of days) {
            const row = rows.filter({ hasText: shortDate(day) }).filter({ hasText: `${child} – ${CANTEEN} – Cantine` });
            expect(await row.count()).toBe(1);
            const cells = await row.locator('td').allTextContents();
            expect(cells[2]).toBe('Réservation');
            expect(cells[3]).toMatch(/^à l’unité/);
            expect(cells[4]).toMatch(/^\d+,\d\d\s€$/);
            sum += money(cells[4]);
          }
        }
        expect(sum).toBeGreaterThan(0);
        const total = (await page.locator('.recap-total strong').textContent()) ?? '';
        expect(total).toMatch(/^A payer : \d+,\d\d\s€$/);
        expect(money(total)).toBe(sum);
        expect(await page.getByRole('heading', { name: 'Sur facture' }).count()).toBe(1);
        for (const name of ['Tout supprimer', 'Terminer']) expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
        expect(await page.getByRole('link', { name: 'Retour', exact: true }).count()).toBe(1);

        // Step 9: « Terminer » books, and says what was booked.
        await page.getByRole('button', { name: p.recap.finish, exact: true }).click();
        await page.waitForURL(/confirmation=/);
        await h1(page, p.confirmation.title);
        expect(await page.getByRole('main').textContent()).toContain('4 modifications enregistrées');
        expect(await page.locator('.basket-bar').textContent()).toContain('Récapitulatif (0)');
        expect(await page.locator('.basket-banner').count()).toBe(0);

        // The days now show as booked in read mode.
        for (const [child, days] of [['Sarah', sarahDays], ['Chloé', chloeDays]] as const) {
          await page.goto(`${baseUrl()}/portail/planning?enfant=${ids[child]}&vue=mois&date=${days[0]}`);
          for (const day of days) expect(await cellState(page, day)).toBe('réservé');
        }

        // Cleanup, which also walks the cancellation path: negative lines, Terminer.
        await cancelDays(page, ids, { Sarah: sarahDays, Chloé: chloeDays });
        await page.goto(`${baseUrl()}/portail/planning?enfant=${ids.Sarah}&vue=mois&date=${sarahDays[0]}`);
        for (const day of sarahDays) expect(await cellState(page, day)).toBe('non réservé');
      } finally {
        await close();
      }
    });
  }
});

describe('« Tout le mois »', () => {
  it('without JavaScript, the server ticks every open day of the row on submit', async () => {
    const { page, close } = await parent({ javaScript: false });
    try {
      await clearBasket(page);
      await page.goto(`${baseUrl()}/portail/planning`);
      const free = await goToMonthWithFreeDays(page, 4);
      const all = await canteenBoxes(page, 'unticked');
      await page.getByRole('checkbox', { name: `Tout le mois – Sarah – ${CANTEEN}`, exact: true }).check();
      await page.getByRole('button', { name: p.validateAndFinish, exact: true }).click();
      await page.waitForURL(`${baseUrl()}${RECAP}`);
      await h1(page, 'Validation des modifications');
      const rows = page.locator('table.recap-table tbody tr');
      expect(await rows.count()).toBe(all);
      expect(await rows.filter({ hasText: shortDate(free[0]) }).count()).toBe(1);
      // « Supprimer » on one line, with its own accessible name, then « Tout supprimer ».
      const line = `Supprimer la ligne Sarah – ${CANTEEN} – Cantine du ${longDay(p, free[0])}`;
      await page.getByRole('button', { name: line, exact: true }).click();
      await page.waitForURL(/ok=ligne-supprimee/);
      await shows(page, '.notice', p.recap.lineRemoved);
      expect(await page.locator('table.recap-table tbody tr').count()).toBe(all - 1);
      await clearBasket(page);
      expect(await page.getByRole('main').textContent()).toContain(p.recap.empty);
    } finally {
      await close();
    }
  });

  it('with JavaScript, ticks the row at once and says how many; « Quitter » stores nothing', async () => {
    const { page, close } = await parent();
    try {
      await clearBasket(page);
      await page.goto(`${baseUrl()}/portail/planning`);
      await goToMonthWithFreeDays(page, 4);
      const editable = await canteenBoxes(page, 'all');
      await page.getByRole('checkbox', { name: `Tout le mois – Sarah – ${CANTEEN}`, exact: true }).check();
      expect(await canteenBoxes(page, 'unticked')).toBe(0);
      expect(await page.getByRole('status').filter({ hasText: 'cochés' }).textContent()).toBe(`${CANTEEN} : ${editable} jours cochés`);
      await page.getByRole('checkbox', { name: `Tout le mois – Sarah – ${CANTEEN}`, exact: true }).uncheck();
      expect(await page.getByRole('status').filter({ hasText: 'décochés' }).textContent()).toBe(`${CANTEEN} : ${editable} jours décochés`);
      await page.getByRole('link', { name: p.quit, exact: true }).click();
      await page.waitForURL((url) => !url.search.includes('mode=modifier'));
      await page.locator('input[name="all"]').first().waitFor({ state: 'detached' });
      await shows(page, '.basket-bar', 'Récapitulatif (0)');
    } finally {
      await close();
    }
  });
});

describe('Paiement immédiat', () => {
  it('groups a prepaid line apart; « Payer » leads to the bank, and abandoning keeps the basket (payment.test.ts pays)', async () => {
    const { page, close } = await parent({ javaScript: false });
    try {
      await clearBasket(page);
      await page.goto(`${baseUrl()}/portail/planning`);
      await goToMonthWithFreeDays(page, 2);
      const wednesday = (await freeDays(page, earliest, WEDNESDAY))[0];
      expect(wednesday).toBeTruthy();
      await page.getByRole('checkbox', { name: `Sarah – ${WEDNESDAY} – ${longDay(p, wednesday)}`, exact: true }).check();
      await page.getByRole('button', { name: p.validateAndFinish, exact: true }).click();
      await page.waitForURL(`${baseUrl()}${RECAP}`);
      expect(await page.getByRole('heading', { name: 'Paiement immédiat' }).count()).toBe(1);
      expect(await page.getByRole('main').textContent()).toContain('veuillez cliquer sur le bouton "Payer"');
      expect(await page.getByRole('button', { name: p.recap.finish, exact: true }).count()).toBe(0);
      await page.getByRole('button', { name: p.recap.pay, exact: true }).click();
      // Online payment (issue 4, tests/e2e/payment.test.ts): the demo bank; abandoning gives the line back.
      await page.waitForURL(/\/demo-bank\//);
      await page.getByRole('button', { name: 'Abandonner', exact: true }).click();
      await page.waitForURL(/\/portail\/paiement\//);
      await page.goto(`${baseUrl()}${RECAP}`);
      expect(await page.locator('table.recap-table tbody tr').count()).toBe(1);
      await clearBasket(page);
    } finally {
      await close();
    }
  });
});

describe('Modification avancée', () => {
  for (const javaScript of [true, false]) {
    it(`previews a weekly pattern for one child, then adds it to the recap (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const { page, close } = await parent({ javaScript });
      try {
        await clearBasket(page);
        await page.goto(`${baseUrl()}/portail/planning`);
        const free = await goToMonthWithFreeDays(page, 4);
        await page.getByRole('link', { name: p.advanced, exact: true }).first().click();
        await page.waitForURL(`${baseUrl()}/portail/planning/modification-avancee`);
        await page.getByRole('heading', { level: 1, name: 'Modification avancée' }).waitFor();
        // Defaults: every child ticked, from today.
        expect(await page.getByRole('checkbox', { name: 'Sarah', exact: true }).isChecked()).toBe(true);
        expect(await page.getByRole('checkbox', { name: 'Chloé', exact: true }).isChecked()).toBe(true);
        expect(await page.getByLabel('Du', { exact: true }).inputValue()).toBe(parisToday(new Date()));
        await page.getByRole('checkbox', { name: 'Chloé', exact: true }).uncheck();
        // Cantine: Monday and Thursday, over the week of the first free day.
        const canteen = page.getByRole('group', { name: new RegExp(`^${CANTEEN}`) });
        await canteen.getByRole('checkbox', { name: 'lundi', exact: true }).check();
        await canteen.getByRole('checkbox', { name: 'jeudi', exact: true }).check();
        await page.getByLabel('Du', { exact: true }).fill(free[0]);
        await page.getByLabel('Au', { exact: true }).fill(addDays(free[0], 6));
        await page.getByRole('button', { name: p.adv.preview, exact: true }).click();
        const preview = page.getByRole('region', { name: 'Prévisualisation' });
        await preview.waitFor();
        const added = preview.locator('table', { has: page.locator('caption', { hasText: 'Réservations ajoutées' }) }).locator('tbody tr');
        const count = await added.count();
        expect(count).toBeGreaterThan(0);
        for (const text of await added.allTextContents()) {
          expect(text).toContain('Sarah');
          expect(text).not.toContain('Chloé');
        }
        await preview.getByRole('button', { name: p.adv.apply, exact: true }).click();
        await page.waitForURL(`${baseUrl()}${RECAP}`);
        await h1(page, 'Validation des modifications');
        const rows = page.locator('table.recap-table tbody tr').filter({ hasText: 'Réservation' });
        expect(await rows.count()).toBe(count);
        await clearBasket(page);
      } finally {
        await close();
      }
    });
  }

  it('refuses an empty choice with the error summary', async () => {
    const { page, close } = await parent({ javaScript: false });
    try {
      await page.goto(`${baseUrl()}/portail/planning/modification-avancee`);
      await page.getByRole('button', { name: p.adv.preview, exact: true }).click();
      expect(await page.title()).toMatch(/^Erreur : /);
      const summary = page.getByRole('alert');
      expect(await summary.textContent()).toContain(p.adv.errors.activities);
      expect(await page.locator('.basket-bar').textContent()).toContain('Récapitulatif (0)');
    } finally {
      await close();
    }
  });
});

describe('accessibility', () => {
  it('has no axe violation on the planning (read and edit) and the empty recap; locked days say why', async () => {
    const { page, close } = await parent();
    try {
      await clearBasket(page);
      expect(await page.getByRole('main').textContent()).toContain(p.recap.empty);
      await expectNoAxeViolations(page);
      await page.goto(`${baseUrl()}/portail/planning`);
      await expectNoAxeViolations(page);
      // The current month in edit mode: past days and days past their deadline are disabled, with their reason.
      await page.goto(`${baseUrl()}/portail/planning?mode=modifier`);
      await expectNoAxeViolations(page);
      const locked = page.locator('input[name="c"]:disabled');
      for (const box of (await locked.all()).slice(0, 3)) {
        const described = (await box.getAttribute('aria-describedby')) ?? '';
        expect(described).not.toBe('');
        const reason = await page.locator(`[id="${described.split(' ').pop()}"]`).textContent();
        expect(reason).toMatch(/passé|Délai|férié|Vacances|fermé|inscrit|Complet/);
      }
      const free = await (async () => {
        await page.goto(`${baseUrl()}/portail/planning`);
        return goToMonthWithFreeDays(page, 2);
      })();
      await expectNoAxeViolations(page);
      // Names: child – activity – full French date.
      expect(await page.getByRole('checkbox', { name: boxName('Sarah', free[0]), exact: true }).count()).toBe(1);
    } finally {
      await close();
    }
  });

  it('has no axe violation on the recap with lines, the other views, and the advanced edit with its preview', async () => {
    const { page, close } = await parent();
    try {
      await clearBasket(page);
      await page.goto(`${baseUrl()}/portail/planning`);
      const free = await goToMonthWithFreeDays(page, 2);
      await page.getByRole('checkbox', { name: boxName('Sarah', free[0]), exact: true }).check();
      await page.getByRole('button', { name: p.validateAndFinish, exact: true }).click();
      await page.waitForURL(`${baseUrl()}${RECAP}`);
      await h1(page, 'Validation des modifications');
      await expectNoAxeViolations(page);
      for (const view of ['quinzaine', 'semaine']) {
        await page.goto(`${baseUrl()}/portail/planning?vue=${view}&date=${free[0]}`);
        // The basket banner is on every portal page while it is not empty.
        expect(await page.locator('.basket-banner').textContent()).toContain(p.banner);
        await expectNoAxeViolations(page);
        await page.goto(`${baseUrl()}/portail/planning?vue=${view}&date=${free[0]}&mode=modifier`);
        await expectNoAxeViolations(page);
      }
      await page.goto(`${baseUrl()}/portail/planning/modification-avancee`);
      await expectNoAxeViolations(page);
      await page.getByRole('group', { name: new RegExp(`^${CANTEEN}`) }).getByRole('checkbox', { name: 'vendredi', exact: true }).check();
      await page.getByLabel('Du', { exact: true }).fill(free[0]);
      await page.getByLabel('Au', { exact: true }).fill(addDays(free[0], 13));
      await page.getByRole('button', { name: p.adv.preview, exact: true }).click();
      await page.getByRole('region', { name: 'Prévisualisation' }).waitFor();
      await expectNoAxeViolations(page);
      await clearBasket(page);
    } finally {
      await close();
    }
  });

  it('reflows at 320 px: no horizontal scroll on the planning, in edit mode, or on the recap', async () => {
    const { page, close } = await parent({ mobile: true });
    try {
      await page.setViewportSize({ width: 320, height: 640 });
      await clearBasket(page);
      await page.goto(`${baseUrl()}/portail/planning`);
      const free = await goToMonthWithFreeDays(page, 2);
      const width = () => page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
      expect(await width()).toBeLessThanOrEqual(320);
      // On a phone each day is a tile with its weekday and number.
      const tile = page.locator(`td[data-day="${free[0]}"]`).first();
      expect(((await tile.locator('.cell-day').textContent()) ?? '').trim()).toBe(`${p.weekdayInitials[weekday(free[0]) - 1]} ${Number(free[0].slice(8))}`);
      await page.getByRole('checkbox', { name: boxName('Sarah', free[0]), exact: true }).check();
      await page.getByRole('button', { name: p.validateAndFinish, exact: true }).click();
      await page.waitForURL(`${baseUrl()}${RECAP}`);
      await h1(page, 'Validation des modifications');
      expect(await width()).toBeLessThanOrEqual(320);
      await page.goto(`${baseUrl()}/portail/planning?date=${free[0]}`);
      expect(await width()).toBeLessThanOrEqual(320);
      await clearBasket(page);
    } finally {
      await close();
    }
  });
});

describe('forged input', () => {
  let parentCookie: string;
  let foreignChildId: string;

  beforeAll(async () => {
    parentCookie = await loginHttp('parent', IP);
    const agent = await loginHttp('agent', IP);
    const found = await request('/admin/plannings?q=an', { cookie: agent, localAddress: IP });
    const ids = [...found.text.matchAll(/\/admin\/plannings\?enfant=([^"&]+)/g)].map((m) => decodeURIComponent(m[1]));
    const planning = await request('/portail/planning', { cookie: parentCookie, localAddress: IP });
    const own = new Set([...planning.text.matchAll(/enfant=([^"&]+)/g)].map((m) => decodeURIComponent(m[1])));
    foreignChildId = ids.find((id) => !own.has(id)) ?? '';
    expect(foreignChildId).not.toBe('');
  });

  it('answers 404 to another family’s child, in the URL or in a form', async () => {
    const page = await request(`/portail/planning?enfant=${encodeURIComponent(foreignChildId)}`, { cookie: parentCookie, localAddress: IP });
    expect(page.status).toBe(404);
    expect(page.text).toContain('Page introuvable');
    const edit = await request(`/portail/planning?enfant=${encodeURIComponent(foreignChildId)}&mode=modifier`, { cookie: parentCookie, localAddress: IP });
    expect(edit.status).toBe(404);
    const post = await request('/portail/planning', {
      cookie: parentCookie,
      localAddress: IP,
      form: { intent: 'valider', enfant: foreignChildId, vue: 'mois', date: earliest },
    });
    expect(post.status).toBe(404);
    const basket = await request(RECAP, { cookie: parentCookie, localAddress: IP });
    expect(basket.text).toContain('Récapitulatif (0)');
  });

  it('refuses a malformed date and a locked (past) day with a French message, and changes nothing', async () => {
    const planning = await request('/portail/planning?date=2026-02-31', { cookie: parentCookie, localAddress: IP });
    expect(planning.status).toBe(200);
    expect(planning.text).toContain(p.badDate);
    const own = /enfant=([^"&]+)/.exec(planning.text)?.[1] ?? '';
    const activity = /name="all" value="([^"]+)"/.exec(
      (await request(`/portail/planning?enfant=${own}&mode=modifier`, { cookie: parentCookie, localAddress: IP })).text,
    )?.[1];
    expect(activity).toBeTruthy();
    const malformed = await request('/portail/planning', {
      cookie: parentCookie,
      localAddress: IP,
      form: { intent: 'valider', enfant: decodeURIComponent(own), vue: 'mois', date: '2026-13-45' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('La date envoyée n’est pas valide');
    const past = addDays(parisToday(new Date()), -7);
    const locked = await request('/portail/planning', {
      cookie: parentCookie,
      localAddress: IP,
      form: { intent: 'valider', enfant: decodeURIComponent(own), vue: 'mois', date: past, c: `${activity}:${past}` },
    });
    // Either refused outright, or the locked day is ignored: in both cases nothing reaches the basket.
    expect([302, 400]).toContain(locked.status);
    const recap = await request(RECAP, { cookie: parentCookie, localAddress: IP });
    expect(recap.text).toContain('Récapitulatif (0)');
  });
});

describe('staff', () => {
  it('an agent finds Sarah, books a day on the family’s behalf at once, then cancels it; effectifs show the counts', async () => {
    const { context, page } = await openPage(browser);
    try {
      await loginAs(page, baseUrl(), ACCOUNTS.agent.username, ACCOUNTS.agent.password);
      await page.waitForURL(`${baseUrl()}/admin`);
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Plannings', exact: true }).click();
      await page.waitForURL(`${baseUrl()}/admin/plannings`);
      await expectNoAxeViolations(page);
      await page.getByLabel('Rechercher un enfant').fill('Sarah Martin');
      await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
      await page.getByRole('link', { name: 'Ouvrir le planning de Sarah Martin' }).click();
      await page.waitForURL(/enfant=/);
      await page.getByRole('heading', { level: 2, name: /^Sarah : / }).waitFor();
      let free: PlainDate[] = [];
      for (let i = 0; i < 14 && free.length === 0; i++) {
        free = await freeDays(page, earliest);
        if (free.length === 0) {
          const title = await page.getByRole('heading', { level: 2, name: /^Sarah : / }).textContent();
          await page.getByRole('link', { name: p.next.month, exact: true }).click();
          await page.waitForFunction((previous) => [...document.querySelectorAll('h2')].every((h) => h.textContent !== previous), title);
        }
      }
      const day = free[0];
      await expectNoAxeViolations(page);
      await page.getByRole('checkbox', { name: boxName('Sarah', day), exact: true }).check();
      await page.getByRole('button', { name: p.admin.apply, exact: true }).click();
      await page.getByRole('status').filter({ hasText: '1 modification enregistrée' }).waitFor();
      expect(await page.getByRole('checkbox', { name: boxName('Sarah', day), exact: true }).isChecked()).toBe(true);

      await page.goto(`${baseUrl()}/admin/effectifs?date=${day}`);
      expect(await page.locator('caption').textContent()).toBe(`Effectifs du ${longDay(p, day)}`);
      expect(await page.getByRole('rowheader', { name: CANTEEN }).count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page);

      await page.goBack();
      await page.getByRole('checkbox', { name: boxName('Sarah', day), exact: true }).uncheck();
      await page.getByRole('button', { name: p.admin.apply, exact: true }).click();
      await page.getByRole('status').filter({ hasText: '1 modification enregistrée' }).waitFor();
      expect(await page.getByRole('checkbox', { name: boxName('Sarah', day), exact: true }).isChecked()).toBe(false);
    } finally {
      await context.close();
    }
  });
});
