export const ROLES = ['parent', 'agent', 'regisseur', 'animateur', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = ['agent', 'regisseur', 'animateur', 'admin'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}
