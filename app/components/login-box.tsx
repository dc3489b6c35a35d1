import { Form, Link } from 'react-router';
import { useT } from '../i18n';
import { CheckboxField, ErrorSummary, TextField } from './form';

/** The « Connectez-vous » box of the home page and the login page (posts to /connexion either way). */
export function LoginBox({
  error,
  identifier,
  redirectTo,
  headingLevel = 2,
}: {
  error?: string;
  identifier?: string;
  redirectTo?: string;
  headingLevel?: 1 | 2;
}) {
  const t = useT();
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <section aria-labelledby="connexion-titre" className="card login-box">
      <Heading id="connexion-titre">{t.login.title}</Heading>
      <ErrorSummary errors={error ? { form: error } : undefined} labels={{}} />
      <Form method="post" action="/connexion" noValidate>
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <TextField
          name="identifier"
          label={t.login.username}
          hint={t.login.usernameHint}
          autoComplete="username"
          required
          defaultValue={identifier}
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField name="password" label={t.login.password} type="password" autoComplete="current-password" required />
        <CheckboxField name="remember" label={t.login.remember} value="1" />
        <p>
          <Link to="/mot-de-passe-oublie">{t.login.forgot}</Link>
        </p>
        <button type="submit" className="button">
          {t.login.submit}
        </button>
      </Form>
    </section>
  );
}
