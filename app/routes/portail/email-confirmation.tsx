/**
 * The link sent to a new e-mail address: the page asks to confirm (a POST uses the single-use token, so a mail
 * scanner opening the link changes nothing). The token must be the signed-in account's.
 */
import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/email-confirmation';
import { Notice } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import { actorOf, requireFamily } from '../../web/guards';

const tokenOf = (value: FormDataEntryValue | string | null) => (typeof value === 'string' ? value.slice(0, 200) : '');

export async function loader({ request, context }: Route.LoaderArgs) {
  const { session } = await requireFamily(request, context);
  const token = tokenOf(new URL(request.url).searchParams.get('token'));
  const email = await context.services.dossier.peekEmailChange({ token, userId: session.user.id });
  return { token: email ? token : null, email };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { session } = await requireFamily(request, context);
  const form = await request.formData();
  const commune = (await context.services.store.organisation.get())?.communeName ?? 'Tartine';
  const result = await context.services.dossier.confirmEmailChange({ token: tokenOf(form.get('token')), user: session.user, commune, actor: actorOf(session, context) });
  if (result.ok) return redirect('/portail/dossier/coordonnees?ok=email-confirme');
  const t = catalogFor(context.lang).dossier.emailConfirm;
  return { error: result.error === 'email_taken' ? t.taken : t.invalid };
}

export default function EmailConfirmation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const e = t.dossier.emailConfirm;
  const { token, email } = loaderData;
  const error = actionData?.error;
  return (
    <>
      <PageTitle title={e.title} hasErrors={Boolean(error)} />
      <h1>{e.title}</h1>
      {error ? (
        <div className="error-summary" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {token && email && !error ? (
        <Form method="post" className="card">
          <input type="hidden" name="token" value={token} />
          <p>{e.text(email)}</p>
          <button type="submit" className="button">
            {e.submit}
          </button>
        </Form>
      ) : !error ? (
        <Notice>{e.invalid}</Notice>
      ) : null}
      {!token || error ? (
        <p>
          <Link to="/portail/dossier/coordonnees">{e.again}</Link>
        </p>
      ) : null}
    </>
  );
}
