/** « Mon compte »: change the password, e-mail preferences, the active sessions and « Déconnecter les autres sessions ». */
import { data, Form, redirect } from 'react-router';
import type { Route } from './+types/compte';
import { PASSWORD_MAX_LENGTH } from '../../../core/accounts/password-policy';
import { DataTable } from '../../components/data-table';
import { DossierNav, noticeFrom } from '../../components/dossier/parts';
import { CheckboxField, ErrorSummary, Notice, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import { fr } from '../../i18n/fr';
import dossierStyles from '../../styles/dossier.css?url';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requireFamily } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: dossierStyles }];

/** « Firefox sur Linux » from a user agent, without a library: enough for a parent to recognise a device. */
function deviceOf(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : null;
  const system = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : null;
  return [browser, system].filter(Boolean).join(' – ') || null;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { session } = await requireFamily(request, context);
  const { store, clock } = context.services;
  const [preferences, sessions] = await Promise.all([store.preferences.get(session.user.id), store.preferences.sessions(session.user.id, clock.now())]);
  return {
    preferences,
    sessions: sessions.map((s) => ({
      current: s.idHash === session.idHash,
      // A row key that does not reveal the session id's hash.
      key: `${s.createdAt}-${s.lastSeenAt}-${s.ip ?? ''}`,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      ip: s.ip,
      device: deviceOf(s.userAgent),
    })),
    notice: noticeFrom(request, fr.dossier.notices),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { session } = await requireFamily(request, context);
  const t = catalogFor(context.lang);
  const { services } = context;
  const actor = actorOf(session, context);
  const form = await request.formData();
  const intent = form.get('intent');

  if (intent === 'password') {
    const text = (name: string) => String(form.get(name) ?? '').slice(0, PASSWORD_MAX_LENGTH + 1);
    const commune = (await services.store.organisation.get())?.communeName ?? 'Tartine';
    const result = await services.dossier.changePassword({
      user: session.user,
      currentIdHash: session.idHash,
      current: text('current'),
      next: text('next'),
      confirm: text('confirm'),
      commune,
      actor: { ...actor, ip: context.ip },
    });
    if (result.ok) return redirect('/portail/dossier/compte?ok=mot-de-passe');
    const field = result.error === 'wrong_password' || result.error === 'too_many_attempts' ? 'current' : result.error === 'mismatch' ? 'confirm' : 'next';
    const message = t.dossier.account.errors[result.error] ?? t.password[result.error as keyof typeof t.password] ?? t.errors.badRequestText;
    return data({ errors: { [field]: message } as Record<string, string> }, { status: result.error === 'too_many_attempts' ? 429 : 400 });
  }
  if (intent === 'preferences') {
    await services.dossier.savePreferences({
      userId: session.user.id,
      preferences: { requestDecisions: form.get('requestDecisions') === '1', enrolmentDecisions: form.get('enrolmentDecisions') === '1' },
      actor,
    });
    return redirect('/portail/dossier/compte?ok=preferences');
  }
  if (intent === 'end-others') {
    await services.dossier.endOtherSessions({ user: session.user, currentIdHash: session.idHash, actor });
    return redirect('/portail/dossier/compte?ok=sessions-fermees');
  }
  throw new Response('Bad Request', { status: 400 });
}

export default function Compte({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const a = t.dossier.account;
  const { preferences, sessions, notice } = loaderData;
  const errors = actionData?.errors;
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <PageTitle title={a.title} hasErrors={Boolean(errors)} />
      <h1>{a.title}</h1>
      <DossierNav />
      <ErrorSummary errors={errors} labels={{ current: a.current, next: a.next, confirm: a.confirm }} />
      {notice && !actionData ? <Notice tone="success">{t.dossier.notices[notice]}</Notice> : null}

      <section aria-labelledby="mot-de-passe" className="card">
        <h2 id="mot-de-passe">{a.passwordTitle}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="password" />
          <TextField name="current" type="password" autoComplete="current-password" label={a.current} required error={errors?.current} />
          <TextField name="next" type="password" autoComplete="new-password" label={a.next} hint={a.nextHint} required maxLength={PASSWORD_MAX_LENGTH} error={errors?.next} />
          <TextField name="confirm" type="password" autoComplete="new-password" label={a.confirm} required maxLength={PASSWORD_MAX_LENGTH} error={errors?.confirm} />
          <p className="field__hint">{a.passwordNote}</p>
          <button type="submit" className="button">
            {a.changePassword}
          </button>
        </Form>
      </section>

      <section aria-labelledby="messages" className="card">
        <h2 id="messages">{a.preferencesTitle}</h2>
        <p>{a.preferencesIntro}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="preferences" />
          <CheckboxField name="requestDecisions" value="1" label={a.requestDecisions} defaultChecked={preferences.requestDecisions} />
          <CheckboxField name="enrolmentDecisions" value="1" label={a.enrolmentDecisions} defaultChecked={preferences.enrolmentDecisions} />
          <button type="submit" className="button">
            {a.savePreferences}
          </button>
        </Form>
      </section>

      <section aria-labelledby="sessions">
        <h2 id="sessions">{a.sessionsTitle}</h2>
        <p>{a.sessionsIntro}</p>
        <DataTable caption={a.sessionsCaption} columns={[a.sessionColumns.device, a.sessionColumns.since, a.sessionColumns.lastSeen, a.sessionColumns.ip]}>
          {sessions.map((s) => (
            <tr key={s.key}>
              <th scope="row">
                {s.device ?? a.unknownDevice} {s.current ? <strong>{a.thisSession}</strong> : null}
              </th>
              <td>
                <time dateTime={s.createdAt}>{formatParisDateTime(s.createdAt)}</time>
              </td>
              <td>
                <time dateTime={s.lastSeenAt}>{formatParisDateTime(s.lastSeenAt)}</time>
              </td>
              <td>{s.ip ?? ''}</td>
            </tr>
          ))}
        </DataTable>
        {others > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-others" />
            <button type="submit" className="button button--secondary">
              {a.endOthers}
            </button>
          </Form>
        ) : (
          <p>{a.noOthers}</p>
        )}
      </section>
    </>
  );
}
