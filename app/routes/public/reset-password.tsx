import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/reset-password';
import { isResetTokenUsable, resetPassword } from '../../../core/accounts/password-reset';
import { ErrorSummary } from '../../components/form';
import { PageShell } from '../../components/page-shell';
import { PageTitle } from '../../components/page-title';
import { PublicNav } from '../../components/public-nav';
import { catalogFor, useT } from '../../i18n';
import { NewPasswordFields } from '../../components/new-password-fields';

export async function loader({ request, context }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const usable = token.length > 0 && token.length < 200 && (await isResetTokenUsable(token, context.services));
  return data({ token: usable ? token : null }, { status: usable ? 200 : 400 });
}

export async function action({ request, context }: Route.ActionArgs) {
  const t = catalogFor(context.lang);
  const form = await request.formData();
  const token = String(form.get('token') ?? '').slice(0, 200);
  const password = String(form.get('password') ?? '');
  const confirm = String(form.get('confirm') ?? '');
  if (!password) return data({ errors: { password: t.common.required } as Record<string, string> }, { status: 400 });
  if (password !== confirm) return data({ errors: { confirm: t.reset.mismatch } as Record<string, string> }, { status: 400 });
  const result = await resetPassword({ token, password, ip: context.ip }, context.services);
  if (result.ok) return redirect('/connexion?info=mot-de-passe-modifie');
  if (result.error === 'invalid_token') return data({ errors: { form: t.reset.invalidToken } as Record<string, string> }, { status: 400 });
  return data({ errors: { password: t.password[result.error] } as Record<string, string> }, { status: 400 });
}

export default function ResetPassword() {
  const t = useT();
  const { token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  return (
    <PageShell nav={<PublicNav />}>
      <PageTitle title={t.reset.title} hasErrors={Boolean(errors) || !token} />
      <div className="narrow card">
        <h1>{t.reset.title}</h1>
        {token ? (
          <>
            <ErrorSummary errors={errors} labels={{ password: t.reset.password, confirm: t.reset.confirm }} />
            <Form method="post" noValidate>
              <input type="hidden" name="token" value={token} />
              <NewPasswordFields errors={errors} />
              <button type="submit" className="button">
                {t.reset.submit}
              </button>
            </Form>
          </>
        ) : (
          <ErrorSummary errors={{ form: t.reset.invalidToken }} labels={{}} />
        )}
        {!token || errors?.form ? (
          <p>
            <Link to="/mot-de-passe-oublie">{t.reset.newLink}</Link>
          </p>
        ) : null}
      </div>
    </PageShell>
  );
}
