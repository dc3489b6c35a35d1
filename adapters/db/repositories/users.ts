import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { isRole } from '../../../core/accounts/roles';
import type { UserRecord, UserRepository } from '../../../core/ports';
import type { Database, UserTable } from '../schema';

function toUser(row: Selectable<UserTable>): UserRecord {
  if (!isRole(row.role)) throw new Error(`Unknown role in database: ${row.role}`);
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    role: row.role,
    familyId: row.family_id,
    active: row.active === 1,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

export function userRepository(db: Kysely<Database>): UserRepository {
  return {
    async findById(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async findByIdentifier(identifier) {
      const value = identifier.trim().toLowerCase();
      if (!value) return null;
      // Usernames and e-mails are stored lower-cased, so a plain equality uses the unique indexes.
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where((eb) => eb.or([eb('username', '=', value), eb('email', '=', value)]))
        .orderBy('username')
        .executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async list() {
      const rows = await db.selectFrom('users').selectAll().orderBy('role').orderBy('username').execute();
      return rows.map(toUser);
    },
    async create(user, now) {
      const row = {
        id: randomUUID(),
        username: user.username.toLowerCase(),
        email: user.email?.toLowerCase() ?? null,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        role: user.role,
        family_id: user.familyId,
        active: 1,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        last_login_at: null,
      };
      await db.insertInto('users').values(row).execute();
      return toUser(row);
    },
    async setPasswordHash(userId, hash, now) {
      await db.updateTable('users').set({ password_hash: hash, updated_at: now.toISOString() }).where('id', '=', userId).execute();
    },
    async setActive(userId, active, now) {
      await db.updateTable('users').set({ active: active ? 1 : 0, updated_at: now.toISOString() }).where('id', '=', userId).execute();
    },
    async setRole(userId, role, now) {
      await db.updateTable('users').set({ role, updated_at: now.toISOString() }).where('id', '=', userId).execute();
    },
    async recordLogin(userId, now) {
      await db.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', userId).execute();
    },
    async count() {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
