/**
 * PAYMENT_PROVIDER=stripe: Stripe Checkout through the official `stripe` SDK.
 *
 *  - start(): a Checkout Session (mode payment, one line in euros, client_reference_id = our reference), created with
 *    an idempotency key derived from the transaction, so a retry (or the poller after a crash) gets the same session.
 *  - Fulfilment comes from the webhook (checkout.session.completed / async_payment_succeeded / async_payment_failed /
 *    expired), verified with `stripe.webhooks.constructEvent` on the raw body (server/app.ts keeps Express from
 *    parsing it), never from the return page. Events are deduplicated by id by the payment service.
 *  - poll(): sessions.retrieve (the poller's trusted answer); cancel(): sessions.expire at the end of the hold.
 *
 * The HTTP client is injectable (`Stripe.createFetchHttpClient(fakeFetch)` in tests): no network in tests.
 */
import Stripe from 'stripe';
import type { PaymentProvider, ProviderResult } from '../../core/payments/ports';
import { ProviderRefusedError } from '../../core/payments/ports';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
}

/** Stripe's smallest euro charge is 0,50 €; we keep PayFiP's ceiling (100 000 €). */
export const STRIPE_MIN_CENTS = 50;
export const STRIPE_MAX_CENTS = 10_000_000;
/** Stripe refuses a Checkout Session expiring in less than 30 minutes. */
const STRIPE_MIN_EXPIRY_MS = 31 * 60_000;

export function idempotencyKeyFor(transactionId: string): string {
  return `tartine-checkout-${transactionId}`;
}

type Session = Stripe.Checkout.Session;

function resultOfSession(session: Session): ProviderResult {
  const base = {
    reference: session.client_reference_id ?? undefined,
    providerRef: session.id,
    // Euros only: an amount in another currency is not the amount we asked for.
    amount: session.currency && session.currency.toLowerCase() !== 'eur' ? `${session.amount_total} ${session.currency}` : session.amount_total,
    code: `${session.status ?? ''}/${session.payment_status ?? ''}`,
  };
  if (session.status === 'expired') return { ...base, status: 'expired' };
  if (session.status === 'complete' && (session.payment_status === 'paid' || session.payment_status === 'no_payment_required')) return { ...base, status: 'paid' };
  return { ...base, status: 'waiting' };
}

export function stripeProvider(settings: StripeSettings, options: { httpClient?: ReturnType<typeof Stripe.createFetchHttpClient>; stripe?: Stripe } = {}): PaymentProvider {
  const stripe =
    options.stripe ??
    new Stripe(settings.secretKey, {
      ...(options.httpClient ? { httpClient: options.httpClient } : {}),
      maxNetworkRetries: 2,
      timeout: 15_000,
      telemetry: false,
    });

  return {
    id: 'stripe',
    limits: { minCents: STRIPE_MIN_CENTS, maxCents: STRIPE_MAX_CENTS },
    onePayablePerTransaction: false,
    pollOnReturn: false,
    idempotentStart: true,

    async start(payment) {
      const expiresAt = Math.max(new Date(payment.expiresAt).getTime(), new Date(payment.createdAt).getTime() + STRIPE_MIN_EXPIRY_MS);
      try {
        const session = await stripe.checkout.sessions.create(
          {
            mode: 'payment',
            client_reference_id: payment.reference,
            ...(payment.email ? { customer_email: payment.email } : {}),
            line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: payment.amountCents, product_data: { name: payment.description || payment.reference } } }],
            success_url: payment.urls.return,
            cancel_url: payment.urls.return,
            expires_at: Math.floor(expiresAt / 1000),
            metadata: { transaction_id: payment.transactionId, reference: payment.reference },
            payment_intent_data: { metadata: { transaction_id: payment.transactionId, reference: payment.reference } },
            locale: 'fr',
          },
          { idempotencyKey: idempotencyKeyFor(payment.transactionId) },
        );
        if (!session.url) throw new Error('Stripe Checkout Session without a URL');
        return { providerRef: session.id, redirectUrl: session.url };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError) {
          throw new ProviderRefusedError(error.code ?? error.type, error.message);
        }
        throw error;
      }
    },

    async handleNotification(request) {
      const signature = request.headers['stripe-signature'];
      if (!signature) return { kind: 'reject', status: 400, reason: 'Missing Stripe-Signature' };
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(request.rawBody, signature, settings.webhookSecret);
      } catch {
        return { kind: 'reject', status: 400, reason: 'Invalid signature' };
      }
      switch (event.type) {
        case 'checkout.session.completed':
        case 'checkout.session.async_payment_succeeded':
        case 'checkout.session.expired':
          return { kind: 'result', eventId: event.id, eventType: event.type, result: resultOfSession(event.data.object) };
        case 'checkout.session.async_payment_failed': {
          const session = event.data.object;
          return { kind: 'result', eventId: event.id, eventType: event.type, result: { ...resultOfSession(session), status: 'denied' } };
        }
        default:
          return { kind: 'ignore', eventId: event.id, eventType: event.type };
      }
    },

    async poll(ref) {
      try {
        return resultOfSession(await stripe.checkout.sessions.retrieve(ref.providerRef));
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return { status: 'unknown', providerRef: ref.providerRef };
        throw error;
      }
    },

    async cancel(ref) {
      try {
        return resultOfSession(await stripe.checkout.sessions.expire(ref.providerRef));
      } catch (error) {
        // Already complete (paid in the last seconds) or already expired: ask what it is.
        if (error instanceof Stripe.errors.StripeInvalidRequestError) return resultOfSession(await stripe.checkout.sessions.retrieve(ref.providerRef));
        throw error;
      }
    },
  };
}
