/**
 * The Stripe webhook over real HTTP through server/app.ts: the raw body reaches constructEvent byte for byte (no JSON
 * parsing, compression or size guard in between), a bad signature is refused, a replay is deduplicated, and the
 * payment is fulfilled from the webhook.
 */
import type { AddressInfo } from 'node:net';
import type { ServerBuild } from 'react-router';
import Stripe from 'stripe';
import { expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/logger';
import type { AppServices } from '../../server/services';
import { describeEachDialect } from '../harness/databases';
import { bookedDays, pay, paymentServices, prepaidFixture, tickWednesdays, WEDNESDAYS } from './payments-helpers';

const SECRET = 'whsec_route_test';

describeEachDialect('payments: the Stripe webhook route', (getHandle) => {
  it('verifies the signature on the raw body and fulfils from the webhook', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db);
    const stripeFetch = (async () =>
      new Response(
        JSON.stringify({ id: 'cs_route_1', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_route_1', status: 'open', payment_status: 'unpaid', amount_total: 1320, currency: 'eur' }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      )) as typeof fetch;
    const env = { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_route', STRIPE_WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'silent', TARTINE_PUBLIC_URL: 'http://portail.test' };
    const config = loadConfig(env);
    const s = paymentServices(handle, { payment: config.payment, stripeFetch });
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 2));
    const started = await pay(s, f.family.id);
    if (!started.ok) throw new Error(started.error);
    const reference = (await s.payments.view(f.family.id, started.value.transactionId))!.transaction.reference;

    const services = { config, logger: createLogger('silent'), payments: s.payments } as unknown as AppServices;
    const neverBuilt = (() => Promise.reject(new Error('React Router is not reached by the webhook'))) as () => Promise<ServerBuild>;
    const server = createApp({ services, build: neverBuilt }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/paiement/stripe/webhook`;
    try {
      // Spaces, line breaks and non-ASCII: any re-serialisation of the body would break the signature.
      const payload = `{\n  "id": "evt_route_1",\n  "object": "event",\n  "type": "checkout.session.completed",\n  "data": { "object": { "id": "cs_route_1", "object": "checkout.session", "status": "complete", "payment_status": "paid", "amount_total": 1320, "currency": "eur", "client_reference_id": "${reference}", "metadata": { "note": "Léa – mercredi" } } }\n}`;
      const post = (body: string, signature: string) =>
        fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body });
      const forged = await post(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' }));
      expect(forged.status).toBe(400);
      expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual([]);
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
      const first = await post(payload, signature);
      expect([first.status, await first.text()]).toEqual([200, 'OK']);
      const again = await post(payload, signature);
      expect([again.status, await again.text()]).toEqual([200, 'Duplicate']);
      expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual(['2026-12-09', '2026-12-16']);
      expect(s.mailer.sent).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
