import { data, Form, redirect } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/users';
import { changeUserRole, createUser, setUserActive } from '../../../core/accounts/manage-users';
import { issueResetToken } from '../../../core/accounts/password-reset';
import { isStaffRole, STAFF_ROLES } from '../../../core/accounts/roles';
import type { UserRecord } from '../../../core/ports';
import { ErrorSummary, Notice, SelectField, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT, type Catalog } from '../../i18n';
import { fr } from '../../i18n/fr';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requirePermission } from '../../web/guards';
import { DataTable } from '../../components/data-table';

type NoticeKey = keyof typeof fr.admin.users.notices;
type Services = Route.ActionArgs['context']['services'];

const USERNAME = /^[a-z0-9._-]{3,60}$/;
const DISPLAY_NAME_MAX = 120;
const EMAIL_MAX = 254;

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requirePermission(request, context, 'admin.users');
  const ok = new URL(request.url).searchParams.get('ok');
  const users = await context.services.store.users.list();
  return {
    notice: ok && Object.hasOwn(fr.admin.users.notices, ok) ? (ok as NoticeKey) : null,
    selfId: session.user.id,
    // Never the password hash: only what the table shows.
    users: users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      email: u.email,
      role: u.role,
      active: u.active,
      lastLoginAt: u.lastLoginAt,
    })),
  };
}

/** Sends a fresh single-use link to choose a password. The mail goes out after the token is committed. */
async function sendPasswordLink(
  user: UserRecord,
  kind: 'welcome' | 'reset',
  actor: { actorUserId: string; actorLabel: string; ip: string },
  services: Services,
  t: Catalog,
): Promise<boolean> {
  if (!user.email) return false;
  const token = await issueResetToken(user, actor, services);
  const link = `${services.config.publicUrl}/reinitialiser-mot-de-passe?token=${encodeURIComponent(token)}`;
  const commune = (await services.store.organisation.get())?.communeName ?? 'Tartine';
  const u = t.admin.users;
  try {
    await services.mailer.send(
      kind === 'welcome'
        ? {
            to: user.email,
            subject: u.welcomeMailSubject(commune),
            text: u.welcomeMailText(user.displayName, user.username, link, commune),
          }
        : { to: user.email, subject: u.resetMailSubject, text: u.resetMailText(user.displayName, user.username, link, commune) },
    );
    return true;
  } catch (error) {
    services.logger.error({ err: error, userId: user.id }, 'password link mail failed');
    return false;
  }
}

type CreateValues = { username: string; displayName: string; email: string; role: string };

function validateCreate(values: CreateValues, t: Catalog): Record<string, string> {
  const e = t.admin.users.errors;
  const errors: Record<string, string> = {};
  if (!values.username) errors.username = e.usernameRequired;
  else if (!USERNAME.test(values.username)) errors.username = e.usernameInvalid;
  if (!values.displayName) errors.displayName = e.displayNameRequired;
  else if (values.displayName.length > DISPLAY_NAME_MAX) errors.displayName = e.displayNameTooLong(DISPLAY_NAME_MAX);
  if (!values.email) errors.email = e.emailRequired;
  else if (values.email.length > EMAIL_MAX || !z.email().safeParse(values.email).success) errors.email = e.emailInvalid;
  if (!isStaffRole(values.role)) errors.role = e.roleInvalid;
  return errors;
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.users');
  const t = catalogFor(context.lang);
  const e = t.admin.users.errors;
  const { services } = context;
  const actor = actorOf(session, context);
  const tokenActor = { actorUserId: session.user.id, actorLabel: session.user.username, ip: context.ip };
  const form = await request.formData();
  const intent = form.get('intent');
  const rowError = (message: string, status = 400) =>
    data({ errors: { form: message } as Record<string, string>, values: null }, { status });

  if (intent === 'create') {
    const values: CreateValues = {
      username: String(form.get('username') ?? '')
        .trim()
        .toLowerCase()
        .slice(0, 120),
      displayName: String(form.get('displayName') ?? '')
        .trim()
        .slice(0, DISPLAY_NAME_MAX * 2),
      email: String(form.get('email') ?? '')
        .trim()
        .toLowerCase()
        .slice(0, EMAIL_MAX * 2),
      role: String(form.get('role') ?? '').slice(0, 20),
    };
    const errors = validateCreate(values, t);
    if (Object.keys(errors).length > 0 || !isStaffRole(values.role)) return data({ errors, values }, { status: 400 });
    const created = await createUser(
      {
        username: values.username,
        email: values.email,
        displayName: values.displayName,
        role: values.role,
        password: null,
        familyId: null,
        actor,
      },
      services,
    );
    if (!created.ok) {
      const field = created.error === 'email_taken' ? 'email' : created.error === 'invalid_role' ? 'role' : 'username';
      const message = created.error === 'email_taken' ? e.emailTaken : created.error === 'invalid_role' ? e.roleInvalid : e.usernameTaken;
      return data({ errors: { [field]: message } as Record<string, string>, values }, { status: 400 });
    }
    const sent = await sendPasswordLink(created.user, 'welcome', tokenActor, services, t);
    return redirect(`/admin/utilisateurs?ok=${sent ? 'cree' : 'cree-sans-mail'}`);
  }

  const userId = String(form.get('userId') ?? '').slice(0, 64);
  if (intent === 'deactivate' || intent === 'activate') {
    const result = await setUserActive({ userId, active: intent === 'activate', actor }, services);
    if (!result.ok) return rowError(result.error === 'self' ? e.self : e.notFound, result.error === 'self' ? 400 : 404);
    return redirect(`/admin/utilisateurs?ok=${intent === 'activate' ? 'reactive' : 'desactive'}`);
  }
  if (intent === 'role') {
    const role = String(form.get('role') ?? '');
    if (!isStaffRole(role)) return rowError(e.roleInvalid);
    const result = await changeUserRole({ userId, role, actor }, services);
    if (!result.ok) {
      return rowError(
        result.error === 'self' ? e.self : result.error === 'invalid_role' ? e.parentRole : e.notFound,
        result.error === 'not_found' ? 404 : 400,
      );
    }
    return redirect('/admin/utilisateurs?ok=role-modifie');
  }
  if (intent === 'reset') {
    const user = await services.store.users.findById(userId);
    if (!user) return rowError(e.notFound, 404);
    if (!user.email) return rowError(e.noEmail);
    if (!user.active) return rowError(e.inactive);
    if (!(await sendPasswordLink(user, 'reset', tokenActor, services, t))) return rowError(e.mailFailed, 502);
    return redirect('/admin/utilisateurs?ok=lien-envoye');
  }
  throw new Response('Bad Request', { status: 400 });
}

