/** The family file as Mon dossier shows it, and what a family may change in it. */
import type { PlainDate } from '../calendar';

export const DIETS = ['standard', 'sans_porc', 'vegetarien'] as const;
export type Diet = (typeof DIETS)[number];

export function isDiet(value: unknown): value is Diet {
  return typeof value === 'string' && (DIETS as readonly string[]).includes(value);
}

export interface GuardianFile {
  id: string;
  firstName: string;
  lastName: string;
  relationship: string;
  email: string | null;
  phone: string | null;
}

export interface ChildFile {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: PlainDate;
  siteName: string | null;
  schoolLevel: string;
  diet: Diet;
  allergies: string;
  hasPai: boolean;
}

export interface AuthorisedPerson {
  fullName: string;
  relationship: string;
  phone: string;
}

/** The family's own fields, as every view of a family (portal file, back office, import) reads them. */
export interface FamilyFields {
  id: string;
  fileNumber: string;
  name: string;
  addressLine: string;
  postalCode: string;
  city: string;
  email: string | null;
  phone: string | null;
  resident: boolean;
  qf: number | null;
  qfValidUntil: PlainDate | null;
}

export interface FamilyFile extends FamilyFields {
  /** Bytes of the documents the family stored (the quota counter). */
  documentBytes: number;
  guardians: GuardianFile[];
  /** Eldest first. */
  children: ChildFile[];
  authorisedPersons: AuthorisedPerson[];
}

export interface Address {
  addressLine: string;
  postalCode: string;
  city: string;
}

export interface ChildHealth {
  diet: Diet;
  allergies: string;
  hasPai: boolean;
}

export interface NotificationPreferences {
  /** Decisions on address, QF, health, authorised persons, documents, erasure. */
  requestDecisions: boolean;
  /** Decisions on enrolments (accepted, waiting list, refused). */
  enrolmentDecisions: boolean;
}

export const DEFAULT_PREFERENCES: NotificationPreferences = { requestDecisions: true, enrolmentDecisions: true };

export interface ActiveSession {
  idHash: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  remember: boolean;
  ip: string | null;
  userAgent: string | null;
}
