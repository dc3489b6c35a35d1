import type { Route } from './+types/home';
import { Dashboard } from '../../components/dashboard';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { loadDashboard } from '../../web/dashboard-data';
import { requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requirePermission(request, context, 'admin.home');
  return { name: session.user.displayName, role: session.user.role, dashboard: await loadDashboard(session, context) };
}

export default function AdminHome({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <PageTitle title={t.admin.home} />
      <h1>{t.admin.welcome(loaderData.name)}</h1>
      <p>{t.admin.roles[loaderData.role]}</p>
      <Dashboard data={loaderData.dashboard} />
    </>
  );
}
