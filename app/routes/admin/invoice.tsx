/**
 * Staff: one invoice — header, lines (quantity × unit price, tariff basis), money received (allocations and their
 * source), credit notes with their PDFs, the invoice's PDF; for the invoicing staff, « Émettre un avoir » (amount,
 * reason; validated by core/invoicing/credit-note.ts, nothing changes on a refusal).
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/invoice';
import { can } from '../../../core/accounts/permissions';
import { parisToday } from '../../../core/calendar/paris-time';
import { monthLabel } from '../../../core/invoicing/month';
import { DataTable } from '../../components/data-table';
import { ErrorSummary, Notice, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { shortDate } from '../../components/planning/format';
import { useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { idParam } from '../../web/back-office';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const session = await requirePermission(request, context, 'admin.invoices');
  const id = idParam(params.invoiceId);
  const found = id ? await context.services.invoicing.invoice(id) : null;
  if (!found) throw new Response('Not Found', { status: 404 });
  const family = await context.services.invoicingReports.family(found.invoice.familyId);
  const created = new URL(request.url).searchParams.get('avoir');
  return {
    ...found,
    familyName: family?.name ?? found.invoice.payerName,
    today: parisToday(context.services.clock.now()),
    canCredit: can(session.user.role, 'admin.invoicing'),
    created: created && found.creditNotes.some((n) => n.reference === created) ? created : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.invoicing');
  const id = idParam(params.invoiceId);
  if (!id) throw new Response('Not Found', { status: 404 });
  const form = await request.formData();
  const result = await context.services.invoicing.creditNote({
    invoiceId: id,
    amount: String(form.get('amount') ?? ''),
    reason: String(form.get('reason') ?? ''),
    actor: actorOf(session, context),
  });
  if (!result.ok) {
    if (result.errors.invoice) throw new Response('Not Found', { status: 404 });
    return data({ errors: result.errors as Record<string, string | undefined> }, { status: 400 });
  }
  return redirect(`/admin/factures/${id}?avoir=${encodeURIComponent(result.value.reference)}`, 303);
}

export default function InvoicePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const v = t.invoicingAdmin.invoice;
  const money = t.invoicingAdmin.money;
  const { invoice, lines, allocations, creditNotes, familyName, canCredit, created, today } = loaderData;
  const errors = actionData?.errors;
  const creditable = invoice.totalCents - invoice.creditedCents;
  const title = v.title(invoice.reference);
  return (
    <>
      <PageTitle title={title} hasErrors={Boolean(errors)} />
      <p>
        <Link to="/admin/factures">{v.back}</Link>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} labels={{ amount: v.amount, reason: v.reason }} />
      {created && !errors ? <Notice tone="success">{v.created(created)}</Notice> : null}

      <section aria-labelledby="entete" className="card">
        <h2 id="entete" className="visually-hidden">
          {title}
        </h2>
        <dl className="dl-grid">
          <dt>{v.family}</dt>
          <dd>
            <Link to={`/admin/familles/${invoice.familyId}`}>{`${familyName} (${invoice.familyFileNumber})`}</Link>
          </dd>
          <dt>{v.payer}</dt>
          <dd>{[invoice.payerName, ...invoice.payerAddress].join(', ')}</dd>
          <dt>{v.month}</dt>
          <dd>{monthLabel(invoice.month)}</dd>
          <dt>{v.issued}</dt>
          <dd>{shortDate(invoice.issueDate)}</dd>
          <dt>{v.due}</dt>
          <dd>
            {shortDate(invoice.dueDate)}
            {invoice.status === 'open' && invoice.dueDate < today ? (
              <span className="badge badge--pai">{t.invoicingAdmin.invoices.overdueBadge}</span>
            ) : null}
          </dd>
          {invoice.debitDate ? (
            <>
              <dt>{v.debit}</dt>
              <dd>{shortDate(invoice.debitDate)}</dd>
            </>
          ) : null}
          <dt>{v.total}</dt>
          <dd>{money(invoice.totalCents)}</dd>
          <dt>{v.paid}</dt>
          <dd>{money(invoice.paidCents)}</dd>
          <dt>{v.credited}</dt>
          <dd>{money(invoice.creditedCents)}</dd>
          <dt>{v.open}</dt>
          <dd>{money(invoice.openCents)}</dd>
          <dt>{v.status}</dt>
          <dd>{t.invoicingAdmin.status[invoice.status] ?? invoice.status}</dd>
        </dl>
        <p>
          <a href={`/admin/factures/${invoice.id}/pdf`} download>
            {v.pdf}
          </a>
        </p>
      </section>

      <section aria-labelledby="lignes" className="card">
        <h2 id="lignes">{v.linesTitle}</h2>
        <DataTable
          caption={v.linesCaption}
          columns={[
            v.lineColumns.child,
            v.lineColumns.activity,
            v.lineColumns.period,
            v.lineColumns.quantity,
            v.lineColumns.unit,
            v.lineColumns.amount,
            v.lineColumns.basis,
          ]}
        >
          {lines.map((line) => (
            <tr key={line.id}>
              <td>{line.childName}</td>
              <th scope="row">{`${line.activityName} (${line.siteName})`}</th>
              <td>
                {line.firstDay === line.lastDay ? shortDate(line.firstDay) : `${shortDate(line.firstDay)} – ${shortDate(line.lastDay)}`}
              </td>
              <td className="num">{line.quantity}</td>
              <td className="num">{money(line.unitPriceCents)}</td>
              <td className="num">{money(line.amountCents)}</td>
              <td>{line.basis}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="sommes-recues" className="card">
        <h2 id="sommes-recues">{v.moneyTitle}</h2>
        {allocations.length === 0 ? (
          <p>{v.moneyNone}</p>
        ) : (
          <DataTable
            caption={v.moneyCaption}
            columns={[v.moneyColumns.date, v.moneyColumns.source, v.moneyColumns.amount, v.moneyColumns.state]}
          >
            {allocations.map((a) => (
              <tr key={a.id}>
                <td>
                  <time dateTime={a.createdAt}>{formatParisDateTime(a.createdAt)}</time>
                </td>
                <th scope="row">{t.invoicingAdmin.sources[a.sourceKind] ?? a.sourceKind}</th>
                <td className="num">{money(a.amountCents)}</td>
                <td>{a.reversedAt ? v.reversed(formatParisDateTime(a.reversedAt)) : v.active}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="avoirs" className="card">
        <h2 id="avoirs">{v.creditNotesTitle}</h2>
        {creditNotes.length === 0 ? (
          <p>{v.creditNotesNone}</p>
        ) : (
          <DataTable
            caption={v.creditNotesCaption}
            columns={[
              v.creditNoteColumns.number,
              v.creditNoteColumns.date,
              v.creditNoteColumns.amount,
              v.creditNoteColumns.reason,
              v.creditNoteColumns.pdf,
            ]}
          >
            {creditNotes.map((note) => (
              <tr key={note.id}>
                <th scope="row">{note.reference}</th>
                <td>{shortDate(note.issueDate)}</td>
                <td className="num">{money(note.amountCents)}</td>
                <td>{note.reason}</td>
                <td>
                  <a href={`/admin/avoirs/${note.id}/pdf`} download>
                    {v.creditNotePdf(note.reference)}
                  </a>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {canCredit ? (
          creditable > 0 ? (
            <>
              <h3>{v.creditNoteTitle}</h3>
              <p>{v.creditNoteIntro(money(creditable))}</p>
              <Form method="post">
                <TextField name="amount" label={v.amount} hint={v.amountHint} error={errors?.amount} inputMode="decimal" required />
                <TextField name="reason" label={v.reason} error={errors?.reason} maxLength={500} required />
                <button type="submit" className="button">
                  {v.submit}
                </button>
              </Form>
            </>
          ) : (
            <p>{v.nothingToCredit}</p>
          )
        ) : null}
      </section>
    </>
  );
}
