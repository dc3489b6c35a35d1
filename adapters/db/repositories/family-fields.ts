import type { Selectable } from 'kysely';
import type { FamilyFields } from '../../../core/families/model';
import type { FamilyTable } from '../schema';

/** A families row as the domain reads it (PostgreSQL may return integers as strings; booleans are 0/1). */
export function toFamilyFields(
  row: Pick<
    Selectable<FamilyTable>,
    'id' | 'file_number' | 'name' | 'address_line' | 'postal_code' | 'city' | 'email' | 'phone' | 'resident' | 'qf' | 'qf_valid_until'
  >,
): FamilyFields {
  return {
    id: row.id,
    fileNumber: row.file_number,
    name: row.name,
    addressLine: row.address_line,
    postalCode: row.postal_code,
    city: row.city,
    email: row.email,
    phone: row.phone,
    resident: Number(row.resident) === 1,
    qf: row.qf === null ? null : Number(row.qf),
    qfValidUntil: row.qf_valid_until,
  };
}
