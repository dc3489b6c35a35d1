/** Staff: the activities (site, year, days, capacity, billing), with links to edit each one and to its price grid. */
import { Link } from 'react-router';
import type { Route } from './+types/activities';
import { DataTable } from '../../components/data-table';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import { requirePermission } from '../../web/guards';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.referential');
  return { activities: await context.services.referential.activities() };
}

export default function Activities({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const c = t.referential.activities;
  const cols = c.columns;
  return (
    <>
      <PageTitle title={c.title} />
      <h1>{c.title}</h1>
      <p>{c.intro}</p>
      <p>
        <Link to="/admin/activites/nouvelle" className="button">
          {c.create}
        </Link>
      </p>
      <DataTable caption={c.caption} columns={[cols.name, cols.site, cols.year, cols.days, cols.capacity, cols.billing, cols.actions]}>
        {loaderData.activities.map((activity) => (
          <tr key={activity.id}>
            <th scope="row">{activity.name}</th>
            <td>{activity.siteName}</td>
            <td>{t.planning.schoolYear(activity.schoolYearId)}</td>
            <td>{activity.weekdays.map((d) => t.referential.weekdays[d - 1]).join(', ')}</td>
            <td>{activity.capacity}</td>
            <td>{t.planning.billing[activity.billingMode]}</td>
            <td>
              <Link to={`/admin/activites/${activity.id}`}>
                {c.edit}
                <span className="visually-hidden">{c.named(activity.name)}</span>
              </Link>
              {' · '}
              <Link to={`/admin/tarifs?activite=${encodeURIComponent(activity.id)}`}>
                {c.prices}
                <span className="visually-hidden">{c.named(activity.name)}</span>
              </Link>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
