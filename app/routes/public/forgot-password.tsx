import { data, Form, useActionData } from 'react-router';
import type { Route } from './+types/forgot-password';
import { requestPasswordReset } from '../../../core/accounts/password-reset';
import { ErrorSummary, Notice, TextField } from '../../components/form';
import { PageShell } from '../../components/page-shell';
import { PageTitle } from '../../components/page-title';
import { PublicNav } from '../../components/public-nav';
import { catalogFor, useT } from '../../i18n';

export async function action({ request, context }: Route.ActionArgs) {
  const t = catalogFor(context.lang);
  const form = await request.formData();
  const identifier = String(form.get('identifier') ?? '').trim().slice(0, 320);
  if (!identifier) return data({ sent: false, errors: { identifier: t.common.required } }, { status: 400 });
  const { services } = context;
  if (!(await services.limits.resetRequests.consume(context.ip)).allowed) {
    return data({ sent: false, errors: { form: t.forgot.tooMany } }, { status: 429 });
  }
  const organisation = await services.store.organisation.get();
  const commune = organisation?.communeName ?? 'Tartine';
  await requestPasswordReset(
    {
      identifier,
      ip: context.ip,
      linkFor: (token) => `${services.config.publicUrl}/reinitialiser-mot-de-passe?token=${encodeURIComponent(token)}`,
      mail: { subject: t.forgot.mailSubject, text: (link, user) => t.forgot.mailText(user.displayName, link, commune) },
    },
    services,
  );
  return { sent: true, errors: undefined };
}

export default function ForgotPassword() {
  const t = useT();
  const result = useActionData<typeof action>();
  return (
    <PageShell nav={<PublicNav />}>
      <PageTitle title={t.forgot.title} hasErrors={Boolean(result?.errors)} />
      <div className="narrow card">
        <h1>{t.forgot.title}</h1>
        <ErrorSummary errors={result?.errors} labels={{ identifier: t.forgot.identifier }} />
        {result?.sent ? <Notice tone="success">{t.forgot.sent}</Notice> : null}
        <p>{t.forgot.intro}</p>
        <Form method="post" noValidate>
          <TextField
            name="identifier"
            label={t.forgot.identifier}
            autoComplete="username"
            required
            autoCapitalize="none"
            spellCheck={false}
            error={result?.errors && 'identifier' in result.errors ? result.errors.identifier : undefined}
          />
          <button type="submit" className="button">
            {t.forgot.submit}
          </button>
        </Form>
      </div>
    </PageShell>
  );
}
