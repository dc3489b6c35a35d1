import type { Route } from './+types/home';
import { can } from '../../../core/accounts/permissions';
import { Dashboard } from '../../components/dashboard';
import { InboxCounts } from '../../components/inbox-counts';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { loadDashboard } from '../../web/dashboard-data';
import { requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requirePermission(request, context, 'admin.home');
  const requests = can(session.user.role, 'admin.requests') ? await context.services.store.requests.countSubmitted() : null;
  return { name: session.user.displayName, role: session.user.role, dashboard: await loadDashboard(session, context), requests };
}

export default function AdminHome({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <PageTitle title={t.admin.home} />
      <h1>{t.admin.welcome(loaderData.name)}</h1>
      <p>{t.admin.roles[loaderData.role]}</p>
      {loaderData.requests ? <InboxCounts counts={loaderData.requests} /> : null}
      <Dashboard data={loaderData.dashboard} />
    </>
  );
}
