/**
 * RGPD: everything the portal stores about a family, as one document the family downloads (JSON, and a readable
 * HTML page built from the same data). Never a password hash, a session or a token; uploaded files are listed
 * (each is downloadable from « Mes documents »), not embedded.
 */
import type { AuditRecord } from '../ports';

export interface FamilyExport {
  family: {
    fileNumber: string;
    name: string;
    address: { addressLine: string; postalCode: string; city: string };
    email: string | null;
    phone: string | null;
    resident: boolean;
    qf: number | null;
    qfValidUntil: string | null;
    createdAt: string;
    updatedAt: string;
  };
  guardians: { firstName: string; lastName: string; relationship: string; email: string | null; phone: string | null }[];
  children: { firstName: string; lastName: string; birthDate: string; school: string | null; schoolLevel: string; diet: string; allergies: string; hasPai: boolean }[];
  authorisedPersons: { fullName: string; relationship: string; phone: string }[];
  accounts: { username: string; email: string | null; displayName: string; createdAt: string; lastLoginAt: string | null; notifications: { requestDecisions: boolean; enrolmentDecisions: boolean } }[];
  enrolments: { child: string; activity: string; schoolYear: string; status: string; requestedAt: string; decidedAt: string | null; message: string | null }[];
  bookings: { child: string; activity: string; day: string; status: string; unitPriceCents: number }[];
  requests: { kind: string; status: string; createdAt: string; decidedAt: string | null; familyNote: string; message: string | null; change: unknown }[];
  documents: { kind: string; fileName: string; mediaType: string; sizeBytes: number; status: string; validUntil: string | null; reviewMessage: string | null; createdAt: string }[];
  /** Account events (sign-ins, changes) of the family's accounts. */
  events?: Pick<AuditRecord, 'at' | 'action' | 'ip'>[];
}

export interface FamilyExportDocument {
  generatedAt: string;
  commune: string;
  data: FamilyExport;
  /** What the family may do with it, in French (shown in the HTML page). */
  notice: string;
}

export function buildExport(data: FamilyExport, commune: string, now: Date): FamilyExportDocument {
  return {
    generatedAt: now.toISOString(),
    commune,
    data,
    notice:
      `Données enregistrées par le portail famille de ${commune} pour votre famille. Vous pouvez demander leur ` +
      'rectification (Mon dossier) ou leur effacement (Mes données). Les réservations, factures et paiements sont ' +
      'conservés pendant la durée imposée par les règles de la comptabilité publique.',
  };
}
