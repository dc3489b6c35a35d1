/** Admin: which sites each staff member works at (animateurs see only theirs). */
import { data, Form, redirect } from 'react-router';
import type { Route } from './+types/staff-sites';
import { isSiteLimited } from '../../../core/backoffice/model';
import { isStaffRole } from '../../../core/accounts/roles';
import { DataTable } from '../../components/data-table';
import { ErrorSummary, Notice } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { idParam, viewerOf } from '../../web/back-office';
import { requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.users');
  const { services } = context;
  const [users, sites, assignments] = await Promise.all([services.store.users.list(), services.backOffice.sites(), services.backOffice.staffSites.all()]);
  const staff = users
    .filter((u) => isStaffRole(u.role) && u.active)
    .sort((a, b) => Number(!isSiteLimited(a.role)) - Number(!isSiteLimited(b.role)) || a.username.localeCompare(b.username))
    .map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, siteIds: assignments.filter((a) => a.userId === u.id).map((a) => a.siteId) }));
  return { staff, sites, saved: new URL(request.url).searchParams.get('ok') === '1' };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.users');
  const t = catalogFor(context.lang).backoffice.staffSites;
  const form = await request.formData();
  const userId = idParam(form.get('userId'));
  const siteIds = form.getAll('site').map((v) => idParam(v)).filter((v): v is string => v !== null).slice(0, 100);
  if (!userId) return data({ errors: { form: t.errors.not_found } }, { status: 400 });
  const result = await context.services.backOffice.staffSites.assign({ userId, siteIds, viewer: viewerOf(session, context) });
  if (!result.ok) return data({ errors: { form: t.errors[result.error] } }, { status: result.error === 'not_found' ? 404 : 400 });
  return redirect('/admin/affectations?ok=1');
}

export default function StaffSites({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const s = t.backoffice.staffSites;
  const { staff, sites, saved } = loaderData;
  return (
    <>
      <PageTitle title={s.title} hasErrors={Boolean(actionData?.errors)} />
      <h1>{s.title}</h1>
      <ErrorSummary errors={actionData?.errors} labels={{}} />
      {saved && !actionData ? <Notice tone="success">{s.saved}</Notice> : null}
      <p>{s.intro}</p>
      <DataTable caption={s.caption} columns={[s.columns.user, s.columns.role, s.columns.sites]}>
        {staff.map((user) => (
          <tr key={user.id}>
            <th scope="row">
              {user.displayName} <span className="badge badge--muted">{user.username}</span>
            </th>
            <td>{t.admin.roles[user.role] ?? user.role}</td>
            <td>
              {isSiteLimited(user.role) ? (
                <Form method="post">
                  <input type="hidden" name="userId" value={user.id} />
                  <fieldset>
                    <legend className="visually-hidden">{s.sitesOf(user.displayName)}</legend>
                    {sites.map((site) => (
                      <div className="field field--checkbox" key={site.id}>
                        <input type="checkbox" id={`site-${user.id}-${site.id}`} name="site" value={site.id} defaultChecked={user.siteIds.includes(site.id)} />
                        <label htmlFor={`site-${user.id}-${site.id}`}>{site.name}</label>
                      </div>
                    ))}
                  </fieldset>
                  <button type="submit" className="button button--secondary">
                    {s.save}
                    <span className="visually-hidden">{t.admin.named(user.displayName)}</span>
                  </button>
                </Form>
              ) : (
                s.allSites
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
