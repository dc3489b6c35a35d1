/**
 * « Accéder à mes documents dématérialisés »: invoices and attestations (with the billing issue), the documents the
 * family uploaded with their review status and expiry, and the upload of new ones (PDF, JPEG or PNG by content,
 * size limit, family quota). Downloads always come as attachments.
 */
import { data, Form, redirect } from 'react-router';
import type { Route } from './+types/documents';
import { parisToday } from '../../../core/calendar';
import { DOCUMENT_KINDS, isDocumentKind } from '../../../core/documents/kinds';
import { checkNote, LIMITS } from '../../../core/families/validation';
import { cleanUuid } from '../../../core/requests/outcome';
import { DataTable } from '../../components/data-table';
import { DossierNav, fileErrorText, FILE_PROBLEMS, noticeFrom, postedFile, StatusBadge } from '../../components/dossier/parts';
import { ErrorSummary, Notice, SelectField, TextAreaField, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import { fr } from '../../i18n/fr';
import dossierStyles from '../../styles/dossier.css?url';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requireFamily } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: dossierStyles }];

const notFound = () => new Response('Not Found', { status: 404 });

export async function loader({ request, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const { store, config, clock } = context.services;
  const [file, documents] = await Promise.all([store.familyFile.file(familyId), store.familyDocuments.list(familyId)]);
  if (!file) throw new Response('Forbidden', { status: 403 });
  const names = new Map(file.children.map((c) => [c.id, c.firstName]));
  return {
    children: file.children.map((c) => ({ id: c.id, firstName: c.firstName })),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      child: d.childId ? (names.get(d.childId) ?? null) : null,
      fileName: d.fileName,
      sizeBytes: d.sizeBytes,
      status: d.status,
      reviewMessage: d.reviewMessage,
      validUntil: d.validUntil,
      createdAt: d.createdAt,
    })),
    usedBytes: file.documentBytes,
    quotaBytes: config.familyQuotaBytes,
    maxBytes: config.uploadMaxBytes,
    today: parisToday(clock.now()),
    notice: noticeFrom(request, fr.dossier.notices),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { session, familyId } = await requireFamily(request, context);
  const t = catalogFor(context.lang);
  const { services } = context;
  const actor = actorOf(session, context);
  const form = await request.formData();
  const intent = form.get('intent');

  if (intent === 'delete') {
    const id = cleanUuid(form.get('documentId'));
    if (!id) throw notFound();
    const result = await services.dossier.deleteDocument({ familyId, documentId: id, actor });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      return data({ errors: { form: t.dossier.errors.in_use } as Record<string, string>, values: null }, { status: 409 });
    }
    return redirect('/portail/dossier/documents?ok=document-supprime');
  }
  if (intent !== 'upload') throw new Response('Bad Request', { status: 400 });

  const kind = form.get('kind');
  const childRaw = form.get('childId');
  const values = { kind: typeof kind === 'string' ? kind : '', childId: typeof childRaw === 'string' ? childRaw.slice(0, 80) : '', note: String(form.get('note') ?? '').slice(0, 2000) };
  const errors: Record<string, string> = {};
  if (!isDocumentKind(kind)) errors.kind = t.dossier.fieldErrors.required;
  const childId = typeof childRaw === 'string' && childRaw !== '' ? cleanUuid(childRaw) : null;
  if (typeof childRaw === 'string' && childRaw !== '' && !childId) throw notFound();
  const note = checkNote(form.get('note'));
  if (!note.ok) errors.note = t.dossier.fieldErrors[note.error];
  if (Object.keys(errors).length > 0 || !isDocumentKind(kind)) return data({ errors, values }, { status: 400 });

  const budget = await services.limits.uploads.consume(session.user.id);
  if (!budget.allowed) return data({ errors: { form: t.dossier.tooManyUploads(Math.ceil(budget.retryAfterSeconds / 60)) } as Record<string, string>, values }, { status: 429 });
  const result = await services.dossier.uploadDocument({ familyId, kind, childId, file: postedFile(form.get('file')), note: note.ok ? note.value : '', actor });
  if (result.ok) return redirect('/portail/dossier/documents?ok=document-depose');
  if (result.error === 'not_found') throw notFound();
  const limits = { maxBytes: services.config.uploadMaxBytes, quotaBytes: services.config.familyQuotaBytes };
  const status = result.error === 'too_large' ? 413 : 400;
  return data({ errors: { file: FILE_PROBLEMS.has(result.error) ? fileErrorText(t, result.error, limits) : t.errors.badRequestText } as Record<string, string>, values }, { status });
}

