import { data, Form, redirect } from 'react-router';
import type { Route } from './+types/documents';
import {
  DOCUMENT_DESCRIPTION_MAX,
  DOCUMENT_TITLE_MAX,
  fromWebFile,
  publishDocument,
  setDocumentPublished,
  type DocumentErrors,
} from '../../../core/content/documents';
import { CheckboxField, ErrorSummary, Notice, TextAreaField, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT, type Catalog } from '../../i18n';
import { fr } from '../../i18n/fr';
import { actorOf, requirePermission } from '../../web/guards';
import { DataTable } from '../../components/data-table';
import { PublishToggle } from '../../components/publish-toggle';

type NoticeKey = keyof typeof fr.admin.documents.notices;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.documents');
  const ok = new URL(request.url).searchParams.get('ok');
  const documents = await context.services.store.documents.listAll();
  return {
    notice: ok && Object.hasOwn(fr.admin.documents.notices, ok) ? (ok as NoticeKey) : null,
    maxBytes: context.services.config.uploadMaxBytes,
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      fileName: d.fileName,
      mediaType: d.mediaType,
      sizeBytes: d.sizeBytes,
      published: d.published,
    })),
  };
}

function messages(t: Catalog, errors: DocumentErrors, maxBytes: number): Record<string, string> {
  const e = t.admin.documents.errors;
  const out: Record<string, string> = {};
  if (errors.title) out.title = errors.title === 'too_long' ? e.titleTooLong(DOCUMENT_TITLE_MAX) : e.titleRequired;
  if (errors.description) out.description = e.descriptionTooLong(DOCUMENT_DESCRIPTION_MAX);
  if (errors.file) {
    out.file = {
      required: e.fileRequired,
      empty: e.fileEmpty,
      too_large: e.fileTooLarge(t.common.bytes(maxBytes)),
      type_not_allowed: e.fileType,
      too_long: e.fileRequired,
    }[errors.file];
  }
  return out;
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.documents');
  const t = catalogFor(context.lang);
  const { services } = context;
  const actor = actorOf(session, context);
  const form = await request.formData();
  const intent = form.get('intent');

  if (intent === 'publish' || intent === 'unpublish') {
    const id = String(form.get('id') ?? '').slice(0, 64);
    const result = await setDocumentPublished({ id, published: intent === 'publish', actor }, services);
    if (!result.ok)
      return data({ errors: { form: t.admin.documents.errors.notFound } as Record<string, string>, values: null }, { status: 404 });
    return redirect(`/admin/documents?ok=${intent === 'publish' ? 'publie' : 'depublie'}`);
  }
  if (intent !== 'upload') throw new Response('Bad Request', { status: 400 });

  const values = {
    title: String(form.get('title') ?? '').slice(0, DOCUMENT_TITLE_MAX * 2),
    description: String(form.get('description') ?? '').slice(0, DOCUMENT_DESCRIPTION_MAX * 2),
    published: form.get('published') === '1',
  };
  const budget = await services.limits.uploads.consume(session.user.id);
  if (!budget.allowed) {
    return data(
      { errors: { form: t.admin.documents.errors.tooMany(Math.ceil(budget.retryAfterSeconds / 60)) } as Record<string, string>, values },
      { status: 429 },
    );
  }
  const file = form.get('file');
  const result = await publishDocument(
    {
      title: form.get('title'),
      description: form.get('description'),
      // No file chosen arrives as an empty string field.
      file: typeof file === 'object' && file !== null ? fromWebFile(file) : null,
      published: values.published,
      actor,
    },
    {
      store: services.store,
      files: services.files,
      sniffMediaType: services.sniffMediaType,
      clock: services.clock,
      maxBytes: services.config.uploadMaxBytes,
    },
  );
  if (result.ok) return redirect('/admin/documents?ok=envoye');
  const status = result.errors.file === 'too_large' ? 413 : 400;
  return data({ errors: messages(t, result.errors, services.config.uploadMaxBytes), values }, { status });
}

export default function Documents({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const d = t.admin.documents;
  const { documents, notice, maxBytes } = loaderData;
  const errors = actionData?.errors;
  const values = actionData?.values ?? null;
  return (
    <>
      <PageTitle title={d.title} hasErrors={Boolean(errors)} />
      <h1>{d.title}</h1>
      <ErrorSummary errors={errors} labels={{ title: d.fields.title, description: d.fields.description, file: d.fields.file }} />
      {notice && !actionData ? <Notice tone="success">{d.notices[notice]}</Notice> : null}
      <p>{d.intro}</p>
      {documents.length === 0 ? (
        <p>{d.empty}</p>
      ) : (
        <DataTable
          caption={d.caption}
          columns={[d.columns.title, d.columns.fileName, d.columns.type, d.columns.size, d.columns.status, t.admin.actions]}
        >
          {documents.map((doc) => (
            <tr key={doc.id}>
              <th scope="row">{doc.title}</th>
              <td>{doc.fileName}</td>
              <td>{d.types[doc.mediaType] ?? doc.mediaType}</td>
              <td>{t.common.bytes(doc.sizeBytes)}</td>
              <td>{doc.published ? d.published : d.draft}</td>
              <td>
                <div className="table-actions">
                  <a href={`/documents/${doc.id}`} download>
                    {d.download}
                    <span className="visually-hidden">{t.admin.named(doc.title)}</span>
                  </a>
                  <PublishToggle id={doc.id} title={doc.title} published={doc.published} labels={d} />
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <section aria-labelledby="deposer" className="card">
        <h2 id="deposer">{d.uploadTitle}</h2>
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="upload" />
          <TextField
            name="title"
            label={d.fields.title}
            defaultValue={values?.title}
            required
            maxLength={DOCUMENT_TITLE_MAX}
            error={errors?.title}
          />
          <TextAreaField
            name="description"
            label={d.fields.description}
            defaultValue={values?.description}
            rows={3}
            maxLength={DOCUMENT_DESCRIPTION_MAX}
            error={errors?.description}
          />
          <TextField
            name="file"
            type="file"
            label={d.fields.file}
            hint={d.fields.fileHint(t.common.bytes(maxBytes))}
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            required
            error={errors?.file}
          />
          <CheckboxField name="published" value="1" label={d.fields.published} defaultChecked={values?.published ?? false} />
          <button type="submit" className="button">
            {d.submit}
          </button>
        </Form>
      </section>
    </>
  );
}
