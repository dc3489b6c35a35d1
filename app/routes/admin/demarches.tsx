/**
 * The staff's single inbox of démarches: everything families asked — enrolments, address, QF, health, authorised
 * persons, documents to review, erasure — filtered by kind, status and site; each opened to decide. Below, the
 * activities' waiting lists in order, with « accepter depuis la liste d'attente » (audit event and e-mail, like
 * any decision); and, on the default view, the latest decisions.
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/demarches';
import { INBOX_STATUSES, parseInboxFilter, type WaitingListEntry } from '../../../core/requests/inbox';
import { REQUEST_KINDS } from '../../../core/requests/model';
import { cleanUuid } from '../../../core/requests/outcome';
import { DataTable } from '../../components/data-table';
import { noticeFrom, requestSummary, StatusBadge } from '../../components/dossier/parts';
import { ErrorSummary, Notice, SelectField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import { fr } from '../../i18n/fr';
import dossierStyles from '../../styles/dossier.css?url';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: dossierStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.requests');
  const { store } = context.services;
  const sites = await store.childSearch.sites();
  const filter = parseInboxFilter(
    new URL(request.url).searchParams,
    sites.map((s) => s.id),
  );
  const defaultView = filter.status === 'submitted';
  const [results, counts, waiting, decided] = await Promise.all([
    store.requestInbox.search({ ...filter, limit: 200 }),
    store.requests.countSubmitted(),
    store.requestInbox.waitingLists(filter.siteId),
    defaultView ? store.requests.listDecided(20) : Promise.resolve([]),
  ]);
  return { filter, sites, results, counts, waiting, decided, notice: noticeFrom(request, fr.dossier.admin.notices) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.requests');
  const t = catalogFor(context.lang);
  const form = await request.formData();
  if (form.get('intent') !== 'accept-waiting') throw new Response('Bad Request', { status: 400 });
  const requestId = cleanUuid(form.get('requestId'));
  if (!requestId) throw new Response('Not Found', { status: 404 });
  const result = await context.services.dossier.acceptFromWaitingList({ requestId, message: '', actor: actorOf(session, context) });
  if (result.ok) return redirect('/admin/demarches?ok=acceptee&etat=waiting');
  if (result.error === 'not_found') throw new Response('Not Found', { status: 404 });
  return data({ errors: { form: t.office.inbox.notWaiting } as Record<string, string> }, { status: 409 });
}

/** The waiting lists, one table per activity. */
function groupByActivity(entries: WaitingListEntry[]): WaitingListEntry[][] {
  const groups = new Map<string, WaitingListEntry[]>();
  for (const entry of entries) groups.set(entry.activityId, [...(groups.get(entry.activityId) ?? []), entry]);
  return [...groups.values()];
}

