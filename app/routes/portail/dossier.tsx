/**
 * « Consulter mon dossier et mes démarches »: the family file (guardians, children, address, phones, e-mail,
 * authorised persons, QF and its validity, resident status) and the family's requests with their status and the
 * service's answers.
 */
import { Link } from 'react-router';
import type { Route } from './+types/dossier';
import { parisToday } from '../../../core/calendar';
import { DataTable } from '../../components/data-table';
import { DossierNav, noticeFrom, requestSummary, StatusBadge } from '../../components/dossier/parts';
import { Notice } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import { fr } from '../../i18n/fr';
import dossierStyles from '../../styles/dossier.css?url';
import { formatParisDateTime } from '../../web/format';
import { requireFamily } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: dossierStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const { store, clock } = context.services;
  const [file, requests] = await Promise.all([store.familyFile.file(familyId), store.requests.list(familyId, 100)]);
  if (!file) throw new Response('Forbidden', { status: 403 });
  return {
    file,
    today: parisToday(clock.now()),
    requests: requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      payload: r.payload,
      childFirstName: r.childFirstName,
      activityName: r.activityName,
      documents: r.documents,
      message: r.message,
      createdAt: r.createdAt,
    })),
    notice: noticeFrom(request, fr.dossier.notices),
  };
}

export default function Dossier({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const d = t.dossier.dossier;
  const { file, requests, notice, today } = loaderData;
  const dash = <span className="muted">{d.none}</span>;
  return (
    <>
      <PageTitle title={d.title} />
      <h1>{d.title}</h1>
      <DossierNav />
      {notice ? <Notice tone="success">{t.dossier.notices[notice]}</Notice> : null}
      <p>{d.intro}</p>
      <p>
        <Link to="/portail/dossier/coordonnees" className="button button--secondary">
          {d.edit}
        </Link>
      </p>

      <div className="dossier-grid">
        <section aria-labelledby="famille" className="card">
          <h2 id="famille">{d.family}</h2>
          <dl className="facts">
            <dt>{d.fileNumber}</dt>
            <dd>{file.fileNumber}</dd>
            <dt>{d.name}</dt>
            <dd>{file.name}</dd>
            <dt>{d.address}</dt>
            <dd>{file.addressLine ? `${file.addressLine}, ${file.postalCode} ${file.city}` : dash}</dd>
            <dt>{d.resident}</dt>
            <dd>{file.resident ? t.common.yes : t.common.no}</dd>
            <dt>{d.phone}</dt>
            <dd>{file.phone ?? dash}</dd>
            <dt>{d.email}</dt>
            <dd>{file.email ?? dash}</dd>
          </dl>
        </section>

        <section aria-labelledby="qf" className="card">
          <h2 id="qf">{d.qfTitle}</h2>
          {file.qf !== null && file.qfValidUntil ? (
            <>
              <p className="big-figure">{d.qfValue(file.qf)}</p>
              <p>{file.qfValidUntil >= today ? d.qfValid(file.qfValidUntil) : d.qfExpired(file.qfValidUntil)}</p>
            </>
          ) : (
            <p>{d.qfMissing}</p>
          )}
        </section>
      </div>

      <section aria-labelledby="responsables">
        <h2 id="responsables">{d.guardians}</h2>
        <DataTable caption={d.guardians} columns={[d.guardianColumns.name, d.guardianColumns.relationship, d.guardianColumns.phone, d.guardianColumns.email]}>
          {file.guardians.map((g) => (
            <tr key={g.id}>
              <th scope="row">{`${g.firstName} ${g.lastName}`}</th>
              <td>{g.relationship}</td>
              <td>{g.phone ?? dash}</td>
              <td>{g.email ?? dash}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="enfants">
        <h2 id="enfants">{d.children}</h2>
        <DataTable
          caption={d.children}
          columns={[d.childColumns.name, d.childColumns.birthDate, d.childColumns.school, d.childColumns.level, d.childColumns.diet, d.childColumns.allergies, d.childColumns.pai]}
        >
          {file.children.map((c) => (
            <tr key={c.id}>
              <th scope="row">{`${c.firstName} ${c.lastName}`}</th>
              <td>{t.dossier.day(c.birthDate)}</td>
              <td>{c.siteName ?? dash}</td>
              <td>{c.schoolLevel}</td>
              <td>{t.dossier.diets[c.diet] ?? c.diet}</td>
              <td>{c.allergies || d.noAllergy}</td>
              <td>{c.hasPai ? t.common.yes : t.common.no}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="personnes" className="card">
        <h2 id="personnes">{d.persons}</h2>
        {file.authorisedPersons.length === 0 ? (
          <p>{d.personsNone}</p>
        ) : (
          <ul>
            {file.authorisedPersons.map((p, index) => (
              <li key={index}>{t.dossier.summaries.person(p.fullName, p.relationship, p.phone)}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="demarches">
        <h2 id="demarches">{d.requests}</h2>
        {requests.length === 0 ? (
          <p>{d.requestsEmpty}</p>
        ) : (
          <DataTable
            caption={d.requests}
            columns={[d.requestColumns.date, d.requestColumns.kind, d.requestColumns.detail, d.requestColumns.status, d.requestColumns.message, t.admin.actions]}
          >
            {requests.map((r) => {
              const kind = t.dossier.requestKinds[r.kind] ?? r.kind;
              return (
                <tr key={r.id}>
                  <td>
                    <time dateTime={r.createdAt}>{formatParisDateTime(r.createdAt)}</time>
                  </td>
                  <th scope="row">{kind}</th>
                  <td>{requestSummary(t, r)}</td>
                  <td>
                    <StatusBadge tone={r.status}>{t.dossier.requestStatuses[r.status] ?? r.status}</StatusBadge>
                  </td>
                  <td>{r.message ?? ''}</td>
                  <td>
                    <Link to={`/portail/dossier/demarches/${r.id}`}>
                      {d.open}
                      <span className="visually-hidden">{` ${kind}, ${formatParisDateTime(r.createdAt)}`}</span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>
    </>
  );
}
