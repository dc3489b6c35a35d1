/**
 * Families for staff (search, family file), the families' CSV import (look-ups and writes) and the parent
 * accounts' reads. Portable SQL: lower(), ||, LIKE … ESCAPE and coalesce exist on both dialects; counts are
 * converted to numbers here (PostgreSQL returns them as strings).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { nameKey } from '../../../core/backoffice/family-import/parse';
import type { ExistingFamily } from '../../../core/backoffice/family-import/plan';
import type { AccountFamily, FamilyAdminRepository, FamilyListRow, ParentAccountRepository } from '../../../core/backoffice/ports';
import type { Database } from '../schema';
import { toFamilyFields } from './family-fields';

export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `column LIKE 'prefix%'` with an explicit escape character (SQLite has no default one). */
export function startsWith(column: string, prefix: string) {
  return sql<SqlBool>`${sql.ref(column)} like ${`${escapeLike(prefix)}%`} escape '\\'`;
}

/** Runs `query` on chunks of `values` (IN lists stay far below both databases' parameter limits). */
export async function inChunks<V, R>(values: readonly V[], query: (chunk: V[]) => Promise<R[]>, size = 500): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < values.length; start += size) out.push(...(await query(values.slice(start, start + size))));
  return out;
}

/** Full families (guardians, children) for these ids, in the order of the ids. */
export async function loadFamilies(db: Kysely<Database>, ids: readonly string[]): Promise<ExistingFamily[]> {
  if (ids.length === 0) return [];
  const [families, guardians, children] = await Promise.all([
    inChunks(ids, (chunk) => db.selectFrom('families').selectAll().where('id', 'in', chunk).execute()),
    inChunks(ids, (chunk) => db.selectFrom('guardians').selectAll().where('family_id', 'in', chunk).orderBy('family_id').orderBy('id').execute()),
    inChunks(ids, (chunk) =>
      db.selectFrom('children').selectAll().where('family_id', 'in', chunk).orderBy('family_id').orderBy('birth_date').orderBy('first_name').orderBy('id').execute(),
    ),
  ]);
  const byId = new Map<string, ExistingFamily>();
  for (const f of families) {
    byId.set(f.id, {
      ...toFamilyFields(f),
      guardians: [],
      children: [],
    });
  }
  for (const g of guardians) {
    byId.get(g.family_id)?.guardians.push({ id: g.id, firstName: g.first_name, lastName: g.last_name, relationship: g.relationship, email: g.email, phone: g.phone });
  }
  for (const c of children) {
    byId.get(c.family_id)?.children.push({
      id: c.id,
      firstName: c.first_name,
      lastName: c.last_name,
      birthDate: c.birth_date,
      siteId: c.site_id,
      level: c.school_level,
      diet: c.diet,
      allergies: c.allergies,
      hasPai: Number(c.has_pai) === 1,
    });
  }
  return ids.map((id) => byId.get(id)).filter((f): f is ExistingFamily => f !== undefined);
}

