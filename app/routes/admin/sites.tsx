/** Staff: the sites (schools, accueils) with their classes; adding a site. Each site's page edits it, its classes and closures. */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/sites';
import { SITE_KINDS } from '../../../core/referential/model';
import { DataTable } from '../../components/data-table';
import { ErrorSummary, SelectField, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import { actorOf, requirePermission } from '../../web/guards';
import { textValues } from '../../web/referential';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.referential');
  return { sites: await context.services.referential.sites() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.referential');
  const values = textValues(await request.formData());
  const saved = await context.services.referential.saveSite({
    siteId: null,
    name: values.name ?? '',
    kind: values.kind ?? '',
    address: values.address ?? '',
    actor: actorOf(session, context),
  });
  if (!saved.ok) return data({ values, errors: saved.errors }, { status: 400 });
  return redirect(`/admin/sites/${saved.value.siteId}?ok=1`, 303);
}

export default function Sites({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const c = t.referential.sites;
  const values = actionData?.values ?? {};
  const errors = actionData?.errors;
  return (
    <>
      <PageTitle title={c.title} hasErrors={Boolean(errors)} />
      <h1>{c.title}</h1>
      <p>{c.intro}</p>
      {loaderData.sites.length === 0 ? (
        <p>{c.none}</p>
      ) : (
        <DataTable caption={c.caption} columns={[c.columns.name, c.columns.kind, c.columns.address, c.columns.classes]}>
          {loaderData.sites.map((site) => (
            <tr key={site.id}>
              <th scope="row">
                <Link to={`/admin/sites/${site.id}`}>{site.name}</Link>
              </th>
              <td>{t.referential.siteKinds[site.kind] ?? site.kind}</td>
              <td>{site.address}</td>
              <td>{site.classes.map((cl) => cl.name).join(', ')}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <section aria-labelledby="nouveau-site">
        <h2 id="nouveau-site">{c.createTitle}</h2>
        <ErrorSummary errors={errors} labels={{ name: c.name, kind: c.kind, address: c.address }} />
        <Form method="post">
          <TextField name="name" label={c.name} defaultValue={values.name ?? ''} error={errors?.name} maxLength={120} required />
          <SelectField name="kind" label={c.kind} defaultValue={values.kind ?? 'groupe_scolaire'} error={errors?.kind}>
            {SITE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t.referential.siteKinds[kind]}
              </option>
            ))}
          </SelectField>
          <TextField
            name="address"
            label={c.address}
            defaultValue={values.address ?? ''}
            error={errors?.address}
            maxLength={300}
            required
          />
          <button type="submit" className="button">
            {c.create}
          </button>
        </Form>
      </section>
    </>
  );
}