export default function Documents({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const d = t.dossier.documents;
  const { children, documents, usedBytes, quotaBytes, maxBytes, today, notice } = loaderData;
  const errors = actionData?.errors;
  const values = actionData?.values ?? null;
  return (
    <>
      <PageTitle title={d.title} hasErrors={Boolean(errors)} />
      <h1>{d.title}</h1>
      <DossierNav />
      <ErrorSummary errors={errors} labels={{ kind: d.kind, childId: d.child, file: d.file, note: t.dossier.note }} />
      {notice && !actionData ? <Notice tone="success">{t.dossier.notices[notice]}</Notice> : null}

      <section aria-labelledby="factures" className="card">
        <h2 id="factures">{d.invoicesTitle}</h2>
        <p>{d.invoicesText}</p>
      </section>

      <section aria-labelledby="deposes">
        <h2 id="deposes">{d.uploadedTitle}</h2>
        <p>{d.usage(usedBytes === 0 ? '0' : t.common.bytes(usedBytes), t.common.bytes(quotaBytes))}</p>
        {documents.length === 0 ? (
          <p>{d.empty}</p>
        ) : (
          <>
            <DataTable caption={d.caption} columns={[d.columns.document, d.columns.file, d.columns.date, d.columns.status, d.columns.validity, d.columns.actions]}>
              {documents.map((doc) => {
                const kind = t.dossier.documentKinds[doc.kind] ?? doc.kind;
                const name = `${kind}, ${doc.fileName}`;
                return (
                  <tr key={doc.id}>
                    <th scope="row">
                      {kind}
                      {doc.child ? <span className="muted block">{d.forChild(doc.child)}</span> : null}
                    </th>
                    <td>
                      {doc.fileName}
                      <span className="muted block">{t.common.bytes(doc.sizeBytes)}</span>
                    </td>
                    <td>
                      <time dateTime={doc.createdAt}>{formatParisDateTime(doc.createdAt)}</time>
                    </td>
                    <td>
                      <StatusBadge tone={doc.status}>{t.dossier.documentStatuses[doc.status]}</StatusBadge>
                      {doc.reviewMessage ? <span className="block">{doc.reviewMessage}</span> : null}
                    </td>
                    <td>
                      {doc.status !== 'accepted' ? '' : doc.validUntil === null ? d.noExpiry : doc.validUntil < today ? (
                        <strong>{d.expired(doc.validUntil)}</strong>
                      ) : (
                        d.validUntil(doc.validUntil)
                      )}
                    </td>
                    <td>
                      <div className="table-actions">
                        <a href={`/portail/dossier/documents/${doc.id}`} download>
                          {d.download}
                          <span className="visually-hidden">{t.admin.named(name)}</span>
                        </a>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="documentId" value={doc.id} />
                          <button type="submit" className="link-button">
                            {d.delete}
                            <span className="visually-hidden">{t.admin.named(name)}</span>
                          </button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </DataTable>
            <p className="field__hint">{d.deleteHint}</p>
          </>
        )}
      </section>

      <section aria-labelledby="deposer" className="card">
        <h2 id="deposer">{d.uploadTitle}</h2>
        <p>{d.uploadIntro}</p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="upload" />
          <SelectField name="kind" label={d.kind} defaultValue={values?.kind ?? ''} required error={errors?.kind}>
            <option value="" disabled>
              {d.kindChoose}
            </option>
            {DOCUMENT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t.dossier.documentKinds[kind]}
              </option>
            ))}
          </SelectField>
          <SelectField name="childId" label={d.child} defaultValue={values?.childId ?? ''}>
            <option value="">{d.childAll}</option>
            {children.map((c) => (
              <option key={c.id} value={c.id}>
                {c.firstName}
              </option>
            ))}
          </SelectField>
          <TextField name="file" type="file" label={d.file} hint={d.fileHint(t.common.bytes(maxBytes))} accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png" required error={errors?.file} />
          <TextAreaField name="note" label={t.dossier.note} rows={2} maxLength={LIMITS.note} defaultValue={values?.note ?? ''} error={errors?.note} />
          <button type="submit" className="button">
            {d.submit}
          </button>
        </Form>
      </section>
    </>
  );
}
