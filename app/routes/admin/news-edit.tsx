import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/news-edit';
import { parisToday } from '../../../core/calendar/paris-time';
import { isoToParisDateTime, NEWS_BODY_MAX, NEWS_POSITION_MAX, NEWS_TITLE_MAX, saveNews, type NewsErrors } from '../../../core/content/news';
import { CheckboxField, ErrorSummary, TextAreaField, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT, type Catalog } from '../../i18n';
import { actorOf, requirePermission } from '../../web/guards';

/** One file, two routes: 'admin-news-new' (no id) and 'admin-news-edit' (/admin/actualites/:newsId). */
const newsIdOf = (params: object): string | null => ('newsId' in params && typeof params.newsId === 'string' ? params.newsId : null);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface FormValues {
  title: string;
  newsDate: string;
  bodyMarkdown: string;
  published: boolean;
  /** Paris wall clock 'YYYY-MM-DDTHH:MM', or ''. */
  publishAt: string;
  homePosition: string;
}

async function findOr404(context: Route.LoaderArgs['context'], id: string) {
  const item = UUID.test(id) ? await context.services.store.news.find(id) : null;
  if (!item) throw new Response('Not Found', { status: 404 });
  return item;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.news');
  const id = newsIdOf(params);
  if (id === null) {
    const values: FormValues = { title: '', newsDate: parisToday(context.services.clock.now()), bodyMarkdown: '', published: false, publishAt: '', homePosition: '' };
    return { id: null, savedTitle: null, values };
  }
  const item = await findOr404(context, id);
  const values: FormValues = {
    title: item.title,
    newsDate: item.newsDate,
    bodyMarkdown: item.bodyMarkdown,
    published: item.published,
    publishAt: item.publishAt ? isoToParisDateTime(item.publishAt) : '',
    homePosition: item.homePosition === null ? '' : String(item.homePosition),
  };
  return { id: item.id, savedTitle: item.title, values };
}

function messages(t: Catalog, errors: NewsErrors): Record<string, string> {
  const e = t.admin.news.errors;
  const out: Record<string, string> = {};
  if (errors.title) out.title = errors.title === 'too_long' ? e.titleTooLong(NEWS_TITLE_MAX) : e.titleRequired;
  if (errors.newsDate) out.newsDate = errors.newsDate === 'invalid_date' ? e.dateInvalid : e.dateRequired;
  if (errors.bodyMarkdown) out.bodyMarkdown = errors.bodyMarkdown === 'too_long' ? e.bodyTooLong(NEWS_BODY_MAX) : e.bodyRequired;
  if (errors.publishAt) out.publishAt = t.office.news.publishAtInvalid;
  if (errors.homePosition) out.homePosition = t.office.news.positionInvalid(NEWS_POSITION_MAX);
  return out;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.news');
  const t = catalogFor(context.lang);
  const id = newsIdOf(params);
  if (id !== null) await findOr404(context, id);
  const form = await request.formData();
  const raw = {
    title: String(form.get('title') ?? ''),
    newsDate: String(form.get('newsDate') ?? ''),
    bodyMarkdown: String(form.get('bodyMarkdown') ?? ''),
    published: form.get('published') === '1',
    publishAt: String(form.get('publishAt') ?? ''),
    homePosition: String(form.get('homePosition') ?? ''),
  };
  // Keep what was typed (bounded) to show it again.
  const values: FormValues = {
    title: raw.title.slice(0, NEWS_TITLE_MAX * 2),
    newsDate: raw.newsDate.slice(0, 20),
    bodyMarkdown: raw.bodyMarkdown.slice(0, NEWS_BODY_MAX * 2),
    published: raw.published,
    publishAt: raw.publishAt.slice(0, 30),
    homePosition: raw.homePosition.slice(0, 10),
  };
  const intent = form.get('intent');
  if (intent === 'preview') {
    // Nothing is saved; the preview is the same sanitised HTML the home page will show.
    const body = raw.bodyMarkdown.replace(/\r\n?/g, '\n').slice(0, NEWS_BODY_MAX);
    return { values, errors: null, preview: { html: body.trim() ? context.services.renderMarkdown(body) : null } };
  }
  if (intent !== 'save') throw new Response('Bad Request', { status: 400 });
  const result = await saveNews({ id, input: raw, actor: actorOf(session, context) }, context.services);
  if (result.ok) return redirect(`/admin/actualites?ok=${result.created ? 'cree' : 'modifie'}`);
  if (result.error === 'not_found') throw new Response('Not Found', { status: 404 });
  return data({ values, errors: messages(t, result.errors), preview: null }, { status: 400 });
}

