/**
 * Staff: activation letters for the parent accounts without e-mail. Generating them makes a new one-time code per
 * account (the previous letter's code stops working) and shows it once, on a page laid out for printing.
 */
import { data, Form, Link } from 'react-router';
import type { Route } from './+types/family-letters';
import { PrintButton } from '../../components/client-buttons';
import { DataTable } from '../../components/data-table';
import { ErrorSummary } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { formatLongDate } from '../../web/format';
import { idParam, viewerOf } from '../../web/back-office';
import { requirePermission } from '../../web/guards';
import { parisToday } from '../../../core/calendar/paris-time';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.families.manage');
  return { awaiting: await context.services.backOffice.awaitingLetters(500) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.families.manage');
  const t = catalogFor(context.lang).backoffice.letters;
  const form = await request.formData();
  const familyIds = form.getAll('family').map((v) => idParam(v)).filter((v): v is string => v !== null).slice(0, 500);
  if (familyIds.length === 0) return data({ errors: { form: t.noneSelected } as Record<string, string>, letters: null, commune: '', url: '', date: '' }, { status: 400 });
  const letters = await context.services.backOffice.printLetters({ familyIds, viewer: viewerOf(session, context) });
  if (letters.length === 0) return data({ errors: { form: t.nothing } as Record<string, string>, letters: null, commune: '', url: '', date: '' }, { status: 400 });
  const organisation = await context.services.store.organisation.get();
  return {
    errors: null,
    letters,
    commune: organisation?.communeName ?? 'Tartine',
    url: `${context.services.config.publicUrl}/activer-mon-compte`,
    date: parisToday(context.services.clock.now()),
  };
}

export default function FamilyLetters({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const l = t.backoffice.letters;
  const letters = actionData?.letters ?? null;
  if (letters && actionData) {
    const L = l.letter;
    return (
      <>
        <PageTitle title={l.title} />
        <div className="no-print">
          <h1>{l.title}</h1>
          <div className="notice notice--success" role="status">
            <p>{l.generated(letters.length)}</p>
          </div>
          <p>{l.printHint}</p>
          <PrintButton label={l.print} />
          <p>
            <Link to="/admin/familles">{t.backoffice.family.back}</Link>
          </p>
        </div>
        {letters.map((letter) => (
          <article className="letter" key={letter.username} aria-label={`${letter.familyName} – ${letter.username}`}>
            <p className="letter__address">
              {letter.recipient}
              <br />
              {letter.addressLine}
              <br />
              {`${letter.postalCode} ${letter.city}`}
            </p>
            <p>{`${L.place(actionData.commune)} ${formatLongDate(actionData.date, t.lang.code)}`}</p>
            <p>
              <strong>{L.subject}</strong>
            </p>
            <p>{L.greeting(letter.recipient)}</p>
            <p>{L.body(actionData.commune)}</p>
            <p>{L.how(actionData.url)}</p>
            <dl className="dl-grid">
              <dt>{L.username}</dt>
              <dd className="letter__code">{letter.username}</dd>
              <dt>{L.code}</dt>
              <dd className="letter__code">{letter.code}</dd>
            </dl>
            <p>{L.then}</p>
            <p>{L.signature(actionData.commune)}</p>
            <p className="field__hint">{t.backoffice.family.fileNumber(letter.fileNumber)}</p>
          </article>
        ))}
      </>
    );
  }
  const { awaiting } = loaderData;
  return (
    <>
      <PageTitle title={l.title} hasErrors={Boolean(actionData?.errors)} />
      <p>
        <Link to="/admin/familles">{t.backoffice.family.back}</Link>
      </p>
      <h1>{l.title}</h1>
      <ErrorSummary errors={actionData?.errors ?? undefined} labels={{}} />
      <p>{l.intro}</p>
      {awaiting.length === 0 ? (
        <p className="notice notice--info">{l.none}</p>
      ) : (
        <Form method="post">
          <DataTable caption={l.caption} columns={[l.columns.select, l.columns.family, l.columns.fileNumber, l.columns.username]}>
            {awaiting.map((row) => (
              <tr key={`${row.familyId}-${row.username}`}>
                <td>
                  <input type="checkbox" name="family" value={row.familyId} aria-label={l.select(`${row.familyName} (${row.fileNumber})`)} defaultChecked />
                </td>
                <th scope="row">
                  <Link to={`/admin/familles/${row.familyId}`}>{row.familyName}</Link>
                </th>
                <td>{row.fileNumber}</td>
                <td>{row.username}</td>
              </tr>
            ))}
          </DataTable>
          <button type="submit" className="button">
            {l.generate}
          </button>
        </Form>
      )}
    </>
  );
}
