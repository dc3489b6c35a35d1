import { describe, expect, it } from 'vitest';
import { FINAL_STATES } from './model';
import { decide, isReference, newReference, PROVIDER_STATUSES } from './state';

describe('the transaction state machine', () => {
  it('moves only a running transaction: started → waiting → a final state', () => {
    expect(decide('started', 'waiting')).toEqual({ kind: 'apply', to: 'waiting' });
    expect(decide('waiting', 'waiting')).toEqual({ kind: 'noop', reason: 'still_waiting' });
    for (const status of ['paid', 'denied', 'cancelled', 'expired', 'error'] as const) {
      expect(decide('started', status)).toEqual({ kind: 'apply', to: status });
      expect(decide('waiting', status)).toEqual({ kind: 'apply', to: status });
    }
  });

  it('treats a repeated result as a no-op, and never undoes a final state', () => {
    for (const state of FINAL_STATES) expect(decide(state, state)).toEqual({ kind: 'noop', reason: 'repeated' });
    // 'failed' after 'paid' keeps 'paid'; a late 'waiting' changes nothing.
    for (const status of PROVIDER_STATUSES.filter((s) => s !== 'paid')) expect(decide('paid', status).kind).toBe('noop');
  });

  it('makes a success after a failure an anomaly (money may be taken), never a booking', () => {
    for (const state of ['denied', 'cancelled', 'expired', 'error'] as const) {
      expect(decide(state, 'paid')).toEqual({ kind: 'anomaly', anomaly: 'paid_after_close' });
    }
  });
});

describe('references', () => {
  it('are 20 alphanumerics, unguessable, accepted as a PayFiP refdet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const reference = newReference();
      expect(reference).toMatch(/^TRT[A-Z2-9]{17}$/);
      expect(isReference(reference)).toBe(true);
      seen.add(reference);
    }
    expect(seen.size).toBe(1000);
    for (const bad of ['ABCDE', 'x'.repeat(31), 'TRT-123456', 12345678, null]) expect(isReference(bad)).toBe(false);
  });
});
