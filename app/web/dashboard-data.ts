/** The dashboard's figures for a staff member (their sites only for an animateur; revenue for the roles that read invoices). */
import type { AppLoadContext } from 'react-router';
import type { CurrentSession } from '../../core/accounts/current-session';
import { can } from '../../core/accounts/permissions';
import { inScope } from '../../core/backoffice/model';
import { addDays, parisToday } from '../../core/calendar';
import type { DashboardData } from '../components/dashboard';
import { viewerOf } from './back-office';

export async function loadDashboard(session: CurrentSession, context: AppLoadContext): Promise<DashboardData> {
  const { services } = context;
  const viewer = viewerOf(session, context);
  const today = parisToday(services.clock.now());
  const [figures, scope, occupancy, revenue] = await Promise.all([
    services.backOffice.dashboard({ viewer }),
    services.backOffice.scope(viewer),
    services.booking.occupancy({ from: today, to: addDays(today, 7) }),
    // Animateurs never see income or invoices.
    can(session.user.role, 'admin.invoices') ? services.invoicingReports.revenue() : Promise.resolve(null),
  ]);
  const visible = occupancy.filter((row) => inScope(scope, row.siteId));
  // The first day with an open activity, from today on (a weekend shows Monday).
  const day = visible.map((row) => row.day).sort()[0];
  return {
    meals: figures.meals,
    waiting: figures.waiting,
    occupancy: day ? { day, rows: visible.filter((row) => row.day === day) } : null,
    noSite: scope.kind === 'sites' && scope.siteIds.length === 0,
    revenue,
  };
}
