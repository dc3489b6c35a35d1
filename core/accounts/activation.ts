/**
 * Account activation: the parent chooses their password, never the town hall. Two single-use secrets, stored hashed
 * in the password-reset tokens table with their own purpose:
 * - 'activation': a link e-mailed to the parent (256 random bits, valid 30 days);
 * - 'activation_code': a short code printed on a letter for families without e-mail (12 characters of Crockford's
 *   base 32 = 60 random bits, valid 90 days), typed with the username on the activation page.
 * Issuing a new secret revokes the account's unused ones of that purpose (a resent letter cancels the previous one).
 */
import { randomBytes } from 'node:crypto';
import type { Clock, LoginThrottle, PasswordHasher, UserRecord } from '../ports';
import { throttleKey } from './login';
import { checkPassword, type PasswordProblem } from './password-policy';
import type { AccountRepositories, AccountStore } from './store';
import { generateToken, hashToken } from './tokens';

export type ActivationPurpose = 'activation' | 'activation_code';

export const ACTIVATION_LINK_TTL_MS = 30 * 24 * 3_600_000;
export const ACTIVATION_CODE_TTL_MS = 90 * 24 * 3_600_000;

export interface ActivationTokenRepository {
  create(token: { tokenHash: string; userId: string; purpose: ActivationPurpose; createdAt: string; expiresAt: string }): Promise<void>;
  /** Marks the user's unused tokens of those purposes as used (revoked). */
  revoke(userId: string, purposes: readonly ActivationPurpose[], now: Date): Promise<void>;
  /** The token's user when it is unused, unexpired and of one of those purposes (and of that user, when given). */
  findUsable(tokenHash: string, purposes: readonly ActivationPurpose[], now: Date, userId?: string): Promise<string | null>;
  /** Uses the token (conditional update: single use under concurrency); returns its user, or null. */
  consume(tokenHash: string, purposes: readonly ActivationPurpose[], now: Date, userId?: string): Promise<string | null>;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 'K7QM-2XJ9-HT4P': easy to read aloud and to type (no I, L, O, U). */
export function generateActivationCode(): string {
  const bytes = randomBytes(12);
  let code = '';
  for (const byte of bytes) code += CROCKFORD[byte & 31];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}`;
}

/** What the parent typed, as stored: upper case, no spaces or dashes, O read as 0 and I / L as 1. */
export function normaliseActivationCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .slice(0, 40);
}

export type ActivationRepositories = AccountRepositories & { activation: ActivationTokenRepository };

export interface ActivationDeps {
  store: ActivationRepositories & { transaction<T>(work: (repos: ActivationRepositories) => Promise<T>): Promise<T> };
  clock: Clock;
}

/** Creates a link token or a letter code for the account (revoking its earlier unused ones); returns the secret. */
export async function issueActivation(
  user: Pick<UserRecord, 'id' | 'username'>,
  purpose: ActivationPurpose,
  actor: { userId: string | null; label: string; ip: string | null },
  repos: { activation: ActivationTokenRepository; audit: AccountStore['audit'] },
  now: Date,
): Promise<string> {
  const secret = purpose === 'activation' ? generateToken() : generateActivationCode();
  const stored = purpose === 'activation' ? secret : normaliseActivationCode(secret);
  await repos.activation.revoke(user.id, [purpose], now);
  await repos.activation.create({
    tokenHash: hashToken(stored),
    userId: user.id,
    purpose,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (purpose === 'activation' ? ACTIVATION_LINK_TTL_MS : ACTIVATION_CODE_TTL_MS)).toISOString(),
  });
  await repos.audit.record(
    { actorUserId: actor.userId, actorLabel: actor.label, action: purpose === 'activation' ? 'account.activation_link' : 'account.activation_letter', target: `user:${user.id}`, ip: actor.ip },
    now,
  );
  return secret;
}

export type ActivationSecret = { kind: 'link'; token: string } | { kind: 'code'; identifier: string; code: string };

type SecretRepos = { activation: ActivationTokenRepository; users: AccountStore['users'] };

async function userForSecret(secret: ActivationSecret, repos: SecretRepos, now: Date, consume: boolean) {
  const repo = repos.activation;
  if (secret.kind === 'link') {
    if (!secret.token || secret.token.length > 200) return null;
    const hash = hashToken(secret.token);
    return consume ? repo.consume(hash, ['activation'], now) : repo.findUsable(hash, ['activation'], now);
  }
  const user = await repos.users.findByIdentifier(secret.identifier);
  const code = normaliseActivationCode(secret.code);
  if (!user || code.length !== 12) return null;
  const hash = hashToken(code);
  return consume ? repo.consume(hash, ['activation_code'], now, user.id) : repo.findUsable(hash, ['activation_code'], now, user.id);
}

/** Whether the link can still activate an account (to show the form or say the link is no longer valid). */
export async function isActivationLinkUsable(token: string, deps: ActivationDeps): Promise<UserRecord | null> {
  const userId = await userForSecret({ kind: 'link', token }, deps.store, deps.clock.now(), false);
  const user = userId ? await deps.store.users.findById(userId) : null;
  return user && user.active ? user : null;
}

export type ActivateResult = { ok: true; user: UserRecord } | { ok: false; error: 'invalid_secret' | PasswordProblem };

/** Sets the chosen password and uses the secret, in one transaction; a refused password keeps the secret usable. */
export async function activateAccount(
  options: { secret: ActivationSecret; password: string; ip: string },
  deps: ActivationDeps & { hasher: PasswordHasher; throttle: LoginThrottle },
): Promise<ActivateResult> {
  const now = deps.clock.now();
  const candidate = await userForSecret(options.secret, deps.store, now, false);
  const user = candidate ? await deps.store.users.findById(candidate) : null;
  if (!user || !user.active) return { ok: false, error: 'invalid_secret' };
  const problem = checkPassword(options.password, [user.username, user.email ?? '', user.displayName]);
  if (problem) return { ok: false, error: problem };
  const hash = await deps.hasher.hash(options.password);
  const done = await deps.store.transaction(async (repos) => {
    const used = await userForSecret(options.secret, repos, now, true);
    if (used !== user.id) return false;
    await repos.users.setPasswordHash(user.id, hash, now);
    await repos.sessions.deleteForUser(user.id);
    // The other secrets of the account (a letter printed as well as the e-mail) are no longer needed.
    await repos.activation.revoke(user.id, ['activation', 'activation_code'], now);
    await repos.audit.record({ actorUserId: user.id, actorLabel: user.username, action: 'account.activated', target: `user:${user.id}`, ip: options.ip }, now);
    return true;
  });
  if (!done) return { ok: false, error: 'invalid_secret' };
  await deps.throttle.clearAccount(throttleKey(user, user.username));
  return { ok: true, user };
}