export default function Users({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const u = t.admin.users;
  const { users, selfId, notice } = loaderData;
  const errors = actionData?.errors;
  const values = actionData?.values ?? null;
  return (
    <>
      <PageTitle title={u.title} hasErrors={Boolean(errors)} />
      <h1>{u.title}</h1>
      <ErrorSummary
        errors={errors}
        labels={{ username: u.fields.username, displayName: u.fields.displayName, email: u.fields.email, role: u.fields.role }}
      />
      {notice && !actionData ? <Notice tone="success">{u.notices[notice]}</Notice> : null}
      <DataTable
        caption={u.caption}
        columns={[
          u.columns.username,
          u.columns.name,
          u.columns.email,
          u.columns.role,
          u.columns.active,
          u.columns.lastLogin,
          t.admin.actions,
        ]}
      >
        {users.map((user) => {
          const self = user.id === selfId;
          const staff = isStaffRole(user.role);
          const name = <span className="visually-hidden">{t.admin.named(user.username)}</span>;
          return (
            <tr key={user.id}>
              <th scope="row">
                {user.username}
                {self ? ` ${u.you}` : null}
              </th>
              <td>{user.displayName}</td>
              <td>{user.email ?? u.noEmail}</td>
              <td>{t.admin.roles[user.role] ?? user.role}</td>
              <td>{user.active ? t.common.yes : t.common.no}</td>
              <td>{user.lastLoginAt ? <time dateTime={user.lastLoginAt}>{formatParisDateTime(user.lastLoginAt)}</time> : u.never}</td>
              <td>
                <div className="table-actions">
                  {self ? null : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="userId" value={user.id} />
                      <input type="hidden" name="intent" value={user.active ? 'deactivate' : 'activate'} />
                      <button type="submit" className="button button--secondary">
                        {user.active ? u.deactivate : u.reactivate}
                        {name}
                      </button>
                    </Form>
                  )}
                  {!self && staff ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="userId" value={user.id} />
                      <input type="hidden" name="intent" value="role" />
                      <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                        {u.roleOf(user.username)}
                      </label>
                      <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
                        {STAFF_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t.admin.roles[role]}
                          </option>
                        ))}
                      </select>{' '}
                      <button type="submit" className="button button--secondary">
                        {u.changeRole}
                        {name}
                      </button>
                    </Form>
                  ) : null}
                  {user.email && user.active ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="userId" value={user.id} />
                      <input type="hidden" name="intent" value="reset" />
                      <button type="submit" className="button button--secondary">
                        {u.sendReset}
                        {name}
                      </button>
                    </Form>
                  ) : null}
                </div>
              </td>
            </tr>
          );
        })}
      </DataTable>

      <section aria-labelledby="creer" className="card">
        <h2 id="creer">{u.createTitle}</h2>
        <p>{u.createIntro}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <TextField
            name="username"
            label={u.fields.username}
            hint={u.fields.usernameHint}
            defaultValue={values?.username}
            required
            minLength={3}
            maxLength={60}
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            error={errors?.username}
          />
          <TextField
            name="displayName"
            label={u.fields.displayName}
            defaultValue={values?.displayName}
            required
            maxLength={DISPLAY_NAME_MAX}
            autoComplete="off"
            error={errors?.displayName}
          />
          <TextField
            name="email"
            type="email"
            label={u.fields.email}
            defaultValue={values?.email}
            required
            maxLength={EMAIL_MAX}
            autoComplete="off"
            spellCheck={false}
            error={errors?.email}
          />
          <SelectField name="role" label={u.fields.role} defaultValue={values?.role ?? 'agent'} required error={errors?.role}>
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role}>
                {t.admin.roles[role]}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button">
            {u.submit}
          </button>
        </Form>
      </section>
    </>
  );
}
