/**
 * Shared set-up of the payment integration tests: the booking services of booking-helpers.ts plus the payment
 * services wired as in production (server/payments-service.ts), a family with a prepaid Wednesday activity, and a
 * scripted provider whose answers the test decides.
 */
import fs from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import type { DatabaseHandle } from '../../adapters/db/create-db';
import type { SoapRequest } from '../../adapters/payment/payfip';
import type { NotificationRequest, PaymentProvider, ProviderPayment, ProviderResult, PayableSource } from '../../core/payments/ports';
import { createActivity, createCanteenFixture, createEnrolment, createPriceGrid, DEMO_GRIDS, type DbLike } from '../../server/demo/factories';
import type { PaymentConfig } from '../../server/config-payments';
import { createPaymentServices } from '../../server/payments-service';
import { cell, parent, services } from './booking-helpers';

/** The demo Wednesday grid: QF 1000 → bracket 4 → 6,60 € a Wednesday. */
export const WEDNESDAY_CENTS = 660;
/** Wednesdays still open at NOW (Thursday 26 November 2026, 09:00): 2 December's deadline has just passed. */
export const WEDNESDAYS = ['2026-12-09', '2026-12-16', '2027-01-06', '2027-01-13'];

export async function prepaidFixture(db: DbLike, overrides: Parameters<typeof createCanteenFixture>[1] = {}) {
  const f = await createCanteenFixture(db, { family: { email: 'dupont@example.fr' }, ...overrides });
  const wednesday = await createActivity(db, { site_id: f.site.id, school_year_id: f.schoolYear.id, kind: 'mercredi', name: 'Accueil du mercredi' });
  await createPriceGrid(db, { activity_id: wednesday.id, school_year_id: f.schoolYear.id }, DEMO_GRIDS.mercredi);
  await createEnrolment(db, { child_id: f.child.id, activity_id: wednesday.id });
  return { ...f, wednesday };
}

export type PrepaidFixture = Awaited<ReturnType<typeof prepaidFixture>>;

export interface ScriptedProvider extends PaymentProvider {
  starts: ProviderPayment[];
  /** What poll() answers, by provider reference (default: waiting). */
  answers: Map<string, ProviderResult>;
  /** Blocks start() until released (concurrency tests). */
  gate: { wait: Promise<void> | null };
}

/** A provider with signed notifications (header x-signature: valid) whose answers the test scripts. */
export function scriptedProvider(options: { minCents?: number; maxCents?: number } = {}): ScriptedProvider {
  const provider: ScriptedProvider = {
    id: 'stripe',
    limits: { minCents: options.minCents ?? 1, maxCents: options.maxCents ?? 10_000_000 },
    onePayablePerTransaction: false,
    pollOnReturn: true,
    idempotentStart: false,
    starts: [],
    answers: new Map(),
    gate: { wait: null },
    async start(payment) {
      provider.starts.push(payment);
      const n = provider.starts.length;
      if (provider.gate.wait) await provider.gate.wait;
      return { providerRef: `sp_${n}`, redirectUrl: `https://bank.test/pay/sp_${n}` };
    },
    async handleNotification(request) {
      if (request.headers['x-signature'] !== 'valid') return { kind: 'reject', status: 400, reason: 'Invalid signature' };
      const body = JSON.parse(request.rawBody) as { eventId: string; result: ProviderResult };
      return { kind: 'result', eventId: body.eventId, eventType: 'test', result: body.result };
    },
    async poll(ref) {
      return provider.answers.get(ref.providerRef) ?? { status: 'waiting', reference: ref.reference, providerRef: ref.providerRef };
    },
  };
  return provider;
}

export function signedNotification(eventId: string, result: ProviderResult, signature = 'valid'): NotificationRequest {
  return { method: 'POST', headers: { 'x-signature': signature }, query: new URLSearchParams(), rawBody: JSON.stringify({ eventId, result }) };
}

/** A SOAP transport replaying the recorded PayFiP answers, with the refdet, idop and amount of the payment asked for. */
export function payfipReplay(resultrans: () => string) {
  const dir = path.resolve(import.meta.dirname, '../../adapters/payment/fixtures/payfip');
  const requests: SoapRequest[] = [];
  const created = new Map<string, { refdet: string; montant: string }>();
  let counter = 0;
  const field = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';
  const transport = async (request: SoapRequest) => {
    requests.push(request);
    if (request.action === 'creerPaiementSecurise') {
      const idop = `IDOP${String(++counter).padStart(28, '0')}`;
      created.set(idop, { refdet: field(request.body, 'refdet'), montant: field(request.body, 'montant') });
      return { status: 200, body: fs.readFileSync(path.join(dir, 'creerPaiementSecurise-ok.xml'), 'utf8').replace('a1b2c3d4e5f60718293a4b5c6d7e8f90', idop) };
    }
    const idop = field(request.body, 'idOp');
    const known = created.get(idop);
    const code = known ? resultrans() : 'P1';
    const file = `recupererDetailPaiementSecurise-${code}.xml`;
    const body = fs
      .readFileSync(path.join(dir, file), 'utf8')
      .replaceAll('a1b2c3d4e5f60718293a4b5c6d7e8f90', idop)
      .replaceAll('TRTABCDEFGHJKLMNPQRS', known?.refdet ?? '')
      .replace('<ns3:montant>1220<', `<ns3:montant>${known?.montant ?? ''}<`);
    return { status: code === 'P1' || code === 'P5' ? 500 : 200, body };
  };
  return { requests, transport, created };
}

