/** One of the family's requests: what was asked, the documents, the answer; « Retirer ma demande » while it waits. */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/demarche';
import { cleanUuid } from '../../../core/requests/outcome';
import { requestSummary, StatusBadge } from '../../components/dossier/parts';
import { ErrorSummary } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import dossierStyles from '../../styles/dossier.css?url';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requireFamily } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: dossierStyles }];

const notFound = () => new Response('Not Found', { status: 404 });

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const id = cleanUuid(params.requestId);
  const found = id ? await context.services.store.requests.find(familyId, id) : null;
  if (!found) throw notFound();
  return { request: found };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { session, familyId } = await requireFamily(request, context);
  const form = await request.formData();
  if (form.get('intent') !== 'withdraw') throw new Response('Bad Request', { status: 400 });
  const id = cleanUuid(params.requestId);
  if (!id) throw notFound();
  const result = await context.services.dossier.withdraw({ familyId, requestId: id, actor: actorOf(session, context) });
  if (!result.ok) {
    if (result.error === 'not_found') throw notFound();
    return data({ errors: { form: catalogFor(context.lang).dossier.request.notOpen } }, { status: 409 });
  }
  return redirect('/portail/dossier?ok=demande-retiree');
}

export default function Demarche({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const r = t.dossier.request;
  const { request } = loaderData;
  const kind = t.dossier.requestKinds[request.kind] ?? request.kind;
  return (
    <>
      <PageTitle title={r.title(kind)} hasErrors={Boolean(actionData?.errors)} />
      <p>
        <Link to="/portail/dossier">{r.back}</Link>
      </p>
      <h1>{r.title(kind)}</h1>
      <ErrorSummary errors={actionData?.errors} labels={{}} />
      <dl className="facts card">
        <dt>{r.status}</dt>
        <dd>
          <StatusBadge tone={request.status}>{t.dossier.requestStatuses[request.status] ?? request.status}</StatusBadge>
        </dd>
        <dt>{r.asked}</dt>
        <dd>{requestSummary(t, request)}</dd>
        <dt>{r.sent('').trim()}</dt>
        <dd>
          <time dateTime={request.createdAt}>{formatParisDateTime(request.createdAt)}</time>
        </dd>
        {request.familyNote ? (
          <>
            <dt>{r.note}</dt>
            <dd className="pre-line">{request.familyNote}</dd>
          </>
        ) : null}
        {request.decidedAt && request.status !== 'submitted' ? (
          <>
            <dt>{r.decided('').trim()}</dt>
            <dd>
              <time dateTime={request.decidedAt}>{formatParisDateTime(request.decidedAt)}</time>
            </dd>
          </>
        ) : null}
        {request.message ? (
          <>
            <dt>{r.message}</dt>
            <dd className="pre-line">{request.message}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="documents-joints">
        <h2 id="documents-joints">{r.documents}</h2>
        {request.documents.length === 0 ? (
          <p>{r.noDocuments}</p>
        ) : (
          <ul>
            {request.documents.map((d) => (
              <li key={d.id}>
                {d.deleted ? (
                  `${t.dossier.documentKinds[d.kind] ?? d.kind} – ${d.fileName} (${r.deleted})`
                ) : (
                  <a href={`/portail/dossier/documents/${d.id}`} download>
                    {`${t.dossier.documentKinds[d.kind] ?? d.kind} – ${d.fileName}`}
                  </a>
                )}{' '}
                <StatusBadge tone={d.status}>{t.dossier.documentStatuses[d.status]}</StatusBadge>
              </li>
            ))}
          </ul>
        )}
      </section>
      {request.status === 'submitted' ? (
        <section aria-labelledby="retirer" className="card">
          <h2 id="retirer">{r.withdraw}</h2>
          <p>{r.withdrawHint}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <button type="submit" className="button button--secondary">
              {r.withdraw}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
