/**
 * PAYMENT_PROVIDER=demo (the default): a fake bank built into Tartine, so the whole flow works offline, in the demo
 * and in tests. start() opens a session and sends the parent to /demo-bank/<session>, a page with « Payer »,
 * « Refuser » and « Abandonner ». The decision is stored, then the bank notifies our server server-to-server (an HTTP
 * POST to the notification URL, like a real bank) and sends the browser back to the return URL. As with PayFiP, the
 * notification only names the session: the trusted answer is poll(), which reads the bank's own record.
 */
import type { PaymentProvider, ProviderResult } from '../../core/payments/ports';

export type DemoBankStatus = 'open' | 'paid' | 'refused' | 'abandoned' | 'expired';

export interface DemoBankSession {
  id: string;
  reference: string;
  amountCents: number;
  description: string;
  returnUrl: string;
  notifyUrl: string;
  status: DemoBankStatus;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
}

export interface DemoBankStore {
  /** Inserts the session, or returns the one already opened for that reference (start() may be called again). */
  open(session: DemoBankSession): Promise<DemoBankSession>;
  find(id: string): Promise<DemoBankSession | null>;
  /** Conditional: only an open session is decided; false otherwise. */
  decide(id: string, status: Exclude<DemoBankStatus, 'open'>, now: Date): Promise<boolean>;
}

export type Notify = (url: string, body: string) => Promise<void>;

/** A server-to-server POST, as a bank sends it (5 s timeout; failures are left to the poller). */
export const postNotification: Notify = async (url, body) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'Tartine-Banque-Demo/1.0' },
    body,
    signal: AbortSignal.timeout(5_000),
  });
  await response.arrayBuffer();
};

export interface DemoBank {
  session(id: string, now: Date): Promise<(DemoBankSession & { expired: boolean }) | null>;
  /** The parent's choice on the bank page: stored, notified to the server, then where the browser goes. */
  decide(id: string, decision: 'pay' | 'refuse' | 'abandon', now: Date): Promise<{ returnUrl: string; status: DemoBankStatus } | null>;
}

const SESSION_ID = /^[0-9a-f-]{36}$/;

export function demoProvider(deps: { store: DemoBankStore; publicUrl: string; notify?: Notify; onError?: (error: unknown, context: string) => void }): PaymentProvider & { bank: DemoBank } {
  const notify = deps.notify ?? postNotification;

  function resultOf(session: DemoBankSession | null): ProviderResult {
    if (!session) return { status: 'unknown' };
    const base = { reference: session.reference, providerRef: session.id, code: session.status };
    switch (session.status) {
      case 'paid':
        return { ...base, status: 'paid', amount: session.amountCents };
      case 'refused':
        return { ...base, status: 'denied' };
      case 'abandoned':
        return { ...base, status: 'cancelled' };
      case 'expired':
        return { ...base, status: 'expired' };
      default:
        return { ...base, status: 'waiting' };
    }
  }

  const bank: DemoBank = {
    async session(id, now) {
      if (!SESSION_ID.test(id)) return null;
      const session = await deps.store.find(id);
      return session ? { ...session, expired: session.status === 'open' && now.toISOString() >= session.expiresAt } : null;
    },
    async decide(id, decision, now) {
      const session = await bank.session(id, now);
      if (!session) return null;
      if (session.status === 'open') {
        const status = session.expired ? 'expired' : decision === 'pay' ? 'paid' : decision === 'refuse' ? 'refused' : 'abandoned';
        if (await deps.store.decide(id, status, now)) {
          await notify(session.notifyUrl, new URLSearchParams({ session: id }).toString()).catch((error: unknown) => deps.onError?.(error, 'demo_bank.notify'));
        }
      }
      const after = await deps.store.find(id);
      return { returnUrl: session.returnUrl, status: after?.status ?? session.status };
    },
  };

  return {
    id: 'demo',
    limits: { minCents: 1, maxCents: 10_000_000 },
    onePayablePerTransaction: false,
    pollOnReturn: true,
    idempotentStart: true,
    bank,

    async start(payment) {
      const session = await deps.store.open({
        id: crypto.randomUUID(),
        reference: payment.reference,
        amountCents: payment.amountCents,
        description: payment.description,
        returnUrl: payment.urls.return,
        notifyUrl: payment.urls.notify,
        status: 'open',
        createdAt: payment.createdAt,
        expiresAt: payment.expiresAt,
        decidedAt: null,
      });
      return { providerRef: session.id, redirectUrl: `${deps.publicUrl}/demo-bank/${session.id}` };
    },

    async handleNotification(request) {
      const form = new URLSearchParams(request.rawBody);
      const id = form.get('session') ?? request.query.get('session') ?? '';
      if (!SESSION_ID.test(id)) return { kind: 'reject', status: 400, reason: 'Missing or malformed session' };
      return { kind: 'check', providerRef: id };
    },

    async poll(ref) {
      return resultOf(SESSION_ID.test(ref.providerRef) ? await deps.store.find(ref.providerRef) : null);
    },

    async cancel(ref, now) {
      if (SESSION_ID.test(ref.providerRef)) await deps.store.decide(ref.providerRef, 'expired', now);
      return resultOf(await deps.store.find(ref.providerRef));
    },
  };
}
