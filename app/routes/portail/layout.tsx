import { Outlet } from 'react-router';
import type { Route } from './+types/layout';
import { PageShell } from '../../components/page-shell';
import { PortalNav } from '../../components/portal-nav';
import { requireFamily } from '../../web/guards';

export async function loader({ request, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const family = await context.services.store.families.findSummary(familyId);
  if (!family) throw new Response('Forbidden', { status: 403 });
  return { family };
}

export default function PortalLayout() {
  return (
    <PageShell nav={<PortalNav />}>
      <Outlet />
    </PageShell>
  );
}
