import { index, route, type RouteConfig } from '@react-router/dev/routes';

/** Pages the tutorial names but later issues build: the menu is real, the page says « Bientôt disponible ». */
const comingSoon = (path: string, id: string) => route(path, 'routes/portail/coming-soon.tsx', { id });

export default [
  index('routes/public/home.tsx'),
  route('connexion', 'routes/public/login.tsx'),
  route('deconnexion', 'routes/public/logout.tsx'),
  route('mot-de-passe-oublie', 'routes/public/forgot-password.tsx'),
  route('reinitialiser-mot-de-passe', 'routes/public/reset-password.tsx'),
  route('accessibilite', 'routes/public/accessibility.tsx'),
  route('langue', 'routes/public/language.tsx'),
  route('documents/:documentId', 'routes/api/document-download.ts'),
  route('sante', 'routes/api/health.ts'),

  route('portail', 'routes/portail/layout.tsx', [
    index('routes/portail/home.tsx'),
    comingSoon('dossier', 'portail-dossier'),
    comingSoon('dossier/coordonnees', 'portail-dossier-coordonnees'),
    comingSoon('dossier/documents', 'portail-dossier-documents'),
    comingSoon('inscriptions', 'portail-inscriptions'),
    comingSoon('inscriptions/nouvelle', 'portail-inscriptions-nouvelle'),
    route('planning', 'routes/portail/planning.tsx', { id: 'portail-planning' }),
    // « Effectuer de nouvelles réservations »: the same page, opened in edit mode.
    route('planning/reservations', 'routes/portail/planning.tsx', { id: 'portail-planning-reservations' }),
    route('planning/recapitulatif', 'routes/portail/recap.tsx'),
    route('planning/modification-avancee', 'routes/portail/advanced-edit.tsx'),
    comingSoon('facturation', 'portail-facturation'),
    comingSoon('facturation/historique', 'portail-facturation-historique'),
    comingSoon('facturation/prelevements', 'portail-facturation-prelevements'),
  ]),

  route('admin', 'routes/admin/layout.tsx', [
    index('routes/admin/home.tsx'),
    route('actualites', 'routes/admin/news-list.tsx'),
    route('actualites/nouvelle', 'routes/admin/news-edit.tsx', { id: 'admin-news-new' }),
    route('actualites/:newsId', 'routes/admin/news-edit.tsx', { id: 'admin-news-edit' }),
    route('documents', 'routes/admin/documents.tsx'),
    route('utilisateurs', 'routes/admin/users.tsx'),
    route('journal', 'routes/admin/audit.tsx'),
    route('boite-d-envoi', 'routes/admin/outbox.tsx'),
    route('plannings', 'routes/admin/plannings.tsx'),
    route('effectifs', 'routes/admin/occupancy.tsx'),
  ]),

  route('*', 'routes/public/not-found.tsx'),
] satisfies RouteConfig;
