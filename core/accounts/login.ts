import type { Clock, LoginThrottle, PasswordHasher, UserRecord } from '../ports';
import { sessionExpiry } from './sessions';
import type { AccountStore } from './store';
import { generateToken, hashToken } from './tokens';

export interface LoginOptions {
  identifier: string;
  password: string;
  remember: boolean;
  ip: string;
  userAgent: string | null;
}

export type LoginResult =
  | { ok: true; user: UserRecord; sessionToken: string; remember: boolean; expiresAt: Date }
  | { ok: false; error: 'invalid_credentials' }
  | { ok: false; error: 'too_many_attempts'; retryAfterSeconds: number };

export interface LoginDeps {
  store: AccountStore;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  clock: Clock;
}

/** A hash to verify against when the account does not exist, so timing does not reveal which accounts exist. */
let decoyHash: Promise<string> | null = null;

/** Failures count per account whatever identifier (username or e-mail) named it; unknown names count as typed. */
export function throttleKey(user: UserRecord | null, identifier: string): string {
  return user ? `user:${user.id}` : identifier;
}

export async function login(options: LoginOptions, deps: LoginDeps): Promise<LoginResult> {
  const identifier = options.identifier.trim().toLowerCase();
  const user = identifier ? await deps.store.users.findByIdentifier(identifier) : null;
  const account = throttleKey(user, identifier);
  const verdict = await deps.throttle.check(options.ip, account);
  if (!verdict.allowed) return { ok: false, error: 'too_many_attempts', retryAfterSeconds: verdict.retryAfterSeconds };

  const usable = user && user.active && user.passwordHash ? user : null;
  decoyHash ??= deps.hasher.hash(generateToken());
  const valid = await deps.hasher.verify(usable?.passwordHash ?? (await decoyHash), options.password);
  const now = deps.clock.now();

  if (!usable || !valid) {
    await deps.throttle.recordFailure(options.ip, account);
    await deps.store.audit.record(
      { actorUserId: user?.id ?? null, actorLabel: identifier.slice(0, 100), action: 'login.failed', ip: options.ip },
      now,
    );
    return { ok: false, error: 'invalid_credentials' };
  }
  await deps.throttle.clearAccount(account);
  const sessionToken = generateToken();
  const expiresAt = sessionExpiry(options.remember, now, now);
  await deps.store.transaction(async (repos) => {
    await repos.sessions.create({
      idHash: hashToken(sessionToken),
      userId: usable.id,
      remember: options.remember,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      ip: options.ip,
      userAgent: options.userAgent?.slice(0, 300) ?? null,
    });
    await repos.users.recordLogin(usable.id, now);
    await repos.audit.record({ actorUserId: usable.id, actorLabel: usable.username, action: 'login', ip: options.ip }, now);
  });
  return { ok: true, user: usable, sessionToken, remember: options.remember, expiresAt };
}
