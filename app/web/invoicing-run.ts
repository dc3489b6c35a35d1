/** Invoicing runs as the back office shows them. */
import type { InvoiceRun } from '../../core/invoicing/ports';

/** A run's issuer holds it for a minute after each progress (core/invoicing/run.ts); past that, it can be taken over. */
const LEASE_MS = 60_000;

/** Running, and nobody has moved it for longer than the lease: « Reprendre » is offered. */
export function isRunStalled(run: Pick<InvoiceRun, 'status' | 'updatedAt'>, now: Date): boolean {
  return run.status === 'running' && now.getTime() - Date.parse(run.updatedAt) > LEASE_MS;
}
