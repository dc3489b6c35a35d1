/**
 * « Visualiser les activités de mes enfants »: per child, the activities of the school year with where each
 * enrolment stands (inscrit, en attente de validation, liste d'attente with its position, refusé with the reason)
 * and the activity's rules in plain words with this family's price.
 */
import { Form, Link } from 'react-router';
import type { Route } from './+types/inscriptions';
import { ActivityRules, OfferPrice } from '../../components/dossier/activity-rules';
import { noticeFrom, StatusBadge } from '../../components/dossier/parts';
import { Notice, SelectField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import { fr } from '../../i18n/fr';
import dossierStyles from '../../styles/dossier.css?url';
import { requireFamily } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: dossierStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const reader = context.services.dossier.enrolments;
  const { years, current } = await reader.years();
  const asked = new URL(request.url).searchParams.get('annee');
  const year = years.find((y) => y.id === asked)?.id ?? current;
  const children = year ? await reader.familyEnrolments(familyId, year) : [];
  return { years, year, children: children ?? [], notice: noticeFrom(request, fr.dossier.notices) };
}

export default function Inscriptions({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const i = t.dossier.inscriptions;
  const { years, year, children, notice } = loaderData;
  return (
    <>
      <PageTitle title={i.title} />
      <h1>{i.title}</h1>
      {notice ? <Notice tone="success">{t.dossier.notices[notice]}</Notice> : null}
      <p>{i.intro}</p>
      <p>
        <Link to={`/portail/inscriptions/nouvelle${year ? `?annee=${year}` : ''}`} className="button">
          {i.newEnrolment}
        </Link>
      </p>
      {years.length > 1 ? (
        <Form method="get" className="inline-controls">
          <SelectField name="annee" label={i.yearLabel} defaultValue={year ?? ''}>
            {years.map((y) => (
              <option key={y.id} value={y.id}>
                {i.yearName(y.id)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button button--secondary">
            {i.show}
          </button>
        </Form>
      ) : null}
      {!year ? (
        <p>{i.noYear}</p>
      ) : (
        <>
          <p className="lead">{i.yearName(year)}</p>
          {children.map(({ child, enrolments }) => (
            <section key={child.id} aria-labelledby={`enfant-${child.id}`} className="child-enrolments">
              <h2 id={`enfant-${child.id}`}>{child.firstName}</h2>
              {enrolments.length === 0 ? (
                <p>{i.none}</p>
              ) : (
                <div className="table-wrapper" tabIndex={0}>
                  <table className="table stack-table">
                    <caption>{`${i.caption(child.firstName)} – ${i.yearName(year)}`}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{i.columns.activity}</th>
                        <th scope="col">{i.columns.status}</th>
                        <th scope="col">{i.columns.rules}</th>
                        <th scope="col">{i.columns.price}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {enrolments.map((e) => (
                        <tr key={e.id}>
                          <th scope="row">{e.offer.activity.name}</th>
                          <td data-label={i.columns.status}>
                            <StatusBadge tone={e.status}>
                              {e.status === 'waiting' ? i.statuses.waiting(e.waitingPosition) : i.statuses[e.status]}
                            </StatusBadge>
                            {e.message ? <span className="block">{e.status === 'refused' ? i.reason(e.message) : i.serviceMessage(e.message)}</span> : null}
                            {e.status === 'accepted' ? (
                              <span className="block">
                                <Link to={`/portail/planning?enfant=${child.id}`}>
                                  {i.planning}
                                  <span className="visually-hidden">{` – ${child.firstName} – ${e.offer.activity.name}`}</span>
                                </Link>
                              </span>
                            ) : null}
                          </td>
                          <td data-label={i.columns.rules}>
                            <ActivityRules offer={e.offer} />
                          </td>
                          <td data-label={i.columns.price}>
                            <OfferPrice offer={e.offer} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          ))}
        </>
      )}
    </>
  );
}