export const PAYFIP_CONFIG: PaymentConfig = {
  provider: 'payfip',
  holdMinutes: 30,
  payfip: { numcli: '012345', saisie: 'T', wsUrl: 'https://payfip.test/tpa/services/securite', paymentUrl: 'https://payfip.test/tpa/paiementws.web' },
};

export function paymentServices(
  handle: DatabaseHandle,
  options: {
    provider?: PaymentProvider;
    payment?: PaymentConfig;
    soapTransport?: (request: SoapRequest) => Promise<{ status: number; body: string }>;
    stripeFetch?: typeof fetch;
    invoices?: PayableSource;
  } = {},
) {
  const base = services(handle);
  const hooks: { beforeCommit?: () => void } = {};
  const notified: string[] = [];
  let wired: ReturnType<typeof createPaymentServices> | undefined;
  wired = createPaymentServices({
    config: { payment: options.payment ?? { provider: 'demo', holdMinutes: 30 }, publicUrl: 'http://portail.test' },
    store: base.store,
    clock: base.clock,
    mailer: base.mailer,
    calendar: base.calendar,
    onError: (error) => base.errors.push(error),
    overrides: {
      provider: options.provider,
      // The demo bank's server-to-server POST, delivered in-process to the notification handler.
      notify: async (url, body) => {
        notified.push(url);
        const answer = await wired!.payments.notification('demo', { method: 'POST', headers: {}, query: new URLSearchParams(), rawBody: body });
        if (answer.status !== 200) throw new Error(`notification answered ${answer.status}`);
      },
      soapTransport: options.soapTransport,
      stripeHttpClient: options.stripeFetch ? Stripe.createFetchHttpClient(options.stripeFetch) : undefined,
      beforeCommit: () => hooks.beforeCommit?.(),
      invoices: options.invoices,
    },
  });
  return { ...base, ...wired, hooks, notified };
}

export type PaymentTestServices = ReturnType<typeof paymentServices>;

/** Valider with these Wednesdays ticked (the month of the first one; days of other months are ignored by the form). */
export async function tickWednesdays(s: PaymentTestServices, f: PrepaidFixture, days: string[], checkedCanteen: string[] = []) {
  const byMonth = new Map<string, string[]>();
  for (const day of days) byMonth.set(day.slice(0, 7), [...(byMonth.get(day.slice(0, 7)) ?? []), day]);
  for (const [month, monthDays] of byMonth) {
    const result = await s.booking.saveChanges({
      familyId: f.family.id, childId: f.child.id, view: 'month', date: `${month}-01`,
      checked: [...monthDays.map((day) => cell(f.wednesday.id, day)), ...checkedCanteen.filter((d) => d.startsWith(month)).map((d) => cell(f.activity.id, d))],
      wholePeriod: [], actor: parent,
    });
    if (!result.ok) throw new Error(`Valider failed: ${result.error}`);
  }
}

/** « Payer » on the family's current basket. */
export async function pay(s: PaymentTestServices, familyId: string) {
  const basket = await s.booking.basket(familyId);
  if (!basket) throw new Error('no basket to pay');
  return s.payments.payBasket({ familyId, basketId: basket.id, version: basket.version, actor: { userId: parent.userId, label: parent.label, ip: parent.ip } });
}

export async function bookedDays(s: PaymentTestServices, childId: string, activityId: string): Promise<string[]> {
  const rows = await s.store.db
    .selectFrom('bookings')
    .select('day')
    .where('child_id', '=', childId)
    .where('activity_id', '=', activityId)
    .where('status', '=', 'reserved')
    .orderBy('day')
    .execute();
  return rows.map((r) => r.day);
}

export async function heldPlaces(s: PaymentTestServices, activityId: string): Promise<Record<string, number>> {
  const rows = await s.store.db.selectFrom('activity_days').select(['day', 'reserved']).where('activity_id', '=', activityId).orderBy('day').execute();
  return Object.fromEntries(rows.filter((r) => Number(r.reserved) > 0).map((r) => [r.day, Number(r.reserved)]));
}
