/** Staff: the school years (rentrée, last day of classes) and adding the next one; overlapping years are refused. */
import { data, Form, redirect } from 'react-router';
import type { Route } from './+types/school-years';
import { DataTable } from '../../components/data-table';
import { ErrorSummary, Notice, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import { actorOf, requirePermission } from '../../web/guards';
import { frenchDate, textValues } from '../../web/referential';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.referential');
  return { years: await context.services.referential.schoolYears(), created: new URL(request.url).searchParams.get('ok') === '1' };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.referential');
  const values = textValues(await request.formData(), 20);
  const added = await context.services.referential.addSchoolYear({
    startsOn: values.startsOn ?? '',
    endsOn: values.endsOn ?? '',
    actor: actorOf(session, context),
  });
  if (!added.ok) return data({ values, errors: added.errors }, { status: 400 });
  return redirect('/admin/annees-scolaires?ok=1', 303);
}

export default function SchoolYears({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const c = t.referential.years;
  const errors = actionData?.errors;
  const values = actionData?.values ?? {};
  return (
    <>
      <PageTitle title={c.title} hasErrors={Boolean(errors)} />
      <h1>{c.title}</h1>
      {loaderData.created && !actionData ? <Notice tone="success">{c.created}</Notice> : null}
      <DataTable caption={c.caption} columns={[c.columns.id, c.columns.startsOn, c.columns.endsOn]}>
        {loaderData.years.map((year) => (
          <tr key={year.id}>
            <th scope="row">{t.planning.schoolYear(year.id)}</th>
            <td>{frenchDate(year.startsOn)}</td>
            <td>{frenchDate(year.endsOn)}</td>
          </tr>
        ))}
      </DataTable>
      <section aria-labelledby="nouvelle-annee">
        <h2 id="nouvelle-annee">{c.createTitle}</h2>
        <ErrorSummary errors={errors} labels={{ startsOn: c.startsOn, endsOn: c.endsOn }} />
        <Form method="post">
          <TextField
            name="startsOn"
            label={c.startsOn}
            type="date"
            defaultValue={values.startsOn ?? ''}
            error={errors?.startsOn}
            required
          />
          <TextField name="endsOn" label={c.endsOn} type="date" defaultValue={values.endsOn ?? ''} error={errors?.endsOn} required />
          <button type="submit" className="button">
            {c.create}
          </button>
        </Form>
      </section>
    </>
  );
}
