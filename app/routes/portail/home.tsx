import { Link, useRouteLoaderData } from 'react-router';
import type { Route } from './+types/home';
import { PageTitle } from '../../components/page-title';
import { portalLinks } from '../../components/portal-nav';
import { useT } from '../../i18n';
import { requireFamily } from '../../web/guards';
import type { loader as layoutLoader } from './layout';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireFamily(request, context);
  return null;
}

export default function PortalHome() {
  const t = useT();
  const layout = useRouteLoaderData<typeof layoutLoader>('routes/portail/layout');
  const family = layout?.family;
  return (
    <>
      <PageTitle title={t.portal.menu.home} />
      <h1>{family ? t.portal.welcome(family.name) : t.portal.menu.home}</h1>
      {family && family.children.length > 0 ? (
        <section aria-labelledby="enfants">
          <h2 id="enfants">{t.portal.children}</h2>
          <ul className="chips">
            {family.children.map((child) => (
              <li key={child.id}>{child.firstName}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="menu-grid">
        {portalLinks(t).map((group) => (
          <section key={group.section} className="card" aria-labelledby={`menu-${group.links[0].to.replaceAll('/', '-')}`}>
            <h2 id={`menu-${group.links[0].to.replaceAll('/', '-')}`}>{group.section}</h2>
            <ul>
              {group.links.map((link) => (
                <li key={link.to}>
                  <Link to={link.to}>{link.label}</Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
