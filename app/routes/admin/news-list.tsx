import { data, Link, redirect } from 'react-router';
import type { Route } from './+types/news-list';
import { newsState, setNewsPublished } from '../../../core/content/news';
import { ErrorSummary, Notice } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import { fr } from '../../i18n/fr';
import { formatLongDate, formatParisDateTime } from '../../web/format';
import { actorOf, requirePermission } from '../../web/guards';
import { DataTable } from '../../components/data-table';
import { PublishToggle } from '../../components/publish-toggle';

type NoticeKey = keyof typeof fr.admin.news.notices;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.news');
  const ok = new URL(request.url).searchParams.get('ok');
  const items = await context.services.store.news.listAll();
  const now = context.services.clock.now();
  return {
    notice: ok && Object.hasOwn(fr.admin.news.notices, ok) ? (ok as NoticeKey) : null,
    items: items.map((n) => ({
      id: n.id,
      title: n.title,
      date: n.newsDate,
      published: n.published,
      state: newsState(n, now),
      publishAt: n.publishAt,
      homePosition: n.homePosition,
    })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.news');
  const t = catalogFor(context.lang);
  const form = await request.formData();
  const intent = form.get('intent');
  const id = String(form.get('id') ?? '').slice(0, 64);
  if (intent !== 'publish' && intent !== 'unpublish') throw new Response('Bad Request', { status: 400 });
  const result = await setNewsPublished({ id, published: intent === 'publish', actor: actorOf(session, context) }, context.services);
  if (!result.ok) return data({ errors: { form: t.admin.news.errors.notFound } }, { status: 404 });
  return redirect(`/admin/actualites?ok=${intent === 'publish' ? 'publie' : 'depublie'}`);
}

export default function NewsList({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const n = t.admin.news;
  const o = t.office.news;
  const { items, notice } = loaderData;
  return (
    <>
      <PageTitle title={n.title} hasErrors={Boolean(actionData?.errors)} />
      <h1>{n.title}</h1>
      <ErrorSummary errors={actionData?.errors} labels={{}} />
      {notice && !actionData ? <Notice tone="success">{n.notices[notice]}</Notice> : null}
      <p>{n.intro}</p>
      <p>
        <Link to="/admin/actualites/nouvelle" className="button">
          {n.create}
        </Link>
      </p>
      {items.length === 0 ? (
        <p>{n.empty}</p>
      ) : (
        <DataTable caption={n.caption} columns={[n.columns.title, n.columns.date, n.columns.status, o.columns.position, t.admin.actions]}>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">{item.title}</th>
              <td>
                <time dateTime={item.date}>{formatLongDate(item.date, t.lang.code)}</time>
              </td>
              <td>
                {item.state === 'draft' ? n.draft : item.state === 'online' ? n.published : o.scheduled}
                {item.state === 'scheduled' && item.publishAt ? (
                  <>
                    {' '}
                    <time dateTime={item.publishAt}>{o.scheduledFor(formatParisDateTime(item.publishAt))}</time>
                  </>
                ) : null}
              </td>
              <td>{item.homePosition ?? o.notPinned}</td>
              <td>
                <div className="table-actions">
                  <Link to={`/admin/actualites/${item.id}`}>
                    {n.edit}
                    <span className="visually-hidden">{t.admin.named(item.title)}</span>
                  </Link>
                  <PublishToggle id={item.id} title={item.title} published={item.published} labels={n} />
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
