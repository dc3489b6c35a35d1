/**
 * The staff's démarches inbox (minimal, until the back-office issue's): the families' pending requests, oldest
 * first, by kind — address, QF, health, authorised persons, documents to review, enrolments, erasure — each opened
 * to decide; and the latest decisions.
 */
import { Form, Link } from 'react-router';
import type { Route } from './+types/demarches';
import { isRequestKind, REQUEST_KINDS } from '../../../core/requests/model';
import { DataTable } from '../../components/data-table';
import { noticeFrom, requestSummary, StatusBadge } from '../../components/dossier/parts';
import { Notice, SelectField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import { fr } from '../../i18n/fr';
import dossierStyles from '../../styles/dossier.css?url';
import { formatParisDateTime } from '../../web/format';
import { requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: dossierStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.requests');
  const { store } = context.services;
  const asked = new URL(request.url).searchParams.get('type');
  const kind = isRequestKind(asked) ? asked : undefined;
  const [pending, counts, decided] = await Promise.all([store.requests.listSubmitted({ kind, limit: 200 }), store.requests.countSubmitted(), store.requests.listDecided(20)]);
  return { kind: kind ?? null, pending, counts, decided, notice: noticeFrom(request, fr.dossier.admin.notices) };
}

export default function Demarches({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const a = t.dossier.admin;
  const { kind, pending, counts, decided, notice } = loaderData;
  return (
    <>
      <PageTitle title={a.title} />
      <h1>{a.title}</h1>
      {notice ? <Notice tone="success">{a.notices[notice]}</Notice> : null}
      <p>{a.intro}</p>
      <ul className="chips">
        {REQUEST_KINDS.map((k) => (
          <li key={k}>
            <Link to={`/admin/demarches?type=${k}`} aria-current={kind === k ? 'page' : undefined}>{`${t.dossier.requestKinds[k]} : ${a.counts(counts[k])}`}</Link>
          </li>
        ))}
      </ul>
      <Form method="get" className="inline-controls">
        <SelectField name="type" label={a.filter} defaultValue={kind ?? ''}>
          <option value="">{a.all}</option>
          {REQUEST_KINDS.map((k) => (
            <option key={k} value={k}>
              {t.dossier.requestKinds[k]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button--secondary">
          {a.show}
        </button>
      </Form>
      {pending.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <DataTable caption={a.caption} columns={[a.columns.date, a.columns.family, a.columns.kind, a.columns.detail, a.columns.documents, a.columns.actions]}>
          {pending.map((r) => {
            const kindName = t.dossier.requestKinds[r.kind] ?? r.kind;
            const family = a.familyName(r.familyName, r.fileNumber);
            return (
              <tr key={r.id}>
                <td>
                  <time dateTime={r.createdAt}>{formatParisDateTime(r.createdAt)}</time>
                </td>
                <td>{family}</td>
                <th scope="row">{kindName}</th>
                <td>{requestSummary(t, r)}</td>
                <td>{r.documents.length}</td>
                <td>
                  <Link to={`/admin/demarches/${r.id}`}>
                    {a.open}
                    <span className="visually-hidden">{` ${kindName} – ${family}`}</span>
                  </Link>
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <section aria-labelledby="decisions">
        <h2 id="decisions">{a.decidedTitle}</h2>
        {decided.length === 0 ? (
          <p>{a.empty}</p>
        ) : (
          <DataTable caption={a.decidedCaption} columns={[a.decidedColumns.date, a.decidedColumns.family, a.decidedColumns.kind, a.decidedColumns.status, a.decidedColumns.by]}>
            {decided.map((r) => (
              <tr key={r.id}>
                <td>{r.decidedAt ? <time dateTime={r.decidedAt}>{formatParisDateTime(r.decidedAt)}</time> : ''}</td>
                <td>{a.familyName(r.familyName, r.fileNumber)}</td>
                <th scope="row">
                  <Link to={`/admin/demarches/${r.id}`}>{`${t.dossier.requestKinds[r.kind] ?? r.kind} – ${requestSummary(t, r)}`}</Link>
                </th>
                <td>
                  <StatusBadge tone={r.status}>{t.dossier.requestStatuses[r.status] ?? r.status}</StatusBadge>
                </td>
                <td>{r.decidedByLabel ?? ''}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
