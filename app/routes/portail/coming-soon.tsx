import { Link, useLocation } from 'react-router';
import type { Route } from './+types/coming-soon';
import { PageTitle } from '../../components/page-title';
import { portalLinks } from '../../components/portal-nav';
import { useT } from '../../i18n';
import { requireFamily } from '../../web/guards';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireFamily(request, context);
  return null;
}

/** A tutorial menu entry whose page a later issue builds: the navigation is real, the page says so plainly. */
export default function ComingSoon() {
  const t = useT();
  const { pathname } = useLocation();
  const group = portalLinks(t).find((g) => g.links.some((l) => l.to === pathname));
  const title = group?.links.find((l) => l.to === pathname)?.label ?? t.common.comingSoon;
  return (
    <>
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p className="notice notice--info">
        <strong>{t.common.comingSoon}.</strong> {t.common.comingSoonText}
      </p>
      {group ? (
        <nav aria-label={group.section} className="sub-nav">
          <ul>
            {group.links.map((link) => (
              <li key={link.to}>
                <Link to={link.to} aria-current={link.to === pathname ? 'page' : undefined}>
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
