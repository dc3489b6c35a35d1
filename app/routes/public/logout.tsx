import { redirect } from 'react-router';
import type { Route } from './+types/logout';
import { logout } from '../../../core/accounts/current-session';
import { clearSessionCookie } from '../../web/cookies';

export async function loader() {
  // Logging out changes state: only by POST (a link or an image cannot log a user out).
  return redirect('/');
}

export async function action({ context }: Route.ActionArgs) {
  const session = await context.session();
  if (session) await logout(session, context.ip, context.services);
  return redirect('/connexion?info=deconnecte', {
    headers: { 'Set-Cookie': clearSessionCookie(context.services.config.secureCookies) },
  });
}
