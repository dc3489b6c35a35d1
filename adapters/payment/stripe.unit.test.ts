/**
 * The Stripe adapter through the official SDK with an injected HTTP client (no network): the Checkout Session it
 * creates (idempotency key from the transaction), webhook signatures checked by constructEvent on the raw body
 * (events signed here with generateTestHeaderString), the events mapped to results, polling and expiry.
 */
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { ProviderPayment } from '../../core/payments/ports';
import { idempotencyKeyFor, stripeProvider } from './stripe';

const SECRET = 'whsec_test_secret';
const settings = { secretKey: 'sk_test_tartine', webhookSecret: SECRET };

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

function fakeStripe(answer: (call: Call) => { status?: number; json: unknown }) {
  const calls: Call[] = [];
  const fetchFn = (async (url: string | URL | Request, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers as HeadersInit).entries());
    const call = { url: String(url), method: init?.method ?? 'GET', headers, body: typeof init?.body === 'string' ? init.body : '' };
    calls.push(call);
    const { status = 200, json } = answer(call);
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json', 'request-id': 'req_test' } });
  }) as typeof fetch;
  return { calls, provider: stripeProvider(settings, { httpClient: Stripe.createFetchHttpClient(fetchFn) }) };
}

const session = (extra: Record<string, unknown> = {}) => ({
  id: 'cs_test_123', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_123', status: 'open', payment_status: 'unpaid',
  amount_total: 1220, currency: 'eur', client_reference_id: 'TRTABCDEFGHJKLMNPQRS', metadata: {}, ...extra,
});

const payment: ProviderPayment = {
  transactionId: 'c2a4f0d6-1111-4000-8000-000000000002',
  reference: 'TRTABCDEFGHJKLMNPQRS',
  amountCents: 1220,
  email: 'famille.martin@example.fr',
  description: 'Portail famille reservations',
  year: 2026,
  createdAt: '2026-11-26T08:00:00.000Z',
  expiresAt: '2026-11-26T08:30:00.000Z',
  urls: { notify: 'http://portail.test/api/paiement/stripe/webhook', return: 'http://portail.test/api/paiement/retour/c2a4f0d6' },
};

function signed(event: Record<string, unknown>, secret = SECRET) {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  return { method: 'POST', headers: { 'stripe-signature': header }, query: new URLSearchParams(), rawBody: payload };
}

describe('Stripe Checkout', () => {
  it('creates one Checkout Session in euros with an idempotency key derived from the transaction', async () => {
    const { calls, provider } = fakeStripe(() => ({ json: session() }));
    const started = await provider.start(payment);
    expect(started).toEqual({ providerRef: 'cs_test_123', redirectUrl: 'https://checkout.stripe.com/c/pay/cs_test_123' });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('https://api.stripe.com/v1/checkout/sessions');
    expect(calls[0].headers['idempotency-key']).toBe(idempotencyKeyFor(payment.transactionId));
    const form = new URLSearchParams(calls[0].body);
    expect(form.get('mode')).toBe('payment');
    expect(form.get('client_reference_id')).toBe(payment.reference);
    expect(form.get('line_items[0][price_data][currency]')).toBe('eur');
    expect(form.get('line_items[0][price_data][unit_amount]')).toBe('1220');
    expect(form.get('success_url')).toBe(payment.urls.return);
    // Stripe wants at least 30 minutes: the session lives 31.
    expect(Number(form.get('expires_at'))).toBe(Math.floor(new Date('2026-11-26T08:31:00Z').getTime() / 1000));
    // Calling again (a retry, the poller after a crash) sends the same key: Stripe answers the same session.
    await provider.start(payment);
    expect(calls[1].headers['idempotency-key']).toBe(calls[0].headers['idempotency-key']);
  });

  it('maps a refused request to a refusal with Stripe’s code', async () => {
    const { provider } = fakeStripe(() => ({ status: 400, json: { error: { type: 'invalid_request_error', code: 'amount_too_small', message: 'Amount must be at least €0.50' } } }));
    await expect(provider.start({ ...payment, amountCents: 10 })).rejects.toMatchObject({ name: 'ProviderRefusedError', code: 'amount_too_small' });
  });

  it('polls and expires sessions', async () => {
    const { calls, provider } = fakeStripe((call) =>
      call.url.endsWith('/expire') ? { json: session({ status: 'expired' }) } : { json: session({ status: 'complete', payment_status: 'paid' }) },
    );
    const ref = { reference: payment.reference, providerRef: 'cs_test_123', createdAt: payment.createdAt };
    expect(await provider.poll(ref, new Date())).toMatchObject({ status: 'paid', amount: 1220, reference: payment.reference, providerRef: 'cs_test_123' });
    expect(await provider.cancel!(ref, new Date())).toMatchObject({ status: 'expired' });
    expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual(['GET /v1/checkout/sessions/cs_test_123', 'POST /v1/checkout/sessions/cs_test_123/expire']);
  });
});

describe('Stripe webhooks', () => {
  const { provider } = fakeStripe(() => ({ json: {} }));
  const event = (type: string, object: Record<string, unknown>, id = 'evt_1') => ({ id, object: 'event', type, data: { object } });

  it('verifies the signature on the raw body and maps checkout events', async () => {
    expect(await provider.handleNotification(signed(event('checkout.session.completed', session({ status: 'complete', payment_status: 'paid' }))))).toEqual({
      kind: 'result', eventId: 'evt_1', eventType: 'checkout.session.completed',
      result: { status: 'paid', reference: payment.reference, providerRef: 'cs_test_123', amount: 1220, code: 'complete/paid' },
    });
    const pending = await provider.handleNotification(signed(event('checkout.session.completed', session({ status: 'complete', payment_status: 'unpaid' }))));
    expect(pending.kind === 'result' && pending.result.status).toBe('waiting');
    const failed = await provider.handleNotification(signed(event('checkout.session.async_payment_failed', session({ status: 'complete' }))));
    expect(failed.kind === 'result' && failed.result.status).toBe('denied');
    const expired = await provider.handleNotification(signed(event('checkout.session.expired', session({ status: 'expired' }))));
    expect(expired.kind === 'result' && expired.result.status).toBe('expired');
    expect(await provider.handleNotification(signed(event('customer.created', { id: 'cus_1' }, 'evt_9')))).toEqual({ kind: 'ignore', eventId: 'evt_9', eventType: 'customer.created' });
  });

  it('refuses a bad signature, a body changed after signing, and a missing header', async () => {
    const good = signed(event('checkout.session.completed', session({ status: 'complete', payment_status: 'paid' })));
    expect(await provider.handleNotification(signed(event('checkout.session.completed', session()), 'whsec_other'))).toMatchObject({ kind: 'reject', status: 400 });
    expect(await provider.handleNotification({ ...good, rawBody: good.rawBody.replace('1220', '1') })).toMatchObject({ kind: 'reject', status: 400 });
    expect(await provider.handleNotification({ ...good, headers: {} })).toMatchObject({ kind: 'reject', status: 400 });
  });

  it('gives a payment in another currency an amount that cannot match', async () => {
    const verdict = await provider.handleNotification(signed(event('checkout.session.completed', session({ status: 'complete', payment_status: 'paid', currency: 'usd' }))));
    expect(verdict.kind === 'result' && verdict.result.amount).toBe('1220 usd');
  });
});
