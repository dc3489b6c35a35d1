/**
 * « Mon compte »: change the password (the current one is required, wrong attempts count as failed sign-ins,
 * the other sessions end), the e-mail notification preferences, and the list of active sessions with « log out
 * the others ».
 */
import type { Actor } from '../accounts/manage-users';
import { throttleKey } from '../accounts/login';
import { checkPassword, type PasswordProblem } from '../accounts/password-policy';
import type { UserRecord } from '../ports';
import { passwordChangedMail } from '../requests/messages-fr';
import { sendAll } from '../requests/notify';
import { done, refused, type Outcome } from '../requests/outcome';
import type { NotificationPreferences } from './model';
import type { DossierDeps } from './ports';

export type PasswordChangeError = 'wrong_password' | 'mismatch' | 'too_many_attempts' | 'same_password' | PasswordProblem;

export async function changePassword(
  input: { user: UserRecord; currentIdHash: string; current: string; next: string; confirm: string; commune: string; actor: Actor & { ip: string } },
  deps: DossierDeps,
): Promise<Outcome<{ endedSessions: number }, PasswordChangeError>> {
  const account = throttleKey(input.user, input.user.username);
  const verdict = await deps.throttle.check(input.actor.ip, account);
  if (!verdict.allowed) return refused('too_many_attempts');
  const valid = input.user.passwordHash !== null && (await deps.hasher.verify(input.user.passwordHash, input.current));
  if (!valid) {
    await deps.throttle.recordFailure(input.actor.ip, account);
    await deps.store.audit.record(
      { actorUserId: input.user.id, actorLabel: input.user.username, action: 'password.change_failed', target: `user:${input.user.id}`, ip: input.actor.ip },
      deps.clock.now(),
    );
    return refused('wrong_password');
  }
  if (input.next !== input.confirm) return refused('mismatch');
  if (input.next === input.current) return refused('same_password');
  const problem = checkPassword(input.next, [input.user.username, input.user.email ?? '', input.user.displayName]);
  if (problem) return refused(problem);
  const hash = await deps.hasher.hash(input.next);
  const now = deps.clock.now();
  const endedSessions = await deps.store.transaction(async (repos) => {
    await repos.users.setPasswordHash(input.user.id, hash, now);
    const ended = await repos.sessions.deleteForUser(input.user.id, input.currentIdHash);
    await repos.audit.record(
      { actorUserId: input.user.id, actorLabel: input.user.username, action: 'password.changed', target: `user:${input.user.id}`, ip: input.actor.ip, details: { endedSessions: ended } },
      now,
    );
    return ended;
  });
  await deps.throttle.clearAccount(account);
  if (input.user.email) await sendAll([input.user.email], passwordChangedMail({ commune: input.commune, endedSessions }), deps, 'password changed mail');
  return done({ endedSessions });
}

export async function endOtherSessions(input: { user: UserRecord; currentIdHash: string; actor: Actor }, deps: DossierDeps): Promise<number> {
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const ended = await repos.sessions.deleteForUser(input.user.id, input.currentIdHash);
    await repos.audit.record(
      { actorUserId: input.actor.userId, actorLabel: input.actor.label, action: 'sessions.others_ended', target: `user:${input.user.id}`, ip: input.actor.ip, details: { ended } },
      now,
    );
    return ended;
  });
}

export async function savePreferences(
  input: { userId: string; preferences: NotificationPreferences; actor: Actor },
  deps: DossierDeps,
): Promise<void> {
  const now = deps.clock.now();
  await deps.store.transaction(async (repos) => {
    await repos.preferences.set(input.userId, input.preferences, now);
    await repos.audit.record(
      { actorUserId: input.actor.userId, actorLabel: input.actor.label, action: 'preferences.updated', target: `user:${input.userId}`, ip: input.actor.ip, details: { ...input.preferences } },
      now,
    );
  });
}