export default function NewsEdit({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const n = t.admin.news;
  const values = actionData?.values ?? loaderData.values;
  const errors = actionData?.errors ?? undefined;
  const preview = actionData?.preview ?? null;
  const heading = loaderData.savedTitle === null ? n.newTitle : n.editTitle(loaderData.savedTitle);
  return (
    <>
      <PageTitle title={heading} hasErrors={Boolean(errors)} />
      <p>
        <Link to="/admin/actualites">{n.backToList}</Link>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary
        errors={errors}
        labels={{
          title: n.fields.title,
          newsDate: n.fields.newsDate,
          bodyMarkdown: n.fields.bodyMarkdown,
          publishAt: t.office.news.publishAt,
          homePosition: t.office.news.homePosition,
        }}
      />
      <Form method="post" noValidate className="card">
        <TextField
          name="title"
          label={n.fields.title}
          hint={n.fields.titleHint(NEWS_TITLE_MAX)}
          defaultValue={values.title}
          required
          maxLength={NEWS_TITLE_MAX}
          error={errors?.title}
        />
        <TextField
          name="newsDate"
          type="date"
          label={n.fields.newsDate}
          hint={n.fields.newsDateHint}
          defaultValue={values.newsDate}
          required
          error={errors?.newsDate}
        />
        <TextAreaField
          name="bodyMarkdown"
          label={n.fields.bodyMarkdown}
          hint={n.fields.bodyHint(NEWS_BODY_MAX)}
          defaultValue={values.bodyMarkdown}
          required
          rows={14}
          maxLength={NEWS_BODY_MAX}
          error={errors?.bodyMarkdown}
        />
        <CheckboxField name="published" value="1" label={n.fields.published} defaultChecked={values.published} />
        <TextField
          name="publishAt"
          type="datetime-local"
          label={t.office.news.publishAt}
          hint={t.office.news.publishAtHint}
          defaultValue={values.publishAt}
          error={errors?.publishAt}
        />
        <TextField
          name="homePosition"
          inputMode="numeric"
          pattern="[0-9]*"
          label={t.office.news.homePosition}
          hint={t.office.news.homePositionHint(NEWS_POSITION_MAX)}
          defaultValue={values.homePosition}
          maxLength={2}
          error={errors?.homePosition}
        />
        <div className="form-actions">
          <button type="submit" name="intent" value="save" className="button">
            {t.common.save}
          </button>
          <button type="submit" name="intent" value="preview" className="button button--secondary">
            {n.preview}
          </button>
        </div>
      </Form>
      {preview ? (
        <section aria-labelledby="apercu" className="card preview">
          <h2 id="apercu">{n.previewTitle}</h2>
          <p role="status">{n.previewNote}</p>
          {preview.html === null ? (
            <p>{n.previewEmpty}</p>
          ) : (
            <article className="news-item" aria-labelledby="apercu-titre">
              <h3 id="apercu-titre">{values.title || n.previewTitle}</h3>
              <div className="news-item__body" dangerouslySetInnerHTML={{ __html: preview.html }} />
            </article>
          )}
        </section>
      ) : null}
    </>
  );
}
