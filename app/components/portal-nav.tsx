import { Link, NavLink, useLocation } from 'react-router';
import { useT } from '../i18n';

export const PORTAL_SECTIONS = [
  { key: 'dossier', to: '/portail/dossier' },
  { key: 'inscriptions', to: '/portail/inscriptions' },
  { key: 'planning', to: '/portail/planning' },
  { key: 'facturation', to: '/portail/facturation' },
] as const;

/** The tutorial's menu: Accueil · Dossier · Inscriptions · Planning · Facturation. */
export function PortalNav() {
  const t = useT();
  return (
    <nav aria-label={t.common.mainMenu} className="main-nav">
      <ul>
        <li>
          <NavLink to="/portail" end>
            {t.portal.menu.home}
          </NavLink>
        </li>
        {PORTAL_SECTIONS.map((section) => (
          <li key={section.key}>
            <NavLink to={section.to}>{t.portal.menu[section.key]}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Every sub-entry of the tutorial's step 2, grouped by section. */
export function portalLinks(t: ReturnType<typeof useT>) {
  return [
    {
      section: t.portal.sections.dossier,
      links: [
        { to: '/portail/dossier', label: t.portal.links.dossierView },
        { to: '/portail/dossier/coordonnees', label: t.portal.links.dossierEdit },
        { to: '/portail/dossier/documents', label: t.portal.links.dossierDocuments },
        { to: '/portail/dossier/compte', label: t.dossier.sections.account },
        { to: '/portail/dossier/donnees', label: t.dossier.sections.data },
      ],
    },
    {
      section: t.portal.sections.inscriptions,
      links: [
        { to: '/portail/inscriptions', label: t.portal.links.inscriptionsView },
        { to: '/portail/inscriptions/nouvelle', label: t.portal.links.inscriptionsNew },
      ],
    },
    {
      section: t.portal.sections.planning,
      links: [
        { to: '/portail/planning', label: t.portal.links.planningView },
        { to: '/portail/planning/reservations', label: t.portal.links.planningBook },
      ],
    },
    {
      section: t.portal.sections.facturation,
      links: [
        { to: '/portail/facturation', label: t.portal.links.invoicesPay },
        { to: '/portail/facturation/historique', label: t.portal.links.accountHistory },
        { to: '/portail/facturation/prelevements', label: t.portal.links.directDebits },
      ],
    },
  ];
}

/** One section's sub-entries as the pages' own sub-menu (Dossier, Facturation), the current page marked. */
export function PortalSectionNav({ section, label }: { section: 'dossier' | 'facturation'; label: string }) {
  const t = useT();
  const { pathname } = useLocation();
  const group = portalLinks(t)[PORTAL_SECTIONS.findIndex((s) => s.key === section)];
  return (
    <nav aria-label={label} className="sub-nav sub-nav--inline">
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
  );
}
