import { z } from 'zod';
import { PAYFIP_DEFAULT_PAYMENT_URL, PAYFIP_DEFAULT_WS_URL } from '../adapters/payment/payfip';

/**
 * Online payment settings (README « Paiement en ligne »), checked with the rest of the configuration at start:
 * PAYMENT_PROVIDER chooses the provider; each provider's own variables are required when it is chosen.
 */
export type PaymentConfig =
  | { provider: 'demo'; holdMinutes: number }
  | { provider: 'payfip'; holdMinutes: number; payfip: { numcli: string; saisie: 'T' | 'X' | 'W'; wsUrl: string; paymentUrl: string } }
  | { provider: 'stripe'; holdMinutes: number; stripe: { secretKey: string; webhookSecret: string } };

const paymentSchema = z
  .object({
    PAYMENT_PROVIDER: z.enum(['demo', 'payfip', 'stripe']).default('demo'),
    /** How long the basket's prepaid lines hold their places while the parent pays (PayFiP's idop lives 15 min). */
    PAYMENT_HOLD_MINUTES: z.coerce.number().int().min(15).max(24 * 60).default(30),
    PAYFIP_NUMCLI: z.string().regex(/^\d{6}$/, 'six chiffres attendus (numéro client PayFiP de la régie)').optional(),
    PAYFIP_SAISIE: z.enum(['T', 'X', 'W']).default('T'),
    PAYFIP_WS_URL: z.string().url().default(PAYFIP_DEFAULT_WS_URL),
    PAYFIP_PAYMENT_URL: z.string().url().default(PAYFIP_DEFAULT_PAYMENT_URL),
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, 'clé secrète Stripe attendue (sk_test_… ou sk_live_…)').optional(),
    STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, 'secret de signature des webhooks Stripe attendu (whsec_…)').optional(),
  })
  .superRefine((env, ctx) => {
    if (env.PAYMENT_PROVIDER === 'payfip' && !env.PAYFIP_NUMCLI) {
      ctx.addIssue({ code: 'custom', path: ['PAYFIP_NUMCLI'], message: 'obligatoire avec PAYMENT_PROVIDER=payfip' });
    }
    if (env.PAYMENT_PROVIDER === 'stripe') {
      if (!env.STRIPE_SECRET_KEY) ctx.addIssue({ code: 'custom', path: ['STRIPE_SECRET_KEY'], message: 'obligatoire avec PAYMENT_PROVIDER=stripe' });
      if (!env.STRIPE_WEBHOOK_SECRET) ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'obligatoire avec PAYMENT_PROVIDER=stripe' });
    }
  });

/** Reads the payment variables (empty ones already removed); French issues, one per variable, on failure. */
export function parsePaymentConfig(present: Record<string, string | undefined>): { ok: true; config: PaymentConfig } | { ok: false; issues: string[] } {
  const parsed = paymentSchema.safeParse(present);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`) };
  const env = parsed.data;
  switch (env.PAYMENT_PROVIDER) {
    case 'payfip':
      return {
        ok: true,
        config: { provider: 'payfip', holdMinutes: env.PAYMENT_HOLD_MINUTES, payfip: { numcli: env.PAYFIP_NUMCLI!, saisie: env.PAYFIP_SAISIE, wsUrl: env.PAYFIP_WS_URL, paymentUrl: env.PAYFIP_PAYMENT_URL } },
      };
    case 'stripe':
      return { ok: true, config: { provider: 'stripe', holdMinutes: env.PAYMENT_HOLD_MINUTES, stripe: { secretKey: env.STRIPE_SECRET_KEY!, webhookSecret: env.STRIPE_WEBHOOK_SECRET! } } };
    default:
      return { ok: true, config: { provider: 'demo', holdMinutes: env.PAYMENT_HOLD_MINUTES } };
  }
}

/** Where the browser goes to pay (for the CSP form-action: a form posted to us may be redirected there). */
export function paymentFormOrigins(config: PaymentConfig): string[] {
  if (config.provider === 'payfip') return [new URL(config.payfip.paymentUrl).origin];
  if (config.provider === 'stripe') return ['https://checkout.stripe.com'];
  return [];
}
