import type { Role } from './roles';

/**
 * The declared permission matrix: every protected route names one permission, and only these roles hold it.
 * A test walks every route × role against this table.
 */
export const PERMISSIONS = {
  'portal.family': ['parent'],
  'admin.home': ['admin', 'agent', 'regisseur', 'animateur'],
  'admin.news': ['admin', 'agent'],
  'admin.documents': ['admin', 'agent'],
  'admin.users': ['admin'],
  'admin.audit': ['admin'],
  'admin.outbox': ['admin', 'agent'],
  'admin.plannings': ['admin', 'agent'],
  'admin.occupancy': ['admin', 'agent', 'animateur'],
  /** Démarches inbox: family requests, documents to review, enrolment decisions (issue 7). */
  'admin.requests': ['admin', 'agent'],
  /** Back office (issue 6): family search and file (read); régisseurs find families for payments, without health data. */
  'admin.families': ['admin', 'agent', 'regisseur'],
  /** CSV import of families, parent accounts (create, activation letters, resend, deactivate). */
  'admin.families.manage': ['admin', 'agent'],
  /** Attendance (pointage); animateurs only for the sites they are assigned to. */
  'admin.attendance': ['admin', 'agent', 'animateur'],
  /** Meal counts for the kitchen; animateurs only for their sites. */
  'admin.meals': ['admin', 'agent', 'animateur'],
  /** CSV / XLSX exports of families, children, bookings, attendance and meal counts. */
  'admin.exports': ['admin', 'agent'],
  /** Field permissions (no route): health data (diet, allergies, PAI; animateurs for their sites' children only)… */
  'data.health': ['admin', 'agent', 'animateur'],
  /** …and income data (QF and its validity): billing staff. */
  'data.income': ['admin', 'agent', 'regisseur'],
  /** Price grids (/admin/tarifs): staff who run the referential. */
  'admin.prices': ['admin', 'agent'],
  /** Import of a newer official school-holiday calendar. */
  'admin.calendar': ['admin', 'agent'],
  /** Referential (/admin/sites, /admin/annees-scolaires, /admin/activites): sites, classes, closures, school years, activities. */
  'admin.referential': ['admin', 'agent'],
  /** Payment anomalies (/admin/paiements/anomalies): the régie answers for the money. */
  'admin.payments': ['admin', 'regisseur'],
  /** Monthly invoicing runs (dry run, issue) and credit notes (issue 5). */
  'admin.invoicing': ['admin', 'agent'],
  /** Reading invoices and their PDFs: the staff who bill and the régie who collects. */
  'admin.invoices': ['admin', 'agent', 'regisseur'],
  /** The régie: payments at the desk, dockets, SEPA mandates and batches, rejects, titres à émettre, reconciliation. */
  'admin.regie': ['admin', 'regisseur'],
  /** The exports page (/admin/exports): each dataset then needs its own right, admin.exports or admin.invoices (invoices, payments). */
  'admin.exports.page': ['admin', 'agent', 'regisseur'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
