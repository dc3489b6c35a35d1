import { Outlet, useLocation } from 'react-router';
import type { Route } from './+types/layout';
import { PageShell } from '../../components/page-shell';
import { BasketBanner, BasketLink, RECAP_PATH } from '../../components/planning/basket-banner';
import { PortalNav } from '../../components/portal-nav';
import planningStyles from '../../styles/planning.css?url';
import { requireFamily } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: planningStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const [family, basket] = await Promise.all([
    context.services.store.families.findSummary(familyId),
    context.services.booking.basket(familyId),
  ]);
  if (!family) throw new Response('Forbidden', { status: 403 });
  const lines = basket?.lines ?? [];
  return {
    family,
    basket: { count: lines.length, prepaid: lines.some((line) => line.billingMode === 'prepaid') },
  };
}

export default function PortalLayout({ loaderData }: Route.ComponentProps) {
  const { pathname } = useLocation();
  const { basket } = loaderData;
  return (
    <PageShell
      nav={
        <>
          <PortalNav />
          <BasketLink count={basket.count} />
        </>
      }
    >
      {pathname === RECAP_PATH ? null : <BasketBanner count={basket.count} prepaid={basket.prepaid} />}
      <Outlet />
    </PageShell>
  );
}
