import { Link } from 'react-router';
import type { Route } from './+types/audit';
import { PageTitle } from '../../components/page-title';
import { useT, type Catalog } from '../../i18n';
import { formatParisDateTime } from '../../web/format';
import { requirePermission } from '../../web/guards';
import { DataTable } from '../../components/data-table';

const PAGE_SIZE = 50;
const MAX_PAGE = 100_000;

/** ?page=N, 1 when absent or not a plain positive integer. */
function pageOf(request: Request): number {
  const raw = new URL(request.url).searchParams.get('page') ?? '1';
  const page = /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.min(Math.max(page, 1), MAX_PAGE);
}

type Target = { kind: 'user' | 'news' | 'document'; name: string } | { kind: 'raw'; name: string };

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.audit');
  const { store } = context.services;
  const page = pageOf(request);
  // One more than a page tells whether there is a next one without counting the whole table.
  const rows = await store.audit.list({ limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
  const events = rows.slice(0, PAGE_SIZE);

  // Targets are stored as 'kind:id': show who or what they name. The details column is never sent to the page.
  const [users, news, documents] = await Promise.all([
    events.some((e) => e.target?.startsWith('user:')) ? store.users.list() : [],
    events.some((e) => e.target?.startsWith('news:')) ? store.news.listAll() : [],
    events.some((e) => e.target?.startsWith('document:')) ? store.documents.listAll() : [],
  ]);
  const names = new Map<string, string>([
    ...users.map((u) => [`user:${u.id}`, u.username] as const),
    ...news.map((n) => [`news:${n.id}`, n.title] as const),
    ...documents.map((d) => [`document:${d.id}`, d.title] as const),
  ]);
  const targetOf = (target: string | null): Target | null => {
    if (!target) return null;
    const name = names.get(target);
    const kind = target.slice(0, target.indexOf(':'));
    if (name !== undefined && (kind === 'user' || kind === 'news' || kind === 'document')) return { kind, name };
    return { kind: 'raw', name: target };
  };

  return {
    page,
    hasNext: rows.length > PAGE_SIZE,
    events: events.map((e) => ({
      id: e.id,
      at: e.at,
      // A failed sign-in on no known account records what was typed, which may be a password typed in the wrong field.
      actor: e.action === 'login.failed' && e.actorUserId === null ? null : e.actorLabel,
      action: e.action,
      target: targetOf(e.target),
      ip: e.ip,
    })),
  };
}

function targetLabel(t: Catalog, target: Target): string {
  return target.kind === 'raw' ? target.name : t.admin.auditLog.targets[target.kind](target.name);
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const a = t.admin.auditLog;
  const { page, hasNext, events } = loaderData;
  const title = page > 1 ? a.titlePage(page) : a.title;
  return (
    <>
      <PageTitle title={title} />
      <h1>{a.title}</h1>
      <p>{a.intro}</p>
      {events.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <DataTable caption={a.caption(page)} columns={[a.columns.at, a.columns.actor, a.columns.action, a.columns.target, a.columns.ip]}>
          {events.map((event) => (
            <tr key={event.id}>
              <th scope="row">
                <time dateTime={event.at}>{formatParisDateTime(event.at)}</time>
              </th>
              <td>{event.actor ?? a.unknownAccount}</td>
              <td>{Object.hasOwn(a.actionLabels, event.action) ? a.actionLabels[event.action] : event.action}</td>
              <td>{event.target ? targetLabel(t, event.target) : null}</td>
              <td>{event.ip}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {page > 1 || hasNext ? (
        <nav aria-label={a.pagination} className="pagination">
          <ul>
            {page > 1 ? (
              <li>
                <Link to={`/admin/journal?page=${page - 1}`} rel="prev">
                  {a.previous}
                </Link>
              </li>
            ) : null}
            {hasNext ? (
              <li>
                <Link to={`/admin/journal?page=${page + 1}`} rel="next">
                  {a.next}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