export default function Demarches({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const a = t.dossier.admin;
  const o = t.office.inbox;
  const { filter, sites, results, counts, waiting, decided, notice } = loaderData;
  const query = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams();
    const merged = { type: filter.kind, etat: filter.status === 'submitted' ? null : filter.status, site: filter.siteId, ...changes };
    for (const [key, value] of Object.entries(merged)) if (value) params.set(key, value);
    const text = params.toString();
    return text ? `/admin/demarches?${text}` : '/admin/demarches';
  };
  const showStatus = filter.status !== 'submitted' && filter.status !== 'waiting';
  return (
    <>
      <PageTitle title={a.title} hasErrors={Boolean(actionData?.errors)} />
      <h1>{a.title}</h1>
      <ErrorSummary errors={actionData?.errors} labels={{}} />
      {notice && !actionData ? <Notice tone="success">{a.notices[notice]}</Notice> : null}
      <p>{o.intro}</p>
      <ul className="chips">
        {REQUEST_KINDS.map((k) => (
          <li key={k}>
            <Link
              to={query({ type: k })}
              aria-current={filter.kind === k ? 'page' : undefined}
            >{`${t.dossier.requestKinds[k]} : ${a.counts(counts[k])}`}</Link>
          </li>
        ))}
      </ul>
      <Form method="get" className="inline-controls" aria-label={o.filtersTitle}>
        <SelectField name="type" label={o.kind} defaultValue={filter.kind ?? ''}>
          <option value="">{o.allKinds}</option>
          {REQUEST_KINDS.map((k) => (
            <option key={k} value={k}>
              {t.dossier.requestKinds[k]}
            </option>
          ))}
        </SelectField>
        <SelectField name="etat" label={o.status} defaultValue={filter.status}>
          {INBOX_STATUSES.map((s) => (
            <option key={s} value={s}>
              {o.statuses[s]}
            </option>
          ))}
        </SelectField>
        <SelectField name="site" label={o.site} defaultValue={filter.siteId ?? ''}>
          <option value="">{o.allSites}</option>
          {sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button--secondary">
          {o.filter}
        </button>
      </Form>
      {results.length === 0 ? (
        <p>{o.none}</p>
      ) : (
        <DataTable
          caption={o.resultsCaption(results.length)}
          columns={[
            a.columns.date,
            a.columns.family,
            a.columns.kind,
            a.columns.detail,
            showStatus ? a.decidedColumns.status : a.columns.documents,
            a.columns.actions,
          ]}
        >
          {results.map((r) => {
            const kindName = t.dossier.requestKinds[r.kind] ?? r.kind;
            const family = a.familyName(r.familyName, r.fileNumber);
            const date = showStatus ? (r.decidedAt ?? r.createdAt) : r.createdAt;
            return (
              <tr key={r.id}>
                <td>
                  <time dateTime={date}>{formatParisDateTime(date)}</time>
                </td>
                <td>{family}</td>
                <th scope="row">{kindName}</th>
                <td>{requestSummary(t, r)}</td>
                <td>
                  {showStatus ? (
                    <StatusBadge tone={r.status}>{t.dossier.requestStatuses[r.status] ?? r.status}</StatusBadge>
                  ) : (
                    r.documents.length
                  )}
                </td>
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

      <section aria-labelledby="listes-attente">
        <h2 id="listes-attente">{o.waitingTitle}</h2>
        <p>{o.waitingIntro}</p>
        {waiting.length === 0 ? <p>{o.waitingNone}</p> : null}
        {groupByActivity(waiting).map((list) => (
          <DataTable
            key={list[0].activityId}
            caption={o.waitingCaption(list[0].activityName, list[0].siteName)}
            columns={[
              o.waitingColumns.position,
              o.waitingColumns.child,
              o.waitingColumns.family,
              o.waitingColumns.since,
              o.waitingColumns.action,
            ]}
          >
            {list.map((entry) => {
              const child = `${entry.childFirstName} ${entry.childLastName}`;
              return (
                <tr key={entry.enrolmentId}>
                  <td>{entry.position}</td>
                  <th scope="row">{child}</th>
                  <td>{a.familyName(entry.familyName, entry.fileNumber)}</td>
                  <td>
                    <time dateTime={entry.requestedAt}>{formatParisDateTime(entry.requestedAt)}</time>
                  </td>
                  <td>
                    {entry.requestId ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="accept-waiting" />
                        <input type="hidden" name="requestId" value={entry.requestId} />
                        <button type="submit" className="button button--secondary">
                          {o.acceptFromList}
                          <span className="visually-hidden">{t.admin.named(`${child} – ${entry.activityName}`)}</span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        ))}
      </section>

      {filter.status === 'submitted' ? (
        <section aria-labelledby="decisions">
          <h2 id="decisions">{a.decidedTitle}</h2>
          {decided.length === 0 ? (
            <p>{a.empty}</p>
          ) : (
            <DataTable
              caption={a.decidedCaption}
              columns={[
                a.decidedColumns.date,
                a.decidedColumns.family,
                a.decidedColumns.kind,
                a.decidedColumns.status,
                a.decidedColumns.by,
              ]}
            >
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
      ) : null}
    </>
  );
}
