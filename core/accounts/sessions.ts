import type { SessionRecord } from '../ports';

export const REMEMBER_ME_MS = 30 * 24 * 60 * 60 * 1000;
export const IDLE_TIMEOUT_MS = 60 * 60 * 1000;
/** Do not write the session row on every request: once a minute is precise enough for a 1 h idle timeout. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export function sessionExpiry(remember: boolean, createdAt: Date, lastSeenAt: Date): Date {
  return remember
    ? new Date(createdAt.getTime() + REMEMBER_ME_MS)
    : new Date(lastSeenAt.getTime() + IDLE_TIMEOUT_MS);
}

export function isSessionExpired(session: SessionRecord, now: Date): boolean {
  return new Date(session.expiresAt).getTime() <= now.getTime();
}

/** The new expiry if the session should be touched now, or null when the row can stay as it is. */
export function sessionTouch(session: SessionRecord, now: Date): { lastSeenAt: string; expiresAt: string } | null {
  if (now.getTime() - new Date(session.lastSeenAt).getTime() < TOUCH_INTERVAL_MS) return null;
  const expiresAt = sessionExpiry(session.remember, new Date(session.createdAt), now);
  return { lastSeenAt: now.toISOString(), expiresAt: expiresAt.toISOString() };
}
