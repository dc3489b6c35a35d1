import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FamilyExport } from '../../../core/families/export';
import { isDiet, type FamilyFile } from '../../../core/families/model';
import type { FamilyFileRepository } from '../../../core/families/ports';
import type { Database } from '../schema';
import { toFamilyFields } from './family-fields';

/** The family file (Mon dossier): reads, the changes staff accept or families make, e-mail tokens, erasure, export. */
export function familyFileRepository(db: Kysely<Database>): FamilyFileRepository {

  async function parentAccounts(familyId: string) {
    return db
      .selectFrom('users')
      .leftJoin('notification_preferences as p', 'p.user_id', 'users.id')
      .select(['users.id', 'users.email', 'users.active', 'p.request_decisions', 'p.enrolment_decisions'])
      .where('users.family_id', '=', familyId)
      .where('users.role', '=', 'parent')
      .orderBy('users.created_at')
      .orderBy('users.id')
      .execute();
  }

  return {
    async file(familyId) {
      const family = await db.selectFrom('families').selectAll().where('id', '=', familyId).executeTakeFirst();
      if (!family) return null;
      const [guardians, children, persons] = await Promise.all([
        db.selectFrom('guardians').selectAll().where('family_id', '=', familyId).orderBy('id').execute(),
        db
          .selectFrom('children')
          .leftJoin('sites', 'sites.id', 'children.site_id')
          .select(['children.id', 'children.first_name', 'children.last_name', 'children.birth_date', 'sites.name as site_name', 'children.school_level', 'children.diet', 'children.allergies', 'children.has_pai'])
          .where('children.family_id', '=', familyId)
          .orderBy('children.birth_date')
          .orderBy('children.first_name')
          .orderBy('children.id')
          .execute(),
        db.selectFrom('authorised_persons').selectAll().where('family_id', '=', familyId).orderBy('position').execute(),
      ]);
      const file: FamilyFile = {
        ...toFamilyFields(family),
        documentBytes: Number(family.document_bytes),
        guardians: guardians.map((g) => ({ id: g.id, firstName: g.first_name, lastName: g.last_name, relationship: g.relationship, email: g.email, phone: g.phone })),
        children: children.map((c) => ({
          id: c.id,
          firstName: c.first_name,
          lastName: c.last_name,
          birthDate: c.birth_date,
          siteName: c.site_name,
          schoolLevel: c.school_level,
          diet: isDiet(c.diet) ? c.diet : 'standard',
          allergies: c.allergies,
          hasPai: Number(c.has_pai) === 1,
        })),
        authorisedPersons: persons.map((p) => ({ fullName: p.full_name, relationship: p.relationship, phone: p.phone })),
      };
      return file;
    },

    async updatePhones(familyId, phone, guardians, now) {
      await db.updateTable('families').set({ phone, updated_at: now.toISOString() }).where('id', '=', familyId).execute();
      for (const g of guardians) {
        await db.updateTable('guardians').set({ phone: g.phone }).where('id', '=', g.id).where('family_id', '=', familyId).execute();
      }
    },

    async updateAddress(familyId, address, resident, now) {
      await db
        .updateTable('families')
        .set({
          address_line: address.addressLine,
          postal_code: address.postalCode,
          city: address.city,
          ...(resident === null ? {} : { resident: resident ? 1 : 0 }),
          updated_at: now.toISOString(),
        })
        .where('id', '=', familyId)
        .execute();
    },

    async updateQf(familyId, qf, validUntil, now) {
      await db.updateTable('families').set({ qf, qf_valid_until: validUntil, updated_at: now.toISOString() }).where('id', '=', familyId).execute();
    },

    async updateChildHealth(familyId, childId, health) {
      const result = await db
        .updateTable('children')
        .set({ diet: health.diet, allergies: health.allergies, has_pai: health.hasPai ? 1 : 0 })
        .where('id', '=', childId)
        .where('family_id', '=', familyId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async replaceAuthorisedPersons(familyId, persons) {
      await db.deleteFrom('authorised_persons').where('family_id', '=', familyId).execute();
      if (persons.length === 0) return;
      await db
        .insertInto('authorised_persons')
        .values(persons.map((p, index) => ({ id: randomUUID(), family_id: familyId, position: index + 1, full_name: p.fullName, relationship: p.relationship, phone: p.phone })))
        .execute();
    },

    async emailTaken(email, exceptUserId) {
      const row = await db.selectFrom('users').select('id').where('email', '=', email.toLowerCase()).where('id', '!=', exceptUserId).executeTakeFirst();
      return row !== undefined;
    },

    async changeEmail({ familyId, userId, oldEmail, newEmail }, now) {
      await db.updateTable('users').set({ email: newEmail, updated_at: now.toISOString() }).where('id', '=', userId).execute();
      const family = await db.selectFrom('families').select('email').where('id', '=', familyId).executeTakeFirst();
      if (family && (family.email === null || family.email.toLowerCase() === (oldEmail ?? '').toLowerCase())) {
        await db.updateTable('families').set({ email: newEmail, updated_at: now.toISOString() }).where('id', '=', familyId).execute();
      }
      await db.updateTable('guardians').set({ email: newEmail }).where('family_id', '=', familyId).where('user_id', '=', userId).execute();
    },

    async createEmailToken(token) {
      await db
        .insertInto('email_change_tokens')
        .values({ token_hash: token.tokenHash, user_id: token.userId, new_email: token.newEmail, created_at: token.createdAt, expires_at: token.expiresAt, used_at: null })
        .execute();
    },

    async consumeEmailToken(tokenHash, userId, now) {
      const row = await db
        .updateTable('email_change_tokens')
        .set({ used_at: now.toISOString() })
        .where('token_hash', '=', tokenHash)
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now.toISOString())
        .returning('new_email')
        .executeTakeFirst();
      return row?.new_email ?? null;
    },

    async peekEmailToken(tokenHash, userId, now) {
      const row = await db
        .selectFrom('email_change_tokens')
        .select('new_email')
        .where('token_hash', '=', tokenHash)
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now.toISOString())
        .executeTakeFirst();
      return row?.new_email ?? null;
    },

    async recipients(familyId, topic) {
      const accounts = (await parentAccounts(familyId)).filter((a) => Number(a.active) === 1 && a.email);
      if (accounts.length > 0) {
        const wanted = accounts.filter((a) => {
          if (topic === 'security') return true;
          const value = topic === 'request' ? a.request_decisions : a.enrolment_decisions;
          return value === null || Number(value) === 1;
        });
        return [...new Set(wanted.map((a) => (a.email as string).toLowerCase()))];
      }
      const family = await db.selectFrom('families').select('email').where('id', '=', familyId).executeTakeFirst();
      if (family?.email) return [family.email];
      const guardians = await db.selectFrom('guardians').select('email').where('family_id', '=', familyId).where('email', 'is not', null).orderBy('id').execute();
      return [...new Set(guardians.map((g) => g.email as string))];
    },

    async futureBookings(familyId, from) {
      const row = await db
        .selectFrom('bookings')
        .innerJoin('children', 'children.id', 'bookings.child_id')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('children.family_id', '=', familyId)
        .where('bookings.status', '=', 'reserved')
        .where('bookings.day', '>=', from)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async anonymise(familyId, now) {
      const at = now.toISOString();
      const documents = await db.selectFrom('family_documents').select(['id', 'storage_key', 'media_type']).where('family_id', '=', familyId).where('deleted_at', 'is', null).execute();
      for (const d of documents) {
        const ext = d.media_type === 'application/pdf' ? 'pdf' : d.media_type === 'image/png' ? 'png' : 'jpg';
        await db.updateTable('family_documents').set({ deleted_at: at, file_name: `document-efface.${ext}` }).where('id', '=', d.id).execute();
      }
      await db
        .updateTable('families')
        .set({ name: 'Anonyme', address_line: '', postal_code: '', city: '', email: null, phone: null, qf: null, qf_valid_until: null, document_bytes: 0, updated_at: at })
        .where('id', '=', familyId)
        .execute();
      await db.updateTable('guardians').set({ first_name: 'Anonyme', last_name: '', email: null, phone: null }).where('family_id', '=', familyId).execute();
      const children = await db.selectFrom('children').select(['id', 'birth_date']).where('family_id', '=', familyId).orderBy('birth_date').orderBy('id').execute();
      for (const [index, child] of children.entries()) {
        await db
          .updateTable('children')
          .set({ first_name: `Enfant ${index + 1}`, last_name: '', birth_date: `${child.birth_date.slice(0, 4)}-01-01`, diet: 'standard', allergies: '', has_pai: 0 })
          .where('id', '=', child.id)
          .execute();
      }
      await db.deleteFrom('authorised_persons').where('family_id', '=', familyId).execute();
      const users = await db.selectFrom('users').select('id').where('family_id', '=', familyId).execute();
      const userIds = users.map((u) => u.id);
      if (userIds.length > 0) {
        await db.deleteFrom('sessions').where('user_id', 'in', userIds).execute();
        await db.deleteFrom('password_reset_tokens').where('user_id', 'in', userIds).execute();
        await db.deleteFrom('email_change_tokens').where('user_id', 'in', userIds).execute();
        await db.deleteFrom('notification_preferences').where('user_id', 'in', userIds).execute();
        for (const id of userIds) {
          await db
            .updateTable('users')
            .set({ username: `anonyme-${id.slice(0, 8)}-${id.slice(-4)}`, email: null, display_name: 'Compte fermé', password_hash: null, active: 0, updated_at: at })
            .where('id', '=', id)
            .execute();
        }
      }
      // Pending basket changes and confirmation reports carry first names: they go; bookings stay.
      const open = db.selectFrom('baskets').select('id').where('family_id', '=', familyId).where('status', '=', 'open');
      await db.deleteFrom('basket_lines').where('basket_id', 'in', open).execute();
      await db.updateTable('baskets').set({ status: 'expired', updated_at: at }).where('family_id', '=', familyId).where('status', '=', 'open').execute();
      await db.deleteFrom('confirmation_reports').where('family_id', '=', familyId).execute();
      return { storageKeys: documents.map((d) => d.storage_key) };
    },

    async exportData(familyId) {
      const family = await db.selectFrom('families').selectAll().where('id', '=', familyId).executeTakeFirst();
      if (!family) return null;
      const [guardians, children, persons, users, enrolments, bookings, requests, documents] = await Promise.all([
        db.selectFrom('guardians').selectAll().where('family_id', '=', familyId).orderBy('id').execute(),
        db
          .selectFrom('children')
          .leftJoin('sites', 'sites.id', 'children.site_id')
          .select(['children.id', 'children.first_name', 'children.last_name', 'children.birth_date', 'sites.name as site_name', 'children.school_level', 'children.diet', 'children.allergies', 'children.has_pai'])
          .where('children.family_id', '=', familyId)
          .orderBy('children.birth_date')
          .orderBy('children.id')
          .execute(),
        db.selectFrom('authorised_persons').selectAll().where('family_id', '=', familyId).orderBy('position').execute(),
        db
          .selectFrom('users')
          .leftJoin('notification_preferences as p', 'p.user_id', 'users.id')
          .select(['users.id', 'users.username', 'users.email', 'users.display_name', 'users.created_at', 'users.last_login_at', 'p.request_decisions', 'p.enrolment_decisions'])
          .where('users.family_id', '=', familyId)
          .orderBy('users.created_at')
          .execute(),
        db
          .selectFrom('enrolments')
          .innerJoin('children', 'children.id', 'enrolments.child_id')
          .innerJoin('activities', 'activities.id', 'enrolments.activity_id')
          .select(['children.first_name', 'activities.name', 'activities.school_year_id', 'enrolments.status', 'enrolments.requested_at', 'enrolments.decided_at', 'enrolments.decision_message'])
          .where('children.family_id', '=', familyId)
          .orderBy('enrolments.requested_at')
          .execute(),
        db
          .selectFrom('bookings')
          .innerJoin('children', 'children.id', 'bookings.child_id')
          .innerJoin('activities', 'activities.id', 'bookings.activity_id')
          .select(['children.first_name', 'activities.name', 'bookings.day', 'bookings.status', 'bookings.unit_price_cents'])
          .where('children.family_id', '=', familyId)
          .orderBy('bookings.day')
          .orderBy('children.first_name')
          .orderBy('activities.name')
          .execute(),
        db.selectFrom('requests').selectAll().where('family_id', '=', familyId).orderBy('created_at').execute(),
        db.selectFrom('family_documents').selectAll().where('family_id', '=', familyId).where('deleted_at', 'is', null).orderBy('created_at').execute(),
      ]);
      const userIds = users.map((u) => u.id);
      const events = userIds.length
        ? await db.selectFrom('audit_events').select(['at', 'action', 'ip']).where('actor_user_id', 'in', userIds).orderBy('at', 'desc').limit(1000).execute()
        : [];
      const data: FamilyExport = {
        family: {
          fileNumber: family.file_number,
          name: family.name,
          address: { addressLine: family.address_line, postalCode: family.postal_code, city: family.city },
          email: family.email,
          phone: family.phone,
          resident: Number(family.resident) === 1,
          qf: family.qf === null ? null : Number(family.qf),
          qfValidUntil: family.qf_valid_until,
          createdAt: family.created_at,
          updatedAt: family.updated_at,
        },
        guardians: guardians.map((g) => ({ firstName: g.first_name, lastName: g.last_name, relationship: g.relationship, email: g.email, phone: g.phone })),
        children: children.map((c) => ({
          firstName: c.first_name,
          lastName: c.last_name,
          birthDate: c.birth_date,
          school: c.site_name,
          schoolLevel: c.school_level,
          diet: c.diet,
          allergies: c.allergies,
          hasPai: Number(c.has_pai) === 1,
        })),
        authorisedPersons: persons.map((p) => ({ fullName: p.full_name, relationship: p.relationship, phone: p.phone })),
        accounts: users.map((u) => ({
          username: u.username,
          email: u.email,
          displayName: u.display_name,
          createdAt: u.created_at,
          lastLoginAt: u.last_login_at,
          notifications: {
            requestDecisions: u.request_decisions === null || Number(u.request_decisions) === 1,
            enrolmentDecisions: u.enrolment_decisions === null || Number(u.enrolment_decisions) === 1,
          },
        })),
        enrolments: enrolments.map((e) => ({
          child: e.first_name,
          activity: e.name,
          schoolYear: e.school_year_id,
          status: e.status,
          requestedAt: e.requested_at,
          decidedAt: e.decided_at,
          message: e.decision_message,
        })),
        bookings: bookings.map((b) => ({ child: b.first_name, activity: b.name, day: b.day, status: b.status, unitPriceCents: Number(b.unit_price_cents) })),
        requests: requests.map((r) => ({
          kind: r.kind,
          status: r.status,
          createdAt: r.created_at,
          decidedAt: r.decided_at,
          familyNote: r.family_note,
          message: r.message,
          change: safeJson(r.payload),
        })),
        documents: documents.map((d) => ({
          kind: d.kind,
          fileName: d.file_name,
          mediaType: d.media_type,
          sizeBytes: Number(d.size_bytes),
          status: d.status,
          validUntil: d.valid_until,
          reviewMessage: d.review_message,
          createdAt: d.created_at,
        })),
        events: events.map((e) => ({ at: e.at, action: e.action, ip: e.ip })),
      };
      return data;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
