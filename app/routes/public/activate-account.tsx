/**
 * A parent activates the account the town hall created: with the e-mailed link (?token=…) or with the username
 * and the code printed on the letter. The parent chooses the password here; the secret is single use.
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/activate-account';
import { ErrorSummary, TextField } from '../../components/form';
import { PageShell } from '../../components/page-shell';
import { PageTitle } from '../../components/page-title';
import { PublicNav } from '../../components/public-nav';
import { catalogFor, useT } from '../../i18n';
import { NewPasswordFields } from '../../components/new-password-fields';

export async function loader({ request, context }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get('token');
  if (token === null) return { mode: 'code' as const, token: null, username: null, invalidLink: false };
  const user = token.length > 0 && token.length < 200 ? await context.services.backOffice.activation.linkUser(token) : null;
  if (!user) return data({ mode: 'code' as const, token: null, username: null, invalidLink: true }, { status: 400 });
  return { mode: 'link' as const, token, username: user.username, invalidLink: false };
}

export async function action({ request, context }: Route.ActionArgs) {
  const t = catalogFor(context.lang);
  const a = t.backoffice.activation;
  const form = await request.formData();
  const token = String(form.get('token') ?? '').slice(0, 200);
  const identifier = String(form.get('identifier') ?? '').trim().slice(0, 320);
  const code = String(form.get('code') ?? '').slice(0, 60);
  const password = String(form.get('password') ?? '');
  const confirm = String(form.get('confirm') ?? '');
  const values = { identifier, code: '' };
  const fail = (errors: Record<string, string>, status = 400) => data({ errors, values }, { status });
  const errors: Record<string, string> = {};
  if (!token) {
    if (!identifier) errors.identifier = t.common.required;
    if (!code.trim()) errors.code = t.common.required;
  }
  if (!password) errors.password = t.common.required;
  else if (password !== confirm) errors.confirm = t.reset.mismatch;
  if (Object.keys(errors).length > 0) return fail(errors);
  // Letter codes are typed by hand: attempts are limited per address (links are 256-bit secrets).
  if (!token) {
    const budget = await context.services.backOffice.activation.limit.consume(context.ip);
    if (!budget.allowed) return fail({ form: a.tooMany }, 429);
  }
  const result = await context.services.backOffice.activation.activate({
    secret: token ? { kind: 'link', token } : { kind: 'code', identifier, code },
    password,
    ip: context.ip,
  });
  if (result.ok) return redirect('/connexion?info=compte-active');
  if (result.error === 'invalid_secret') return fail({ form: token ? a.invalidLink : a.invalidCode });
  return fail({ password: t.password[result.error] });
}

export default function ActivateAccount({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const a = t.backoffice.activation;
  const errors = actionData?.errors;
  const { mode, token, username, invalidLink } = loaderData;
  return (
    <PageShell nav={<PublicNav />}>
      <PageTitle title={a.title} hasErrors={Boolean(errors) || invalidLink} />
      <div className="narrow card">
        <h1>{a.title}</h1>
        <ErrorSummary
          errors={errors ?? (invalidLink ? { form: a.invalidLink } : undefined)}
          labels={{ identifier: a.identifier, code: a.code, password: t.reset.password, confirm: t.reset.confirm }}
        />
        <p>{mode === 'link' ? a.intro : a.codeIntro}</p>
        {username ? <p className="lead">{a.forAccount(username)}</p> : null}
        <Form method="post" noValidate>
          {token ? <input type="hidden" name="token" value={token} /> : null}
          {mode === 'code' ? (
            <>
              <TextField
                name="identifier"
                label={a.identifier}
                defaultValue={actionData?.values.identifier}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                error={errors?.identifier}
              />
              <TextField name="code" label={a.code} hint={a.codeHint} autoComplete="one-time-code" autoCapitalize="characters" spellCheck={false} required error={errors?.code} />
            </>
          ) : null}
          <NewPasswordFields errors={errors} />
          <button type="submit" className="button">
            {a.submit}
          </button>
        </Form>
        <p>
          <Link to="/mot-de-passe-oublie">{t.login.forgot}</Link>
        </p>
      </div>
    </PageShell>
  );
}
