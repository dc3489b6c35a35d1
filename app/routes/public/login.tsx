import { data, redirect, useActionData, useLoaderData, useSearchParams } from 'react-router';
import type { Route } from './+types/login';
import { login } from '../../../core/accounts/login';
import { Notice } from '../../components/form';
import { LoginBox } from '../../components/login-box';
import { PageShell } from '../../components/page-shell';
import { PageTitle } from '../../components/page-title';
import { PublicNav } from '../../components/public-nav';
import { catalogFor, useT } from '../../i18n';
import { serializeSessionCookie } from '../../web/cookies';
import { homeFor, safeRedirectPath } from '../../web/guards';

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await context.session();
  if (session) throw redirect(homeFor(session));
  const notice = new URL(request.url).searchParams.get('info');
  return { notice: notice === 'deconnecte' || notice === 'mot-de-passe-modifie' || notice === 'compte-active' ? notice : null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const t = catalogFor(context.lang);
  const form = await request.formData();
  const identifier = String(form.get('identifier') ?? '').slice(0, 320);
  const password = String(form.get('password') ?? '').slice(0, 1024);
  if (!identifier.trim() || !password) {
    return data({ error: t.login.invalid, identifier }, { status: 400 });
  }
  const { services } = context;
  const result = await login(
    { identifier, password, remember: form.get('remember') === '1', ip: context.ip, userAgent: request.headers.get('user-agent') },
    services,
  );
  if (!result.ok) {
    const message = result.error === 'too_many_attempts' ? t.login.tooMany(Math.ceil(result.retryAfterSeconds / 60)) : t.login.invalid;
    return data({ error: message, identifier }, { status: result.error === 'too_many_attempts' ? 429 : 400 });
  }
  // A session id a visitor already had is dropped: the new one is issued only now (no session fixation).
  const previous = await context.session();
  if (previous) await services.store.sessions.delete(previous.idHash);
  const fallback = result.user.role === 'parent' ? '/portail' : '/admin';
  return redirect(safeRedirectPath(form.get('redirectTo'), fallback), {
    headers: { 'Set-Cookie': serializeSessionCookie(result.sessionToken, { secure: services.config.secureCookies, remember: result.remember }) },
  });
}

export default function Login() {
  const t = useT();
  const { notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <PageShell nav={<PublicNav />}>
      <PageTitle title={t.login.title} hasErrors={Boolean(actionData?.error)} />
      <div className="narrow">
        {notice === 'deconnecte' ? <Notice tone="success">{t.login.signedOut}</Notice> : null}
        {notice === 'mot-de-passe-modifie' ? <Notice tone="success">{t.login.passwordChanged}</Notice> : null}
        {notice === 'compte-active' ? <Notice tone="success">{t.backoffice.activation.done}</Notice> : null}
        <LoginBox headingLevel={1} error={actionData?.error} identifier={actionData?.identifier} redirectTo={params.get('redirectTo') ?? undefined} />
      </div>
    </PageShell>
  );
}
