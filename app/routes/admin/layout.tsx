import { Outlet } from 'react-router';
import type { Route } from './+types/layout';
import { AdminNav } from '../../components/admin-nav';
import { PageShell } from '../../components/page-shell';
import { requirePermission } from '../../web/guards';

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requirePermission(request, context, 'admin.home');
  return { role: session.user.role, name: session.user.displayName };
}

export default function AdminLayout({ loaderData }: Route.ComponentProps) {
  return (
    <PageShell nav={<AdminNav role={loaderData.role} />}>
      <Outlet />
    </PageShell>
  );
}
