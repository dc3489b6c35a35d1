import { redirect } from 'react-router';
import type { Route } from './+types/language';
import { isLang } from '../../i18n';
import { LANG_COOKIE } from '../../web/cookies';
import { safeRedirectPath } from '../../web/guards';

export async function loader() {
  return redirect('/');
}

export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const lang = form.get('lang');
  const target = safeRedirectPath(form.get('redirectTo'), '/');
  if (!isLang(lang)) return redirect(target);
  return redirect(target, {
    headers: { 'Set-Cookie': `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}
