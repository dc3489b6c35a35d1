/**
 * Rapprochement: money received and not allocated to any invoice (families holding a credit), invoices partly paid,
 * and the count of online-payment anomalies still to handle (their own page).
 */
import { Link } from 'react-router';
import type { Route } from './+types/reconciliation';
import { monthLabel } from '../../../core/invoicing/month';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import regieStyles from '../../styles/regie.css?url';
import { requirePermission } from '../../web/guards';
import { DataTable } from '../../components/data-table';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: regieStyles }];

/** The anomalies page lists at most this many; the count says « at least » beyond. */
const ANOMALY_LIMIT = 200;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.regie');
  const [{ credits, partlyPaid }, anomalies] = await Promise.all([
    context.services.invoicing.receivables(),
    context.services.payments.anomalies({ resolved: false, limit: ANOMALY_LIMIT }),
  ]);
  return {
    credits,
    creditTotalCents: credits.reduce((sum, c) => sum + c.creditCents, 0),
    partlyPaid: partlyPaid.map((i) => ({
      id: i.id,
      familyId: i.familyId,
      reference: i.reference,
      payerName: i.payerName,
      month: monthLabel(i.month),
      totalCents: i.totalCents,
      paidCents: i.paidCents + i.creditedCents,
      openCents: i.openCents,
    })),
    anomalyCount: anomalies.length,
  };
}

export default function Reconciliation({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const r = t.regie.reconciliation;
  const money = t.planning.money;
  const { credits, partlyPaid, anomalyCount } = loaderData;
  return (
    <>
      <PageTitle title={r.title} />
      <h1>{r.title}</h1>
      <p>{r.intro}</p>
      <section className="regie-section" aria-labelledby="anomalies">
        <h2 id="anomalies">{r.anomaliesTitle}</h2>
        <p>{r.anomalies(anomalyCount)}</p>
        <p>
          <Link to="/admin/paiements/anomalies">{r.anomaliesLink}</Link>
        </p>
      </section>
      <section className="regie-section" aria-labelledby="avoirs">
        <h2 id="avoirs">{r.creditsTitle}</h2>
        {credits.length === 0 ? (
          <p>{r.noCredits}</p>
        ) : (
          <div className="table-wrapper" tabIndex={0}>
            <table className="table">
              <caption>{r.creditsCaption(money(loaderData.creditTotalCents))}</caption>
              <thead>
                <tr>
                  <th scope="col">{r.creditColumns.family}</th>
                  <th scope="col">{r.creditColumns.fileNumber}</th>
                  <th scope="col">{r.creditColumns.credit}</th>
                </tr>
              </thead>
              <tbody>
                {credits.map((c) => (
                  <tr key={c.familyId}>
                    <th scope="row">
                      <Link to={`/admin/regie/familles/${c.familyId}`}>{c.familyName}</Link>
                    </th>
                    <td>{c.fileNumber}</td>
                    <td className="num">{money(c.creditCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="regie-section" aria-labelledby="partielles">
        <h2 id="partielles">{r.partlyTitle}</h2>
        {partlyPaid.length === 0 ? (
          <p>{r.noPartly}</p>
        ) : (
          <DataTable caption={r.partlyCaption} columns={Object.values(r.partlyColumns)}>
            {partlyPaid.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <Link to={`/admin/regie/familles/${i.familyId}`}>{i.reference}</Link>
                </th>
                <td>{i.payerName}</td>
                <td>{i.month}</td>
                <td className="num">{money(i.totalCents)}</td>
                <td className="num">{money(i.paidCents)}</td>
                <td className="num">{money(i.openCents)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
