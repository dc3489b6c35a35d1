/**
 * Staff: find families (name, child, file number, e-mail, school), open a family's file, and create the parent
 * accounts of a selection of families (an activation link by e-mail; a letter to print for families without one).
 * /admin/familles?q=…&site=<siteId>&sans-compte=1&page=N
 */
import { data, Form, Link, useNavigation } from 'react-router';
import type { Route } from './+types/families';
import { can } from '../../../core/accounts/permissions';
import { SelectAllButton } from '../../components/client-buttons';
import { ErrorSummary, SelectField, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { idParam, viewerOf } from '../../web/back-office';
import { requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requirePermission(request, context, 'admin.families');
  const params = new URL(request.url).searchParams;
  const query = (params.get('q') ?? '').trim().slice(0, 120);
  const sites = await context.services.backOffice.sites();
  const siteParam = idParam(params.get('site'));
  const siteId = siteParam && sites.some((s) => s.id === siteParam) ? siteParam : null;
  const withoutAccount = params.get('sans-compte') === '1';
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const result = await context.services.backOffice.searchFamilies({ query, siteId, withoutAccount, page });
  return { query, siteId, withoutAccount, sites, result, manage: can(session.user.role, 'admin.families.manage') };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.families.manage');
  const t = catalogFor(context.lang).backoffice.families;
  const form = await request.formData();
  if (form.get('intent') !== 'accounts') throw new Response('Bad Request', { status: 400 });
  const familyIds = form.getAll('family').map((v) => idParam(v)).filter((v): v is string => v !== null).slice(0, 500);
  if (familyIds.length === 0) return data({ errors: { form: t.noneSelected } as Record<string, string>, result: null }, { status: 400 });
  const result = await context.services.backOffice.createAccounts({ familyIds, viewer: viewerOf(session, context) });
  return { errors: null, result };
}

export default function Families({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const f = t.backoffice.families;
  const { query, siteId, withoutAccount, sites, result, manage } = loaderData;
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const outcome = actionData?.result ?? null;
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (query) params.set('q', query);
    if (siteId) params.set('site', siteId);
    if (withoutAccount) params.set('sans-compte', '1');
    params.set('page', String(page));
    return `/admin/familles?${params.toString()}`;
  };
  return (
    <>
      <PageTitle title={f.title} hasErrors={Boolean(actionData?.errors)} />
      <h1>{f.title}</h1>
      <ErrorSummary errors={actionData?.errors ?? undefined} labels={{}} />
      {outcome ? (
        <div className="notice notice--success" role="status">
          <p>{f.created(outcome.created.length, outcome.mailed)}</p>
          {outcome.unchanged ? <p>{f.unchanged(outcome.unchanged)}</p> : null}
          {outcome.mailFailures ? <p>{f.mailFailures(outcome.mailFailures)}</p> : null}
          {outcome.skipped.length > 0 ? (
            <>
              <p>{f.skipped} :</p>
              <ul>
                {outcome.skipped.map((x) => (
                  <li key={`${x.familyId}-${x.name}`}>{`${x.name} (${x.fileNumber}) : ${f.skipReasons[x.reason] ?? x.reason}`}</li>
                ))}
              </ul>
            </>
          ) : null}
          {outcome.needLetter.length > 0 ? (
            <Form method="post" action="/admin/familles/courriers">
              <p>{f.needLetters(outcome.needLetter.length)}</p>
              {outcome.needLetter.map((x) => (
                <input type="hidden" name="family" value={x.familyId} key={x.familyId} />
              ))}
              <button type="submit" className="button">
                {f.printLetters}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      <p>{f.intro}</p>
      {manage ? (
        <p className="actions-bar">
          <Link className="button button--secondary" to="/admin/familles/import">
            {f.importLink}
          </Link>
          <Link className="button button--secondary" to="/admin/familles/courriers">
            {f.lettersLink}
          </Link>
        </p>
      ) : null}
      <Form method="get" className="toolbar" role="search">
        <TextField name="q" type="search" label={f.query} defaultValue={query} maxLength={120} autoComplete="off" />
        <SelectField name="site" label={t.backoffice.common.site} defaultValue={siteId ?? ''}>
          <option value="">{t.backoffice.common.allSites}</option>
          {sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </SelectField>
        <div className="field field--checkbox">
          <input type="checkbox" id="sans-compte" name="sans-compte" value="1" defaultChecked={withoutAccount} />
          <label htmlFor="sans-compte">{f.withoutAccount}</label>
        </div>
        <button type="submit" className="button">
          {f.search}
        </button>
      </Form>

      {result.rows.length === 0 ? (
        <p className="notice notice--info">{f.none}</p>
      ) : (
        <Form method="post" id="familles">
          <input type="hidden" name="intent" value="accounts" />
          <div className="table-wrapper" tabIndex={0}>
            <table className="table">
              <caption>{f.caption(result.total, result.page, result.pages)}</caption>
              <thead>
                <tr>
                  {manage ? <th scope="col">{f.columns.select}</th> : null}
                  <th scope="col">{f.columns.name}</th>
                  <th scope="col">{f.columns.fileNumber}</th>
                  <th scope="col">{f.columns.guardians}</th>
                  <th scope="col">{f.columns.children}</th>
                  <th scope="col">{f.columns.accounts}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((family) => (
                  <tr key={family.id}>
                    {manage ? (
                      <td>
                        <input type="checkbox" name="family" value={family.id} id={`famille-${family.id}`} aria-label={f.selectFamily(family.name, family.fileNumber)} />
                      </td>
                    ) : null}
                    <th scope="row">
                      <Link to={`/admin/familles/${family.id}`}>{family.name}</Link>
                    </th>
                    <td>{family.fileNumber}</td>
                    <td>
                      {family.guardians.map((g) => (
                        <div key={`${g.firstName}${g.lastName}${g.email}`}>
                          {`${g.firstName} ${g.lastName}`}
                          {g.email ? <span className="badge badge--muted">{g.email}</span> : null}
                        </div>
                      ))}
                    </td>
                    <td>
                      {family.children.map((c) => (
                        <div key={`${c.firstName}${c.lastName}`}>{`${c.firstName} ${c.lastName}${c.siteName ? ` – ${c.siteName}` : ''}`}</div>
                      ))}
                    </td>
                    <td>{f.accountsCell(family.accounts.total, family.accounts.activated)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {manage ? (
            <div className="actions-bar">
              <SelectAllButton formId="familles" name="family" label={f.selectAll} />
              <button type="submit" className="button" disabled={busy}>
                {f.createAccounts}
              </button>
              <p className="field__hint">{f.createHint}</p>
            </div>
          ) : null}
        </Form>
      )}
      {result.pages > 1 ? (
        <nav aria-label={f.pagination} className="pager">
          {result.page > 1 ? (
            <Link className="button button--secondary" to={pageHref(result.page - 1)}>
              {f.previous}
            </Link>
          ) : null}
          {result.page < result.pages ? (
            <Link className="button button--secondary" to={pageHref(result.page + 1)}>
              {f.next}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
