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
  // Account activation by the parent (issue 6): e-mailed link or printed code.
  route('activer-mon-compte', 'routes/public/activate-account.tsx'),
  // Online payment (issue 4): providers' notifications and returns, the built-in demo bank.
  route('api/paiement/:provider/notification', 'routes/api/payment-notification.ts'),
  route('api/paiement/retour/:transactionId', 'routes/api/payment-return.ts'),
  route('demo-bank/:sessionId', 'routes/public/demo-bank.tsx'),

  route('portail', 'routes/portail/layout.tsx', [
    index('routes/portail/home.tsx'),
    // Mon dossier and Inscriptions (issue 7).
    route('dossier', 'routes/portail/dossier.tsx'),
    route('dossier/demarches/:requestId', 'routes/portail/demarche.tsx'),
    route('dossier/coordonnees', 'routes/portail/coordonnees.tsx'),
    route('dossier/confirmer-email', 'routes/portail/email-confirmation.tsx'),
    route('dossier/documents', 'routes/portail/documents.tsx'),
    route('dossier/documents/:documentId', 'routes/api/family-document-download.ts'),
    route('dossier/compte', 'routes/portail/compte.tsx'),
    route('dossier/donnees', 'routes/portail/donnees.tsx'),
    route('dossier/donnees/export/:format', 'routes/api/family-export.ts'),
    route('inscriptions', 'routes/portail/inscriptions.tsx'),
    route('inscriptions/nouvelle', 'routes/portail/inscription-nouvelle.tsx'),
    route('planning', 'routes/portail/planning.tsx', { id: 'portail-planning' }),
    // « Effectuer de nouvelles réservations »: the same page, opened in edit mode.
    route('planning/reservations', 'routes/portail/planning.tsx', { id: 'portail-planning-reservations' }),
    route('planning/recapitulatif', 'routes/portail/recap.tsx'),
    route('planning/modification-avancee', 'routes/portail/advanced-edit.tsx'),
    // Online payment (issue 4): the result of a payment, what was booked and paid.
    route('paiement/:paymentId', 'routes/portail/payment.tsx'),
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
    route('calendrier', 'routes/admin/calendar.tsx'),
    // Back office (issue 6): families, import, parent accounts, attendance, meals, exports, assignments.
    route('familles', 'routes/admin/families.tsx'),
    route('familles/import', 'routes/admin/family-import.tsx'),
    route('familles/courriers', 'routes/admin/family-letters.tsx'),
    route('familles/:familyId', 'routes/admin/family.tsx'),
    route('pointage', 'routes/admin/attendance.tsx'),
    route('pointage/marques', 'routes/admin/attendance-marks.ts'),
    route('pointage/justificatifs/:attendanceId', 'routes/admin/attendance-certificate.ts'),
    route('repas', 'routes/admin/meals.tsx'),
    route('repas/:file', 'routes/admin/meals-download.ts'),
    route('exports', 'routes/admin/exports.tsx'),
    route('exports/:file', 'routes/admin/export-download.ts'),
    route('affectations', 'routes/admin/staff-sites.tsx'),
    // Referential (issue 6): sites, classes and closures, school years, activities.
    route('sites', 'routes/admin/sites.tsx'),
    route('sites/:siteId', 'routes/admin/site.tsx'),
    route('annees-scolaires', 'routes/admin/school-years.tsx'),
    route('activites', 'routes/admin/activities.tsx'),
    route('activites/nouvelle', 'routes/admin/activity-edit.tsx', { id: 'admin-activity-new' }),
    route('activites/:activityId', 'routes/admin/activity-edit.tsx', { id: 'admin-activity-edit' }),
    // Prices and payments (issue 4).
    route('tarifs', 'routes/admin/prices.tsx'),
    route('paiements/anomalies', 'routes/admin/payment-anomalies.tsx'),
    // Démarches inbox (issue 7, minimal until the back office has its own).
    route('demarches', 'routes/admin/demarches.tsx'),
    route('demarches/documents/:documentId', 'routes/api/admin-family-document.ts'),
    route('demarches/:requestId', 'routes/admin/demarche.tsx'),
    // Invoicing, staff side (issue 5): runs, invoices and credit notes, a family's account.
    route('facturation', 'routes/admin/invoicing.tsx'),
    route('facturation/:month', 'routes/admin/invoicing-run.tsx'),
    route('factures', 'routes/admin/invoices.tsx'),
    route('factures/:invoiceId', 'routes/admin/invoice.tsx'),
    route('factures/:invoiceId/pdf', 'routes/admin/invoice-pdf.ts'),
    route('avoirs/:creditNoteId/pdf', 'routes/admin/credit-note-pdf.ts'),
    route('familles/:familyId/compte', 'routes/admin/family-account.tsx'),
  ]),

  route('*', 'routes/public/not-found.tsx'),
] satisfies RouteConfig;
