/**
 * Régie: find the family that pays (the back office's family search), then open its account to record the payment.
 * /admin/regie?q=…
 */
import { Form, Link } from 'react-router';
import type { Route } from './+types/regie';
import { TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import regieStyles from '../../styles/regie.css?url';
import { requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: regieStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.regie');
  const query = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 120);
  const result = query ? await context.services.backOffice.searchFamilies({ query, siteId: null, page: 1 }) : null;
  return { query, result };
}

export default function RegieSearch({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const r = t.regie.search;
  const { query, result } = loaderData;
  return (
    <>
      <PageTitle title={r.title} />
      <h1>{r.title}</h1>
      <p>{r.intro}</p>
      <Form method="get" className="toolbar" role="search">
        <TextField name="q" type="search" label={r.query} defaultValue={query} maxLength={120} autoComplete="off" />
        <button type="submit" className="button">
          {r.submit}
        </button>
      </Form>
      {result === null ? null : result.rows.length === 0 ? (
        <p className="notice notice--info">{r.none}</p>
      ) : (
        <>
          <div className="table-wrapper" tabIndex={0}>
            <table className="table">
              <caption>{r.caption(result.total)}</caption>
              <thead>
                <tr>
                  <th scope="col">{r.columns.name}</th>
                  <th scope="col">{r.columns.fileNumber}</th>
                  <th scope="col">{r.columns.guardians}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((family) => (
                  <tr key={family.id}>
                    <th scope="row">
                      <Link to={`/admin/regie/familles/${family.id}`}>{family.name}</Link>
                    </th>
                    <td>{family.fileNumber}</td>
                    <td>{family.guardians.map((g) => `${g.firstName} ${g.lastName}`).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.total > result.rows.length ? <p>{r.more(result.rows.length, result.total)}</p> : null}
        </>
      )}
    </>
  );
}
