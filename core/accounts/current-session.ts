import type { Clock, UserRecord } from '../ports';
import { isSessionExpired, sessionTouch } from './sessions';
import type { AccountStore } from './store';
import { hashToken } from './tokens';

export interface CurrentSession {
  user: UserRecord;
  idHash: string;
  remember: boolean;
  expiresAt: string;
}

/** Resolves a session cookie to its user, ending it server-side when expired or when the account is disabled. */
export async function resolveSession(
  token: string | null,
  deps: { store: AccountStore; clock: Clock },
): Promise<CurrentSession | null> {
  if (!token) return null;
  const idHash = hashToken(token);
  const session = await deps.store.sessions.find(idHash);
  if (!session) return null;
  const now = deps.clock.now();
  if (isSessionExpired(session, now)) {
    await deps.store.sessions.delete(idHash);
    return null;
  }
  const user = await deps.store.users.findById(session.userId);
  if (!user || !user.active) {
    await deps.store.sessions.delete(idHash);
    return null;
  }
  const touch = sessionTouch(session, now);
  if (touch) await deps.store.sessions.touch(idHash, touch.lastSeenAt, touch.expiresAt);
  return { user, idHash, remember: session.remember, expiresAt: touch?.expiresAt ?? session.expiresAt };
}

export async function logout(
  current: CurrentSession,
  ip: string,
  deps: { store: AccountStore; clock: Clock },
): Promise<void> {
  await deps.store.transaction(async (repos) => {
    await repos.sessions.delete(current.idHash);
    await repos.audit.record(
      { actorUserId: current.user.id, actorLabel: current.user.username, action: 'logout', ip },
      deps.clock.now(),
    );
  });
}
