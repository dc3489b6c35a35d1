import { NavLink } from 'react-router';
import { can, type Permission } from '../../core/accounts/permissions';
import type { Role } from '../../core/accounts/roles';
import { useT } from '../i18n';

type Catalog = ReturnType<typeof useT>;

const menu = (key: keyof Catalog['admin']['menu']) => (t: Catalog) => t.admin.menu[key];

const ENTRIES: { label: (t: Catalog) => string; to: string; permission: Permission | null }[] = [
  { label: menu('home'), to: '/admin', permission: 'admin.home' },
  { label: (t) => t.planning.admin.menuPlannings, to: '/admin/plannings', permission: 'admin.plannings' },
  { label: (t) => t.planning.admin.menuOccupancy, to: '/admin/effectifs', permission: 'admin.occupancy' },
  { label: (t) => t.backoffice.menu.families, to: '/admin/familles', permission: 'admin.families' },
  { label: (t) => t.backoffice.menu.attendance, to: '/admin/pointage', permission: 'admin.attendance' },
  { label: (t) => t.backoffice.menu.meals, to: '/admin/repas', permission: 'admin.meals' },
  { label: (t) => t.backoffice.menu.exports, to: '/admin/exports', permission: 'admin.exports.page' },
  { label: (t) => t.referential.menu.activities, to: '/admin/activites', permission: 'admin.referential' },
  { label: (t) => t.referential.menu.sites, to: '/admin/sites', permission: 'admin.referential' },
  { label: (t) => t.referential.menu.schoolYears, to: '/admin/annees-scolaires', permission: 'admin.referential' },
  { label: (t) => t.payments.menu.prices, to: '/admin/tarifs', permission: 'admin.prices' },
  { label: menu('calendar'), to: '/admin/calendrier', permission: 'admin.calendar' },
  { label: (t) => t.invoicingAdmin.menu.invoicing, to: '/admin/facturation', permission: 'admin.invoicing' },
  { label: (t) => t.invoicingAdmin.menu.invoices, to: '/admin/factures', permission: 'admin.invoices' },
  { label: (t) => t.payments.menu.anomalies, to: '/admin/paiements/anomalies', permission: 'admin.payments' },
  { label: (t) => t.regie.menu.regie, to: '/admin/regie', permission: 'admin.regie' },
  { label: (t) => t.regie.menu.docket, to: '/admin/regie/bordereau', permission: 'admin.regie' },
  { label: (t) => t.regie.menu.sepa, to: '/admin/sepa', permission: 'admin.regie' },
  { label: (t) => t.regie.menu.titles, to: '/admin/titres', permission: 'admin.regie' },
  { label: (t) => t.regie.menu.reconciliation, to: '/admin/rapprochement', permission: 'admin.regie' },
  { label: (t) => t.dossier.admin.menu, to: '/admin/demarches', permission: 'admin.requests' },
  { label: menu('news'), to: '/admin/actualites', permission: 'admin.news' },
  { label: menu('documents'), to: '/admin/documents', permission: 'admin.documents' },
  { label: menu('users'), to: '/admin/utilisateurs', permission: 'admin.users' },
  { label: (t) => t.backoffice.menu.staffSites, to: '/admin/affectations', permission: 'admin.users' },
  { label: menu('audit'), to: '/admin/journal', permission: 'admin.audit' },
  { label: menu('outbox'), to: '/admin/boite-d-envoi', permission: 'admin.outbox' },
  { label: menu('portalHome'), to: '/', permission: null },
];

/** Staff see only the entries their role may open. */
export function AdminNav({ role }: { role: Role }) {
  const t = useT();
  return (
    <nav aria-label={t.common.mainMenu} className="main-nav main-nav--admin">
      <ul>
        {ENTRIES.filter((e) => e.permission === null || can(role, e.permission)).map((entry) => (
          <li key={entry.to}>
            <NavLink to={entry.to} end={entry.to === '/admin' || entry.to === '/'}>
              {entry.label(t)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
