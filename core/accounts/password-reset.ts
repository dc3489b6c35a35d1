import type { Clock, LoginThrottle, Mailer, PasswordHasher, UserRecord } from '../ports';
import { throttleKey } from './login';
import { checkPassword, type PasswordProblem } from './password-policy';
import type { AccountStore } from './store';
import { generateToken, hashToken } from './tokens';

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

export interface ResetMailContent {
  subject: string;
  text: (link: string, user: UserRecord) => string;
}

/**
 * Always answers the same way whatever the identifier (no account enumeration). Sends the link only to an
 * active account that has an e-mail address. The mail goes out after the token is committed.
 */
export async function requestPasswordReset(
  options: { identifier: string; ip: string; linkFor: (token: string) => string; mail: ResetMailContent },
  deps: { store: AccountStore; mailer: Mailer; clock: Clock },
): Promise<void> {
  const user = await deps.store.users.findByIdentifier(options.identifier.trim().toLowerCase());
  if (!user || !user.active || !user.email) return;
  const token = await issueResetToken(user, { actorUserId: user.id, actorLabel: user.username, ip: options.ip }, deps);
  await deps.mailer.send({ to: user.email, subject: options.mail.subject, text: options.mail.text(options.linkFor(token), user) });
}

/** Creates a single-use token for the user (also used by staff sending a reset link). Returns the clear token. */
export async function issueResetToken(
  user: UserRecord,
  actor: { actorUserId: string | null; actorLabel: string; ip: string },
  deps: { store: AccountStore; clock: Clock },
): Promise<string> {
  const token = generateToken();
  const now = deps.clock.now();
  await deps.store.transaction(async (repos) => {
    await repos.resetTokens.create({
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS).toISOString(),
    });
    await repos.audit.record({ ...actor, action: 'password.reset_requested', target: `user:${user.id}` }, now);
  });
  return token;
}

export async function isResetTokenUsable(token: string, deps: { store: AccountStore; clock: Clock }): Promise<boolean> {
  return deps.store.resetTokens.isUsable(hashToken(token), deps.clock.now());
}

export type ResetPasswordResult =
  | { ok: true; user: UserRecord }
  | { ok: false; error: 'invalid_token' }
  | { ok: false; error: PasswordProblem };

/** Sets the new password, uses the token and ends every session of the account, in one transaction. */
export async function resetPassword(
  options: { token: string; password: string; ip: string },
  deps: { store: AccountStore; hasher: PasswordHasher; throttle: LoginThrottle; clock: Clock },
): Promise<ResetPasswordResult> {
  const now = deps.clock.now();
  const tokenHash = hashToken(options.token);
  if (!(await deps.store.resetTokens.isUsable(tokenHash, now))) return { ok: false, error: 'invalid_token' };
  const hash = await deps.hasher.hash(options.password);
  const outcome = await deps.store.transaction(async (repos): Promise<ResetPasswordResult> => {
    const userId = await repos.resetTokens.consume(tokenHash, now);
    const user = userId ? await repos.users.findById(userId) : null;
    if (!user || !user.active) return { ok: false, error: 'invalid_token' };
    const problem = checkPassword(options.password, [user.username, user.email ?? '', user.displayName]);
    if (problem) throw new PasswordRejected(problem);
    await repos.users.setPasswordHash(user.id, hash, now);
    await repos.sessions.deleteForUser(user.id);
    await repos.audit.record(
      { actorUserId: user.id, actorLabel: user.username, action: 'password.reset', target: `user:${user.id}`, ip: options.ip },
      now,
    );
    return { ok: true, user };
  }).catch((error: unknown) => {
    if (error instanceof PasswordRejected) return { ok: false as const, error: error.problem };
    throw error;
  });
  if (outcome.ok) await deps.throttle.clearAccount(throttleKey(outcome.user, outcome.user.username));
  return outcome;
}

/** Rolls the transaction back (the token stays usable) when the password is refused. */
class PasswordRejected extends Error {
  constructor(readonly problem: PasswordProblem) {
    super(problem);
  }
}
