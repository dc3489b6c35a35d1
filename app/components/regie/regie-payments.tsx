import { Form } from 'react-router';
import type { RegiePayment } from '../../../core/invoicing/ports';
import type { FieldErrors } from '../form';
import { useT } from '../../i18n';

/** The family's desk payments; a recorded one can be cancelled with a reason (its invoices reopen). */
export function RegiePayments({ payments, errors }: { payments: RegiePayment[]; errors: FieldErrors | undefined }) {
  const t = useT();
  const f = t.regie.family;
  const c = f.paymentColumns;
  const money = t.planning.money;
  return (
    <section className="regie-section" aria-labelledby="paiements">
      <h2 id="paiements">{f.paymentsTitle}</h2>
      {payments.length === 0 ? (
        <p>{f.noPayments}</p>
      ) : (
        <div className="table-wrapper" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{f.paymentsCaption}</caption>
            <thead>
              <tr>
                {[c.receipt, c.receivedOn, c.method, c.amount, c.reference, c.payer, c.status, c.action].map((label) => (
                  <th scope="col" key={label}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {payments.map((payment) => {
                const name = `reason-${payment.id}`;
                const error = errors?.[name];
                return (
                  <tr key={payment.id}>
                    <th scope="row">{payment.receiptNumber}</th>
                    <td>{payment.receivedOn}</td>
                    <td>{t.regie.methods[payment.method] ?? payment.method}</td>
                    <td className="num">{money(payment.amountCents)}</td>
                    <td>{payment.reference || '—'}</td>
                    <td>{payment.payerName}</td>
                    <td>{payment.status === 'cancelled' ? f.statusCancelled(payment.cancelReason ?? '') : f.statusRecorded}</td>
                    <td>
                      {payment.status === 'recorded' ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="cancel" />
                          <input type="hidden" name="paymentId" value={payment.id} />
                          <div className={`field${error ? ' field--error' : ''}`}>
                            <label htmlFor={name}>{f.cancelReason(payment.receiptNumber)}</label>
                            <p className="field__hint" id={`${name}-hint`}>
                              {f.cancelHint}
                            </p>
                            {error ? (
                              <p className="field__error" id={`${name}-error`}>
                                {error}
                              </p>
                            ) : null}
                            <input
                              id={name}
                              name="reason"
                              maxLength={500}
                              aria-invalid={error ? true : undefined}
                              aria-describedby={error ? `${name}-hint ${name}-error` : `${name}-hint`}
                            />
                          </div>
                          <button type="submit" className="button button--secondary">
                            {f.cancel}
                            <span className="visually-hidden">{f.cancelNamed(payment.receiptNumber)}</span>
                          </button>
                        </Form>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