export function familyAdminRepository(db: Kysely<Database>): FamilyAdminRepository {
  const matching = (words: readonly string[], siteId: string | null, withoutAccount: boolean) => {
    let query = db.selectFrom('families');
    for (const word of words) {
      const pattern = `%${escapeLike(word)}%`;
      query = query.where((eb) =>
        eb.or([
          sql<SqlBool>`lower(families.name || ' ' || families.file_number || ' ' || coalesce(families.email, '')) like ${pattern} escape '\\'`,
          eb.exists(
            eb
              .selectFrom('guardians as g')
              .select('g.id')
              .whereRef('g.family_id', '=', 'families.id')
              .where(sql<SqlBool>`lower(g.first_name || ' ' || g.last_name || ' ' || coalesce(g.email, '')) like ${pattern} escape '\\'`),
          ),
          eb.exists(
            eb
              .selectFrom('children as c')
              .leftJoin('sites as s', 's.id', 'c.site_id')
              .select('c.id')
              .whereRef('c.family_id', '=', 'families.id')
              .where(sql<SqlBool>`lower(c.first_name || ' ' || c.last_name || ' ' || coalesce(s.name, '')) like ${pattern} escape '\\'`),
          ),
        ]) as Expression<SqlBool>,
      );
    }
    if (withoutAccount) {
      query = query.where((eb) => eb.not(eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.family_id', '=', 'families.id').where('u.role', '=', 'parent'))));
    }
    if (siteId) {
      query = query.where((eb) => eb.exists(eb.selectFrom('children as cs').select('cs.id').whereRef('cs.family_id', '=', 'families.id').where('cs.site_id', '=', siteId)));
    }
    return query;
  };

  return {
    async search({ words, siteId, withoutAccount, limit, offset }) {
      const { n } = await matching(words, siteId, withoutAccount)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      const families = await matching(words, siteId, withoutAccount)
        .select(['families.id', 'families.file_number', 'families.name', 'families.email', 'families.city'])
        .orderBy('families.name')
        .orderBy('families.file_number')
        .limit(limit)
        .offset(offset)
        .execute();
      const ids = families.map((f) => f.id);
      if (ids.length === 0) return { total: Number(n), rows: [] };
      const [guardians, children, accounts] = await Promise.all([
        db.selectFrom('guardians').select(['family_id', 'first_name', 'last_name', 'email']).where('family_id', 'in', ids).orderBy('id').execute(),
        db
          .selectFrom('children')
          .leftJoin('sites', 'sites.id', 'children.site_id')
          .select(['children.family_id', 'children.first_name', 'children.last_name', 'sites.name as site_name'])
          .where('children.family_id', 'in', ids)
          .orderBy('children.birth_date')
          .orderBy('children.id')
          .execute(),
        db
          .selectFrom('users')
          .select(['family_id', 'active', 'password_hash'])
          .where('role', '=', 'parent')
          .where('family_id', 'in', ids)
          .execute(),
      ]);
      const rows: FamilyListRow[] = families.map((f) => {
        const own = accounts.filter((a) => a.family_id === f.id);
        return {
          id: f.id,
          fileNumber: f.file_number,
          name: f.name,
          email: f.email,
          city: f.city,
          guardians: guardians.filter((g) => g.family_id === f.id).map((g) => ({ firstName: g.first_name, lastName: g.last_name, email: g.email })),
          children: children.filter((c) => c.family_id === f.id).map((c) => ({ firstName: c.first_name, lastName: c.last_name, siteName: c.site_name })),
          accounts: {
            total: own.length,
            activated: own.filter((a) => a.password_hash !== null).length,
            inactive: own.filter((a) => Number(a.active) !== 1).length,
          },
        };
      });
      return { total: Number(n), rows };
    },

    async detail(familyId) {
      const family = await db.selectFrom('families').selectAll().where('id', '=', familyId).executeTakeFirst();
      if (!family) return null;
      const [guardians, children, persons, bookings, count] = await Promise.all([
        db
          .selectFrom('guardians')
          .leftJoin('users', 'users.id', 'guardians.user_id')
          .select([
            'guardians.id', 'guardians.first_name', 'guardians.last_name', 'guardians.relationship', 'guardians.email', 'guardians.phone',
            'users.id as user_id', 'users.username', 'users.email as user_email', 'users.active', 'users.password_hash', 'users.last_login_at',
          ])
          .where('guardians.family_id', '=', familyId)
          .orderBy('guardians.id')
          .execute(),
        db
          .selectFrom('children')
          .leftJoin('sites', 'sites.id', 'children.site_id')
          .select([
            'children.id', 'children.first_name', 'children.last_name', 'children.birth_date', 'children.site_id', 'sites.name as site_name',
            'children.school_level', 'children.diet', 'children.allergies', 'children.has_pai',
          ])
          .where('children.family_id', '=', familyId)
          .orderBy('children.birth_date')
          .orderBy('children.id')
          .execute(),
        db.selectFrom('authorised_persons').select(['full_name', 'relationship', 'phone']).where('family_id', '=', familyId).orderBy('position').execute(),
        db
          .selectFrom('bookings')
          .innerJoin('children', 'children.id', 'bookings.child_id')
          .innerJoin('activities', 'activities.id', 'bookings.activity_id')
          .select(['bookings.day', 'children.first_name', 'activities.name', 'bookings.status', 'bookings.unit_price_cents'])
          .where('children.family_id', '=', familyId)
          .orderBy('bookings.day', 'desc')
          .orderBy('children.first_name')
          .orderBy('activities.name')
          .limit(60)
          .execute(),
        db
          .selectFrom('bookings')
          .innerJoin('children', 'children.id', 'bookings.child_id')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('children.family_id', '=', familyId)
          .executeTakeFirstOrThrow(),
      ]);
      return {
        ...toFamilyFields(family),
        createdAt: family.created_at,
        updatedAt: family.updated_at,
        guardians: guardians.map((g) => ({
          id: g.id,
          firstName: g.first_name,
          lastName: g.last_name,
          relationship: g.relationship,
          email: g.email,
          phone: g.phone,
          account: g.user_id
            ? {
                userId: g.user_id,
                username: g.username ?? '',
                email: g.user_email ?? null,
                state: Number(g.active) !== 1 ? ('inactive' as const) : g.password_hash === null ? ('pending' as const) : ('active' as const),
                lastLoginAt: g.last_login_at ?? null,
              }
            : null,
        })),
        children: children.map((c) => ({
          id: c.id,
          firstName: c.first_name,
          lastName: c.last_name,
          birthDate: c.birth_date,
          siteId: c.site_id,
          siteName: c.site_name,
          level: c.school_level,
          diet: c.diet,
          allergies: c.allergies,
          hasPai: Number(c.has_pai) === 1,
        })),
        authorisedPersons: persons.map((p) => ({ fullName: p.full_name, relationship: p.relationship, phone: p.phone })),
        bookings: bookings.map((b) => ({ day: b.day, childFirstName: b.first_name, activityName: b.name, status: b.status, unitPriceCents: Number(b.unit_price_cents) })),
        bookingCount: Number(count.n),
      };
    },

    async sites() {
      const rows = await db.selectFrom('sites').select(['id', 'name']).execute();
      return rows.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id));
    },

    async communeName() {
      return (await db.selectFrom('organisation').select('commune_name').executeTakeFirst())?.commune_name ?? '';
    },

    async findForImport({ fileNumbers, emails, childKeys }) {
      const ids = new Set<string>();
      const add = (rows: { id: string }[]) => rows.forEach((r) => ids.add(r.id));
      add(await inChunks(fileNumbers, (chunk) => db.selectFrom('families').select('id').where(sql<string>`upper(file_number)`, 'in', chunk).execute()));
      add(await inChunks(emails, (chunk) => db.selectFrom('families').select('id').where(sql<string>`lower(email)`, 'in', chunk).execute()));
      add(
        await inChunks(emails, (chunk) =>
          db.selectFrom('guardians').select('family_id as id').where(sql<string>`lower(email)`, 'in', chunk).execute(),
        ),
      );
      // Children by birth date, then by first name compared the import's way (accents and case aside).
      const wanted = new Set(childKeys.map((k) => `${nameKey(k.firstName)}|${k.birthDate}`));
      const dates = [...new Set(childKeys.map((k) => k.birthDate))];
      const children = await inChunks(dates, (chunk) => db.selectFrom('children').select(['family_id', 'first_name', 'birth_date']).where('birth_date', 'in', chunk).execute());
      for (const child of children) if (wanted.has(`${nameKey(child.first_name)}|${child.birth_date}`)) ids.add(child.family_id);
      return loadFamilies(db, [...ids]);
    },

    async fileNumbersWithPrefix(prefix) {
      const rows = await db.selectFrom('families').select('file_number').where(startsWith('file_number', prefix)).execute();
      return rows.map((r) => r.file_number);
    },

    async createFamily(family, now) {
      const id = randomUUID();
      await db
        .insertInto('families')
        .values({
          id,
          file_number: family.fileNumber,
          name: family.name,
          address_line: family.addressLine,
          postal_code: family.postalCode,
          city: family.city,
          email: family.email,
          phone: family.phone,
          resident: family.resident ? 1 : 0,
          qf: family.qf,
          qf_valid_until: family.qfValidUntil,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .execute();
      return id;
    },

    async addGuardian(familyId, guardian) {
      await db
        .insertInto('guardians')
        .values({
          id: randomUUID(),
          family_id: familyId,
          first_name: guardian.firstName,
          last_name: guardian.lastName,
          relationship: guardian.relationship,
          email: guardian.email,
          phone: guardian.phone,
          user_id: null,
        })
        .execute();
    },

    async addChild(familyId, child) {
      await db
        .insertInto('children')
        .values({
          id: randomUUID(),
          family_id: familyId,
          first_name: child.firstName,
          last_name: child.lastName,
          birth_date: child.birthDate,
          site_id: child.siteId,
          school_level: child.level,
          diet: child.diet ?? 'standard',
          allergies: child.allergies ?? '',
          has_pai: child.pai ? 1 : 0,
        })
        .execute();
    },

    async applyUpdate(familyId, operations, now) {
      const f = operations.family;
      const set: Record<string, string | number | null> = {};
      if (f.name !== undefined) set.name = f.name;
      if (f.addressLine !== undefined) set.address_line = f.addressLine;
      if (f.postalCode !== undefined) set.postal_code = f.postalCode;
      if (f.city !== undefined) set.city = f.city;
      if (f.email !== undefined) set.email = f.email;
      if (f.phone !== undefined) set.phone = f.phone;
      if (f.resident !== undefined) set.resident = f.resident ? 1 : 0;
      if (f.qf !== undefined) set.qf = f.qf;
      if (f.qfValidUntil !== undefined) set.qf_valid_until = f.qfValidUntil;
      await db
        .updateTable('families')
        .set({ ...set, updated_at: now.toISOString() })
        .where('id', '=', familyId)
        .execute();
      for (const { id, patch } of operations.patchGuardians) {
        await db
          .updateTable('guardians')
          .set({
            ...(patch.relationship !== undefined ? { relationship: patch.relationship } : {}),
            ...(patch.email !== undefined ? { email: patch.email } : {}),
            ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
          })
          .where('id', '=', id)
          .where('family_id', '=', familyId)
          .execute();
      }
      for (const { id, patch } of operations.patchChildren) {
        await db
          .updateTable('children')
          .set({
            ...(patch.lastName !== undefined ? { last_name: patch.lastName } : {}),
            ...(patch.siteId !== undefined ? { site_id: patch.siteId } : {}),
            ...(patch.level !== undefined ? { school_level: patch.level } : {}),
            ...(patch.diet !== undefined ? { diet: patch.diet } : {}),
            ...(patch.allergies !== undefined ? { allergies: patch.allergies } : {}),
            ...(patch.hasPai !== undefined ? { has_pai: patch.hasPai ? 1 : 0 } : {}),
          })
          .where('id', '=', id)
          .where('family_id', '=', familyId)
          .execute();
      }
      for (const guardian of operations.addGuardians) await this.addGuardian(familyId, guardian);
      for (const child of operations.addChildren) await this.addChild(familyId, child);
    },
  };
}

export function parentAccountRepository(db: Kysely<Database>): ParentAccountRepository {
  return {
    async families(familyIds) {
      if (familyIds.length === 0) return [];
      const [families, guardians] = await Promise.all([
        inChunks(familyIds, (chunk) =>
          db.selectFrom('families').select(['id', 'file_number', 'name', 'address_line', 'postal_code', 'city']).where('id', 'in', chunk).execute(),
        ),
        inChunks(familyIds, (chunk) =>
          db
            .selectFrom('guardians')
            .leftJoin('users', 'users.id', 'guardians.user_id')
            .select([
              'guardians.id', 'guardians.family_id', 'guardians.first_name', 'guardians.last_name', 'guardians.email',
              'users.id as user_id', 'users.username', 'users.email as user_email', 'users.active', 'users.password_hash',
            ])
            .where('guardians.family_id', 'in', chunk)
            .orderBy('guardians.id')
            .execute(),
        ),
      ]);
      const out: AccountFamily[] = families
        .sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.file_number.localeCompare(b.file_number))
        .map((f) => ({
          familyId: f.id,
          fileNumber: f.file_number,
          familyName: f.name,
          addressLine: f.address_line,
          postalCode: f.postal_code,
          city: f.city,
          guardians: guardians
            .filter((g) => g.family_id === f.id)
            .map((g) => ({
              id: g.id,
              firstName: g.first_name,
              lastName: g.last_name,
              email: g.email,
              user: g.user_id
                ? { id: g.user_id, username: g.username ?? '', email: g.user_email ?? null, active: Number(g.active) === 1, passwordSet: g.password_hash !== null }
                : null,
            })),
        }));
      return out;
    },

    async familiesAwaitingLetter(limit) {
      const rows = await db
        .selectFrom('users')
        .innerJoin('families', 'families.id', 'users.family_id')
        .select(['families.id', 'families.file_number', 'families.name', 'users.username'])
        .where('users.role', '=', 'parent')
        .where('users.email', 'is', null)
        .where('users.password_hash', 'is', null)
        .where('users.active', '=', 1)
        .orderBy('families.name')
        .orderBy('families.file_number')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ familyId: r.id, fileNumber: r.file_number, familyName: r.name, username: r.username }));
    },

    async usernamesLike(prefix) {
      const rows = await db.selectFrom('users').select('username').where(startsWith('username', prefix)).execute();
      return rows.map((r) => r.username);
    },

    async linkGuardian(guardianId, userId) {
      const result = await db.updateTable('guardians').set({ user_id: userId }).where('id', '=', guardianId).where('user_id', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
