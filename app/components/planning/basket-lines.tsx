import { Form } from 'react-router';
import type { BasketLine, BillingMode } from '../../../core/booking/model';
import { useT, type Catalog } from '../../i18n';
import { longDay, shortDate } from './format';

type P = Catalog['planning'];

export function lineElement(p: P, line: Pick<BasketLine, 'childFirstName' | 'activityName' | 'activityKind'>): string {
  return p.recap.element(line.childFirstName, line.activityName, p.recap.kinds[line.activityKind] ?? line.activityKind);
}

/** Signed amount of a line: additions count, cancellations give back, a waiting-list line costs nothing yet. */
export function lineCents(line: BasketLine): number {
  if (line.action === 'cancel') return -line.unitPriceCents;
  if (line.action === 'wait') return 0;
  return line.unitPriceCents;
}

/**
 * The tutorial's « Récapitulatif de votre saisie » table for one billing mode: Date, Élément, Tarification, Coût
 * (plus the kind of change, and a per-line « Supprimer » when the basket can still be edited).
 */
export function BasketLinesTable({
  mode,
  lines,
  totalCents,
  removable,
}: {
  mode: BillingMode;
  lines: BasketLine[];
  totalCents: number;
  removable?: { basketId: string; version: number } | null;
}) {
  const t = useT();
  const p = t.planning;
  const r = p.recap;
  const modeLabel = p.billing[mode];
  return (
    <section className="recap-group" aria-labelledby={`recap-${mode}`}>
      <h3 id={`recap-${mode}`} className="recap-group__title">
        <span className={`billing billing--${mode}`}>{modeLabel}</span>
      </h3>
      <div className="table-wrapper" tabIndex={0}>
        <table className="stack-table recap-table">
          <caption className="visually-hidden">{r.caption(modeLabel)}</caption>
          <thead>
            <tr>
              <th scope="col">{r.columns.date}</th>
              <th scope="col">{r.columns.element}</th>
              <th scope="col">{r.columns.operation}</th>
              <th scope="col">{r.columns.pricing}</th>
              <th scope="col" className="num">
                {r.columns.cost}
              </th>
              {removable ? <th scope="col">{r.columns.remove}</th> : null}
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => {
              const element = lineElement(p, line);
              return (
                <tr key={line.id}>
                  <td data-label={r.columns.date}>
                    <time dateTime={line.day}>{shortDate(line.day)}</time>
                  </td>
                  <td data-label={r.columns.element}>{element}</td>
                  <td data-label={r.columns.operation}>{r.operation[line.action]}</td>
                  <td data-label={r.columns.pricing}>{r.pricing(line.priceLabel)}</td>
                  <td data-label={r.columns.cost} className="num">
                    {line.action === 'wait' ? (
                      <>
                        {p.money(0)} <span className="recap-note">({r.waitingCost})</span>
                      </>
                    ) : (
                      p.money(lineCents(line))
                    )}
                  </td>
                  {removable ? (
                    <td data-label={r.columns.remove}>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="basketId" value={removable.basketId} />
                        <input type="hidden" name="version" value={removable.version} />
                        <input type="hidden" name="lineId" value={line.id} />
                        <button type="submit" className="button button--secondary button--small" aria-label={r.removeLineName(element, longDay(p, line.day))}>
                          {r.removeLine}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                {r.subtotal(modeLabel)}
              </th>
              <td className="num" data-label={r.columns.cost}>
                {p.money(totalCents)}
              </td>
              {removable ? <td aria-hidden="true" className="stack-hide" /> : null}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

/** Lines of a confirmation report, with the reason of each failure when there is one. */
export function ReportLinesTable({ caption, lines }: { caption: string; lines: (BasketLine & { reason?: string })[] }) {
  const t = useT();
  const p = t.planning;
  const r = p.recap;
  const withReason = lines.some((l) => l.reason);
  return (
    <div className="table-wrapper" tabIndex={0}>
      <table className="stack-table recap-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{r.columns.date}</th>
            <th scope="col">{r.columns.element}</th>
            <th scope="col">{r.columns.operation}</th>
            {withReason ? <th scope="col">{p.confirmation.reason}</th> : <th scope="col" className="num">{r.columns.cost}</th>}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id}>
              <td data-label={r.columns.date}>
                <time dateTime={line.day}>{shortDate(line.day)}</time>
              </td>
              <td data-label={r.columns.element}>{lineElement(p, line)}</td>
              <td data-label={r.columns.operation}>{r.operation[line.action]}</td>
              {withReason ? (
                <td data-label={p.confirmation.reason}>{(line.reason && p.confirmation.reasons[line.reason]) ?? line.reason}</td>
              ) : (
                <td data-label={r.columns.cost} className="num">
                  {p.money(lineCents(line))}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
