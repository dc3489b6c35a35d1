import type { Permission } from '../../core/accounts/permissions';

/**
 * Who may open each route (by its URL pattern), as declared. The route × role test requests every entry as every
 * role and checks the answer, and fails when a route in routes.ts is missing here.
 */
export const ROUTE_ACCESS: Record<string, Permission | 'public'> = {
  '/': 'public',
  '/connexion': 'public',
  '/deconnexion': 'public',
  '/mot-de-passe-oublie': 'public',
  '/reinitialiser-mot-de-passe': 'public',
  '/accessibilite': 'public',
  '/langue': 'public',
  '/documents/:documentId': 'public',
  '/sante': 'public',
  '/portail': 'portal.family',
  '/portail/dossier': 'portal.family',
  '/portail/dossier/coordonnees': 'portal.family',
  '/portail/dossier/documents': 'portal.family',
  '/portail/inscriptions': 'portal.family',
  '/portail/inscriptions/nouvelle': 'portal.family',
  '/portail/planning': 'portal.family',
  '/portail/planning/reservations': 'portal.family',
  '/portail/planning/recapitulatif': 'portal.family',
  '/portail/planning/modification-avancee': 'portal.family',
  '/portail/facturation': 'portal.family',
  '/portail/facturation/historique': 'portal.family',
  '/portail/facturation/prelevements': 'portal.family',
  '/admin': 'admin.home',
  '/admin/actualites': 'admin.news',
  '/admin/actualites/nouvelle': 'admin.news',
  '/admin/actualites/:newsId': 'admin.news',
  '/admin/documents': 'admin.documents',
  '/admin/utilisateurs': 'admin.users',
  '/admin/journal': 'admin.audit',
  '/admin/boite-d-envoi': 'admin.outbox',
  '/admin/plannings': 'admin.plannings',
  '/admin/effectifs': 'admin.occupancy',
  '/*': 'public',
};
