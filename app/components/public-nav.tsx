import { NavLink, useRouteLoaderData } from 'react-router';
import { useT } from '../i18n';
import type { RootData } from '../root';

export function PublicNav() {
  const t = useT();
  const data = useRouteLoaderData<RootData>('root');
  return (
    <nav aria-label={t.common.mainMenu} className="main-nav">
      <ul>
        <li>
          <NavLink to="/" end>
            {t.common.home}
          </NavLink>
        </li>
        {data?.user ? (
          <li>
            <NavLink to={data.user.role === 'parent' ? '/portail' : '/admin'}>
              {data.user.role === 'parent' ? t.common.portalName : t.admin.title}
            </NavLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
