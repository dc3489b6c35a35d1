/** Shared words of the back office: diets, school levels, who sees which sites and fields. */
import { can } from '../accounts/permissions';
import type { Role } from '../accounts/roles';

export const DIETS = ['standard', 'sans_porc', 'vegetarien'] as const;
export type Diet = (typeof DIETS)[number];

export function toDiet(value: string | null | undefined): Diet {
  return (DIETS as readonly string[]).includes(value ?? '') ? (value as Diet) : 'standard';
}

export const SCHOOL_LEVELS = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'] as const;
export type SchoolLevelCode = (typeof SCHOOL_LEVELS)[number];

/** Activities whose day includes a meal cooked by the kitchen. */
export const MEAL_KINDS = ['cantine', 'mercredi', 'alsh'] as const;

/** A staff member as the back-office use cases see them. */
export interface Viewer {
  userId: string;
  label: string;
  role: Role;
  ip: string | null;
}

/** The sites a viewer may see: every site, or only those they are assigned to (animateurs). */
export type SiteScope = { kind: 'all' } | { kind: 'sites'; siteIds: string[] };

export function inScope(scope: SiteScope, siteId: string | null): boolean {
  return scope.kind === 'all' || (siteId !== null && scope.siteIds.includes(siteId));
}

/** Health data (diet, allergies, PAI) and income data (QF) are fields only these roles read. */
export function canReadHealth(role: Role): boolean {
  return can(role, 'data.health');
}

export function canReadIncome(role: Role): boolean {
  return can(role, 'data.income');
}

/** Animateurs are limited to the sites they are assigned to; other staff see every site. */
export function isSiteLimited(role: Role): boolean {
  return role === 'animateur';
}
