/** Invoicing runs as the back office shows them. */
import type { InvoiceRun } from '../../core/invoicing/ports';
import { RUN_LEASE_MS } from '../../core/invoicing/run';

/** Running, and nobody has moved it for longer than the lease: « Reprendre » is offered. */
export function isRunStalled(run: Pick<InvoiceRun, 'status' | 'updatedAt'>, now: Date): boolean {
  return run.status === 'running' && now.getTime() - Date.parse(run.updatedAt) > RUN_LEASE_MS;
}
