import { Form, Link, useLocation, useRouteLoaderData } from 'react-router';
import { useT } from '../i18n';
import type { RootData } from '../root';

/** Header, skip link, optional navigation, main landmark and the footer every page shares. */
export function PageShell({ nav, children }: { nav?: React.ReactNode; children: React.ReactNode }) {
  const t = useT();
  const data = useRouteLoaderData<RootData>('root');
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <>
      <a className="skip-link" href="#contenu">
        {t.common.skipToContent}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="site-header__brand">
            <span className="site-header__portal">{t.common.portalName}</span>
            <span className="site-header__commune">{data?.commune}</span>
          </Link>
          {data?.user ? (
            <div className="site-header__user">
              <span>{t.common.signedInAs(data.user.name)}</span>
              <Form method="post" action="/deconnexion">
                <button type="submit" className="button button--secondary">
                  {t.common.logout}
                </button>
              </Form>
            </div>
          ) : null}
        </div>
        {nav}
      </header>
      <main id="contenu" tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <ul className="site-footer__links">
          <li>
            <Link to="/accessibilite">
              {t.common.accessibility(t.common.accessibilityStatus[data?.accessibilityStatus ?? 'non'] ?? 'non')}
            </Link>
          </li>
          <li>
            <Form method="post" action="/langue" className="inline-form">
              <input type="hidden" name="lang" value={t.lang.code === 'fr' ? 'en' : 'fr'} />
              <input type="hidden" name="redirectTo" value={here} />
              <button type="submit" className="link-button" lang={t.lang.code === 'fr' ? 'en' : 'fr'}>
                {t.lang.switchTo}
              </button>
            </Form>
          </li>
        </ul>
        <p className="site-footer__powered">Tartine</p>
      </footer>
    </>
  );
}
