/**
 * The transaction state machine, pure. Only a running transaction (started, waiting) changes state; a result repeated
 * is a no-op; a late or out-of-order result never undoes a final state ('denied' after 'paid' keeps 'paid'); a
 * success for a transaction already ended without payment is an anomaly for staff (money may have been taken), never
 * a booking.
 */
import { isRunning, type TransactionState } from './model';

/** What a provider says about a payment. */
export type ProviderStatus = 'waiting' | 'paid' | 'denied' | 'cancelled' | 'expired' | 'error';
export const PROVIDER_STATUSES: readonly ProviderStatus[] = ['waiting', 'paid', 'denied', 'cancelled', 'expired', 'error'];

export type Decision =
  | { kind: 'apply'; to: TransactionState }
  | { kind: 'noop'; reason: 'repeated' | 'already_final' | 'still_waiting' }
  | { kind: 'anomaly'; anomaly: 'paid_after_close' };

export function decide(current: TransactionState, incoming: ProviderStatus): Decision {
  if (isRunning(current)) {
    if (incoming === 'waiting') return current === 'started' ? { kind: 'apply', to: 'waiting' } : { kind: 'noop', reason: 'still_waiting' };
    return { kind: 'apply', to: incoming };
  }
  if (incoming === current) return { kind: 'noop', reason: 'repeated' };
  if (incoming === 'paid') return { kind: 'anomaly', anomaly: 'paid_after_close' };
  return { kind: 'noop', reason: 'already_final' };
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A transaction reference the providers accept everywhere: 'TRT' + 17 characters of an unambiguous alphabet
 * (20 alphanumerics: PayFiP's refdet takes 6 to 30), unguessable (85 bits).
 */
export function newReference(): string {
  const bytes = new Uint8Array(17);
  crypto.getRandomValues(bytes);
  return `TRT${[...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

export function isReference(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9]{6,30}$/.test(value);
}
