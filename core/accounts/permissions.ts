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
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
