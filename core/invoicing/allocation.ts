/**
 * Putting money on invoices: pure. By default the oldest invoice first (due date, then number); when the payer named
 * invoices, those in the order given. What exceeds the open amounts is the family's credit, stated to the agent.
 */
export interface OpenInvoice {
  id: string;
  reference: string;
  dueDate: string;
  openCents: number;
}

export interface Allocation {
  invoiceId: string;
  reference: string;
  amountCents: number;
}

export interface AllocationPlan {
  allocations: Allocation[];
  /** Left over after the invoices: becomes the family's credit. */
  surplusCents: number;
}

export function oldestFirst<I extends OpenInvoice>(invoices: readonly I[]): I[] {
  return [...invoices].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.reference.localeCompare(b.reference));
}

export function allocate(amountCents: number, invoices: readonly OpenInvoice[], chosen?: readonly string[]): AllocationPlan {
  const ordered =
    chosen && chosen.length > 0
      ? chosen.map((id) => invoices.find((i) => i.id === id)).filter((i): i is OpenInvoice => !!i)
      : oldestFirst(invoices);
  const allocations: Allocation[] = [];
  let left = amountCents;
  for (const invoice of ordered) {
    if (left <= 0) break;
    const amount = Math.min(left, invoice.openCents);
    if (amount <= 0) continue;
    allocations.push({ invoiceId: invoice.id, reference: invoice.reference, amountCents: amount });
    left -= amount;
  }
  return { allocations, surplusCents: left };
}
