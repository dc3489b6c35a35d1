import { NavLink } from 'react-router';
import { can, type Permission } from '../../core/accounts/permissions';
import type { Role } from '../../core/accounts/roles';
import { useT } from '../i18n';

const ENTRIES: { key: keyof ReturnType<typeof useT>['admin']['menu']; to: string; permission: Permission | null }[] = [
  { key: 'home', to: '/admin', permission: 'admin.home' },
  { key: 'news', to: '/admin/actualites', permission: 'admin.news' },
  { key: 'documents', to: '/admin/documents', permission: 'admin.documents' },
  { key: 'users', to: '/admin/utilisateurs', permission: 'admin.users' },
  { key: 'audit', to: '/admin/journal', permission: 'admin.audit' },
  { key: 'outbox', to: '/admin/boite-d-envoi', permission: 'admin.outbox' },
  { key: 'portalHome', to: '/', permission: null },
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
              {t.admin.menu[entry.key]}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
