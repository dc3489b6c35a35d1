import { useT } from '../../i18n';

/** What a recorded desk payment became: its receipt number, the invoices it paid and, stated apart, the credit. */
export function ReceiptNotice({
  receipt,
}: {
  receipt: { receiptNumber: string; amountCents: number; creditedCents: number; allocations: { reference: string; amountCents: number }[] };
}) {
  const t = useT();
  const f = t.regie.family;
  const money = t.planning.money;
  return (
    <div className="notice notice--success receipt" role="status" id="recu">
      <p>
        <strong>{f.recorded(receipt.receiptNumber, money(receipt.amountCents))}</strong>
      </p>
      {receipt.allocations.length === 0 ? (
        <p>{f.nothingAllocated}</p>
      ) : (
        <>
          <p>{f.allocationTitle}</p>
          <ul>
            {receipt.allocations.map((a) => (
              <li key={a.reference}>{f.allocatedTo(a.reference, money(a.amountCents))}</li>
            ))}
          </ul>
        </>
      )}
      {receipt.creditedCents > 0 ? <p className="receipt__surplus">{f.surplus(money(receipt.creditedCents))}</p> : null}
    </div>
  );
}
