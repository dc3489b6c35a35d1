import { data, Form, redirect } from 'react-router';
import type { Route } from './+types/calendar';
import { Notice } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requirePermission } from '../../web/guards';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.calendar');
  const source = await context.services.calendar.source();
  const done = new URL(request.url).searchParams.get('importe');
  return { source, done: done && /^\d+-\d+$/.test(done) ? done.split('-').map(Number) : null };
}

/** Staff import a newer official CSV: every line is checked first; a faulty file changes nothing. */
export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.calendar');
  const c = catalogFor(context.lang).admin.calendar;
  const form = await request.formData();
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return data({ errors: [c.noFile] }, { status: 400 });
  const result = await context.services.calendar.importSchoolHolidays(await file.text(), actorOf(session, context));
  if (!result.ok) return data({ errors: result.errors.slice(0, 50).map((e) => c.line(e.line, e.message)) }, { status: 400 });
  return redirect(`/admin/calendrier?importe=${result.periodCount}-${result.zonePeriodCount}`);
}

export default function Calendar({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const c = t.admin.calendar;
  const { source, done } = loaderData;
  const errors = actionData?.errors;
  return (
    <>
      <PageTitle title={c.title} hasErrors={Boolean(errors)} />
      <h1>{c.title}</h1>
      {errors ? (
        <div className="error-summary" role="alert" tabIndex={-1} aria-labelledby="calendar-errors">
          <h2 id="calendar-errors">{c.errorsTitle}</h2>
          <ul>
            {errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {done && !errors ? <Notice tone="success">{c.done(done[0], done[1])}</Notice> : null}
      <p>{c.intro}</p>
      <p>{source.kind === 'shipped' ? c.shipped : c.imported(formatParisDateTime(source.importedAt), source.importedBy, source.periodCount)}</p>
      <Form method="post" encType="multipart/form-data" className="card">
        <div className="field">
          <label htmlFor="file">{c.file}</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" required aria-invalid={errors ? true : undefined} />
        </div>
        <button type="submit" className="button">
          {c.submit}
        </button>
      </Form>
    </>
  );
}
