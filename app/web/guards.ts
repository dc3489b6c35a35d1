import { redirect, type AppLoadContext } from 'react-router';
import type { CurrentSession } from '../../core/accounts/current-session';
import { can, type Permission } from '../../core/accounts/permissions';

/** Where a signed-in user lands: parents on their portal, staff in the back office. */
export function homeFor(session: CurrentSession): string {
  return session.user.role === 'parent' ? '/portail' : '/admin';
}

/** Sends anonymous visitors to the login page (then back), and answers 403 to a signed-in user without the right. */
export async function requirePermission(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
): Promise<CurrentSession> {
  const session = await context.session();
  if (!session) {
    const url = new URL(request.url);
    throw redirect(`/connexion?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (!can(session.user.role, permission)) throw new Response('Forbidden', { status: 403 });
  return session;
}

/** The family of a signed-in parent (every parent route is scoped by it). */
export async function requireFamily(request: Request, context: AppLoadContext): Promise<{ session: CurrentSession; familyId: string }> {
  const session = await requirePermission(request, context, 'portal.family');
  if (!session.user.familyId) throw new Response('Forbidden', { status: 403 });
  return { session, familyId: session.user.familyId };
}

/** Only same-site relative paths: an attacker cannot use the login form to redirect elsewhere. */
export function safeRedirectPath(value: FormDataEntryValue | string | null, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

export function actorOf(session: CurrentSession, context: AppLoadContext) {
  return { userId: session.user.id, label: session.user.username, ip: context.ip };
}
