import type { Clock, PasswordHasher, UserRecord } from '../ports';
import { checkPassword, type PasswordProblem } from './password-policy';
import { isStaffRole, type Role, type StaffRole } from './roles';
import type { AccountStore } from './store';

export interface Actor {
  userId: string | null;
  label: string;
  ip: string | null;
}

export type CreateUserError = 'username_taken' | 'email_taken' | 'invalid_role' | PasswordProblem;

export interface CreateUserOptions {
  username: string;
  email: string | null;
  displayName: string;
  role: Role;
  familyId?: string | null;
  /** Null: the account gets a password through a reset link. */
  password: string | null;
  actor: Actor;
}

export async function createUser(
  options: CreateUserOptions,
  deps: { store: AccountStore; hasher: PasswordHasher; clock: Clock },
): Promise<{ ok: true; user: UserRecord } | { ok: false; error: CreateUserError }> {
  const username = options.username.trim().toLowerCase();
  const email = options.email?.trim().toLowerCase() || null;
  if (options.role === 'parent' && !options.familyId) return { ok: false, error: 'invalid_role' };
  if (options.password !== null) {
    const problem = checkPassword(options.password, [username, email ?? '', options.displayName]);
    if (problem) return { ok: false, error: problem };
  }
  const passwordHash = options.password === null ? null : await deps.hasher.hash(options.password);
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    if (await repos.users.findByIdentifier(username)) return { ok: false as const, error: 'username_taken' as const };
    if (email && (await repos.users.findByIdentifier(email))) return { ok: false as const, error: 'email_taken' as const };
    const user = await repos.users.create(
      { username, email, displayName: options.displayName.trim(), passwordHash, role: options.role, familyId: options.familyId ?? null },
      now,
    );
    await repos.audit.record(
      {
        actorUserId: options.actor.userId,
        actorLabel: options.actor.label,
        action: 'user.created',
        target: `user:${user.id}`,
        ip: options.actor.ip,
        details: { role: user.role, username: user.username },
      },
      now,
    );
    return { ok: true as const, user };
  });
}

export function isAssignableStaffRole(value: string): value is StaffRole {
  return isStaffRole(value);
}

/** Deactivating ends the account's sessions at once; an admin cannot lock themselves out. */
export async function setUserActive(
  options: { userId: string; active: boolean; actor: Actor },
  deps: { store: AccountStore; clock: Clock },
): Promise<{ ok: true } | { ok: false; error: 'not_found' | 'self' }> {
  if (options.userId === options.actor.userId && !options.active) return { ok: false, error: 'self' };
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const user = await repos.users.findById(options.userId);
    if (!user) return { ok: false as const, error: 'not_found' as const };
    await repos.users.setActive(user.id, options.active, now);
    if (!options.active) await repos.sessions.deleteForUser(user.id);
    await repos.audit.record(
      {
        actorUserId: options.actor.userId,
        actorLabel: options.actor.label,
        action: options.active ? 'user.activated' : 'user.deactivated',
        target: `user:${user.id}`,
        ip: options.actor.ip,
      },
      now,
    );
    return { ok: true as const };
  });
}

/** Staff roles only: a parent account belongs to a family and is never promoted. Role changes end the sessions. */
export async function changeUserRole(
  options: { userId: string; role: StaffRole; actor: Actor },
  deps: { store: AccountStore; clock: Clock },
): Promise<{ ok: true } | { ok: false; error: 'not_found' | 'self' | 'invalid_role' }> {
  if (options.userId === options.actor.userId) return { ok: false, error: 'self' };
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const user = await repos.users.findById(options.userId);
    if (!user) return { ok: false as const, error: 'not_found' as const };
    if (!isStaffRole(user.role)) return { ok: false as const, error: 'invalid_role' as const };
    await repos.users.setRole(user.id, options.role, now);
    await repos.sessions.deleteForUser(user.id);
    await repos.audit.record(
      {
        actorUserId: options.actor.userId,
        actorLabel: options.actor.label,
        action: 'user.role_changed',
        target: `user:${user.id}`,
        ip: options.actor.ip,
        details: { from: user.role, to: options.role },
      },
      now,
    );
    return { ok: true as const };
  });
}
