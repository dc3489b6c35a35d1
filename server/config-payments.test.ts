import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { paymentFormOrigins } from './config-payments';

describe('payment configuration', () => {
  it('defaults to the demo bank with a 30-minute hold', () => {
    expect(loadConfig({}).payment).toEqual({ provider: 'demo', holdMinutes: 30 });
    expect(paymentFormOrigins(loadConfig({}).payment)).toEqual([]);
  });

  it('reads PayFiP and requires its client number', () => {
    const config = loadConfig({ PAYMENT_PROVIDER: 'payfip', PAYFIP_NUMCLI: '012345', PAYFIP_SAISIE: 'W', PAYMENT_HOLD_MINUTES: '20' });
    expect(config.payment).toEqual({
      provider: 'payfip',
      holdMinutes: 20,
      payfip: { numcli: '012345', saisie: 'W', wsUrl: 'https://www.payfip.gouv.fr/tpa/services/securite', paymentUrl: 'https://www.payfip.gouv.fr/tpa/paiementws.web' },
    });
    expect(paymentFormOrigins(config.payment)).toEqual(['https://www.payfip.gouv.fr']);
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'payfip' })).toThrow(/Configuration invalide[\s\S]*PAYFIP_NUMCLI: obligatoire avec PAYMENT_PROVIDER=payfip/);
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'payfip', PAYFIP_NUMCLI: '12345' })).toThrow(/PAYFIP_NUMCLI: six chiffres/);
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'payfip', PAYFIP_NUMCLI: '012345', PAYFIP_SAISIE: 'P' })).toThrow(/PAYFIP_SAISIE/);
  });

  it('requires both Stripe keys with PAYMENT_PROVIDER=stripe, and checks their shape', () => {
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'stripe' })).toThrow(/STRIPE_SECRET_KEY: obligatoire[\s\S]*STRIPE_WEBHOOK_SECRET: obligatoire/);
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_abc' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toThrow(/STRIPE_SECRET_KEY/);
    const config = loadConfig({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' });
    expect(config.payment).toEqual({ provider: 'stripe', holdMinutes: 30, stripe: { secretKey: 'sk_test_abc', webhookSecret: 'whsec_abc' } });
    expect(paymentFormOrigins(config.payment)).toEqual(['https://checkout.stripe.com']);
  });

  it('refuses an unknown provider and a hold outside 15 minutes – 24 hours; empty values mean unset', () => {
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'paypal' })).toThrow(/PAYMENT_PROVIDER/);
    expect(() => loadConfig({ PAYMENT_HOLD_MINUTES: '5' })).toThrow(/PAYMENT_HOLD_MINUTES/);
    expect(loadConfig({ PAYMENT_PROVIDER: '', STRIPE_SECRET_KEY: '' }).payment.provider).toBe('demo');
  });
});
