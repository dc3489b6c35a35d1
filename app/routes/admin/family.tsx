/**
 * Staff: a family's file — contact details, QF (billing staff), guardians and their accounts (create, resend the
 * activation link, letter, deactivate, reactivate), children (health data for the roles that need it; reading a
 * PAI is audited), authorised persons, booking history, billing (Restant dû, open invoices, last payments) for the
 * roles that read invoices. Requests come with their issue.
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/family';
import { can } from '../../../core/accounts/permissions';
import { parisToday } from '../../../core/calendar/paris-time';
import { DataTable } from '../../components/data-table';
import { FamilyBillingSection } from '../../components/family-billing';
import { ErrorSummary, Notice } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { longDay, shortDate } from '../../components/planning/format';
import { catalogFor, useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { idParam, viewerOf } from '../../web/back-office';
import { loadFamilyBilling } from '../../web/family-billing';
import { formatParisDateTime } from '../../web/format';
import { requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

const NOTICES = ['created', 'createdLetter', 'nothing', 'resent', 'deactivated', 'reactivated'] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const session = await requirePermission(request, context, 'admin.families');
  const family = await context.services.backOffice.familyFile({ familyId: params.familyId, viewer: viewerOf(session, context) });
  if (!family) throw new Response('Not Found', { status: 404 });
  const ok = new URL(request.url).searchParams.get('ok');
  return {
    family,
    today: parisToday(context.services.clock.now()),
    manage: can(session.user.role, 'admin.families.manage'),
    notice: NOTICES.find((n) => n === ok) ?? null,
    billing: await loadFamilyBilling(session, context, family.id),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.families.manage');
  const t = catalogFor(context.lang).backoffice.family;
  const viewer = viewerOf(session, context);
  const familyId = idParam(params.familyId);
  if (!familyId) throw new Response('Not Found', { status: 404 });
  const form = await request.formData();
  const intent = form.get('intent');
  const back = (notice: string) => redirect(`/admin/familles/${familyId}?ok=${notice}`);
  const fail = (error: string, status = 400) => data({ errors: { form: t.errors[error] ?? error } as Record<string, string> }, { status });
  const bo = context.services.backOffice;
  if (intent === 'accounts') {
    const result = await bo.createAccounts({ familyIds: [familyId], viewer });
    if (result.needLetter.length > 0) return back('createdLetter');
    return back(result.created.length > 0 ? 'created' : 'nothing');
  }
  const userId = idParam(form.get('userId'));
  if (!userId) return fail('not_found', 404);
  if (intent === 'resend') {
    const result = await bo.resendActivation({ familyId, userId, viewer });
    return result.ok ? back('resent') : fail(result.error, result.error === 'not_found' ? 404 : result.error === 'mail_failed' ? 502 : 400);
  }
  if (intent === 'deactivate' || intent === 'reactivate') {
    const result = await bo.setAccountActive({ familyId, userId, active: intent === 'reactivate', viewer });
    return result.ok ? back(intent === 'reactivate' ? 'reactivated' : 'deactivated') : fail(result.error, 404);
  }
  throw new Response('Bad Request', { status: 400 });
}

export default function Family({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const f = t.backoffice.family;
  const c = t.backoffice.common;
  const { family, manage, notice, today, billing } = loaderData;
  const qfExpired = family.income?.qfValidUntil ? family.income.qfValidUntil < today : false;
  const anyHealth = family.children.some((child) => child.health !== null);
  const anyPai = family.children.some((child) => child.health?.hasPai);
  return (
    <>
      <PageTitle title={f.title(family.name)} hasErrors={Boolean(actionData?.errors)} />
      <p>
        <Link to="/admin/familles">{f.back}</Link>
      </p>
      <h1>{f.title(family.name)}</h1>
      <p className="lead">{f.fileNumber(family.fileNumber)}</p>
      <ErrorSummary errors={actionData?.errors} labels={{}} />
      {notice && !actionData ? <Notice tone="success">{f.notices[notice]}</Notice> : null}

      <section aria-labelledby="coordonnees" className="card">
        <h2 id="coordonnees">{f.contact}</h2>
        <dl className="dl-grid">
          <dt>{f.address}</dt>
          <dd>{`${family.addressLine}, ${family.postalCode} ${family.city}`}</dd>
          <dt>{f.resident}</dt>
          <dd>{family.resident ? c.yes : c.no}</dd>
          <dt>{f.email}</dt>
          <dd>{family.email ?? c.none}</dd>
          <dt>{f.phone}</dt>
          <dd>{family.phone ?? c.none}</dd>
        </dl>
      </section>

      <section aria-labelledby="quotient" className="card">
        <h2 id="quotient">{f.income}</h2>
        {family.income ? (
          <dl className="dl-grid">
            <dt>{f.qf}</dt>
            <dd>{family.income.qf === null ? f.qfMissing : `${family.income.qf} €`}</dd>
            <dt>{f.qfValidUntil}</dt>
            <dd>
              {family.income.qfValidUntil ? shortDate(family.income.qfValidUntil) : c.none}
              {qfExpired ? <span className="badge badge--pai">{f.qfExpired}</span> : null}
            </dd>
          </dl>
        ) : (
          <p>{f.incomeHidden}</p>
        )}
      </section>

      <section aria-labelledby="responsables" className="card">
        <h2 id="responsables">{f.guardians}</h2>
        <DataTable
          caption={f.guardians}
          columns={[f.guardianColumns.name, f.guardianColumns.relationship, f.guardianColumns.email, f.guardianColumns.phone, f.guardianColumns.account, ...(manage ? [f.guardianColumns.actions] : [])]}
        >
          {family.guardians.map((g) => {
            const name = `${g.firstName} ${g.lastName}`;
            const hidden = <span className="visually-hidden">{f.of(name)}</span>;
            return (
              <tr key={g.id}>
                <th scope="row">{name}</th>
                <td>{g.relationship}</td>
                <td>{g.email ?? c.none}</td>
                <td>{g.phone ?? c.none}</td>
                <td>
                  {g.account ? f.accountOf(g.account.username, f.accountStates[g.account.state]) : f.accountStates.none}
                  {g.account?.lastLoginAt ? <div className="field__hint">{formatParisDateTime(g.account.lastLoginAt)}</div> : null}
                </td>
                {manage ? (
                  <td>
                    <div className="table-actions">
                      {g.account?.state === 'pending' && g.account.email ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="resend" />
                          <input type="hidden" name="userId" value={g.account.userId} />
                          <button type="submit" className="button button--secondary">
                            {f.resend}
                            {hidden}
                          </button>
                        </Form>
                      ) : null}
                      {g.account?.state === 'pending' && !g.account.email ? (
                        <Form method="post" action="/admin/familles/courriers">
                          <input type="hidden" name="family" value={family.id} />
                          <button type="submit" className="button button--secondary">
                            {f.letter}
                            {hidden}
                          </button>
                        </Form>
                      ) : null}
                      {g.account ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value={g.account.state === 'inactive' ? 'reactivate' : 'deactivate'} />
                          <input type="hidden" name="userId" value={g.account.userId} />
                          <button type="submit" className="button button--secondary">
                            {g.account.state === 'inactive' ? f.reactivate : f.deactivate}
                            {hidden}
                          </button>
                        </Form>
                      ) : null}
                    </div>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </DataTable>
        {manage && family.guardians.some((g) => !g.account) ? (
          <Form method="post">
            <input type="hidden" name="intent" value="accounts" />
            <button type="submit" className="button">
              {f.createAccounts}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="enfants" className="card">
        <h2 id="enfants">{f.children}</h2>
        {!anyHealth ? <p>{f.healthHidden}</p> : anyPai ? <p className="field__hint">{f.paiNotice}</p> : null}
        <DataTable
          caption={f.children}
          columns={[
            f.childColumns.name,
            f.childColumns.birthDate,
            f.childColumns.school,
            f.childColumns.level,
            ...(anyHealth ? [f.childColumns.diet, f.childColumns.allergies, f.childColumns.pai] : []),
          ]}
        >
          {family.children.map((child) => (
            <tr key={child.id}>
              <th scope="row">{`${child.firstName} ${child.lastName}`}</th>
              <td>{shortDate(child.birthDate)}</td>
              <td>{child.siteName ?? f.noSchool}</td>
              <td>{child.level}</td>
              {anyHealth ? (
                <>
                  <td>{child.health ? (c.diet[child.health.diet] ?? child.health.diet) : c.none}</td>
                  <td>{child.health?.allergies || c.none}</td>
                  <td>{child.health?.hasPai ? <span className="badge badge--pai">{t.backoffice.attendance.pai}</span> : c.no}</td>
                </>
              ) : null}
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="autorises" className="card">
        <h2 id="autorises">{f.authorised}</h2>
        {family.authorisedPersons.length === 0 ? (
          <p>{f.authorisedNone}</p>
        ) : (
          <ul>
            {family.authorisedPersons.map((p) => (
              <li key={`${p.fullName}${p.phone}`}>{`${p.fullName} (${p.relationship}) – ${p.phone}`}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="reservations" className="card">
        <h2 id="reservations">{f.bookings}</h2>
        {family.bookings.length === 0 ? (
          <p>{f.noBookings}</p>
        ) : (
          <DataTable
            caption={f.bookingsCaption(family.bookings.length, family.bookingCount)}
            columns={[f.bookingColumns.day, f.bookingColumns.child, f.bookingColumns.activity, f.bookingColumns.status, f.bookingColumns.price]}
          >
            {family.bookings.map((b) => (
              <tr key={`${b.day}-${b.childFirstName}-${b.activityName}`}>
                <th scope="row">{longDay(t.planning, b.day)}</th>
                <td>{b.childFirstName}</td>
                <td>{b.activityName}</td>
                <td>{f.bookingStatus[b.status] ?? b.status}</td>
                <td className="num">{c.euros(b.unitPriceCents)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="demarches" className="card">
        <h2 id="demarches">{f.requests}</h2>
        <p>{c.comingWith(f.requestsLater)}</p>
      </section>
      {billing ? <FamilyBillingSection familyId={family.id} fileNumber={family.fileNumber} billing={billing} today={today} /> : null}
    </>
  );
}
