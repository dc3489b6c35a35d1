import { useLoaderData } from 'react-router';
import type { Route } from './+types/home';
import { LoginBox } from '../../components/login-box';
import { PageShell } from '../../components/page-shell';
import { PageTitle } from '../../components/page-title';
import { PublicNav } from '../../components/public-nav';
import { useT } from '../../i18n';
import { formatLongDate } from '../../web/format';

export async function loader({ context }: Route.LoaderArgs) {
  const { store, renderMarkdown } = context.services;
  const [news, documents, session] = await Promise.all([store.news.listPublished(20, context.services.clock.now()), store.documents.listPublished(), context.session()]);
  return {
    signedIn: session !== null,
    news: news.map((n) => ({ id: n.id, title: n.title, date: n.newsDate, html: renderMarkdown(n.bodyMarkdown) })),
    documents: documents.map((d) => ({ id: d.id, title: d.title, description: d.description, fileName: d.fileName, sizeBytes: d.sizeBytes, mediaType: d.mediaType })),
  };
}

export default function Home() {
  const { news, documents, signedIn } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <PageShell nav={<PublicNav />}>
      <PageTitle title={t.home.title} />
      <h1 className="visually-hidden">{t.home.title}</h1>
      <p className="lead">{t.home.intro}</p>
      <div className="home-grid">
        <section aria-labelledby="actualites" className="home-grid__news">
          <h2 id="actualites">{t.home.news}</h2>
          {news.length === 0 ? <p>{t.home.noNews}</p> : null}
          {news.map((item) => (
            <article key={item.id} className="news-item" aria-labelledby={`news-${item.id}`}>
              <h3 id={`news-${item.id}`}>{item.title}</h3>
              <p className="news-item__date">
                <time dateTime={item.date}>{formatLongDate(item.date, t.lang.code)}</time>
              </p>
              <div className="news-item__body" dangerouslySetInnerHTML={{ __html: item.html }} />
            </article>
          ))}
        </section>
        <div className="home-grid__side">
          {signedIn ? null : <LoginBox />}
          <section aria-labelledby="documents" className="card">
            <h2 id="documents">{t.home.documents}</h2>
            <p>{t.home.documentsIntro}</p>
            {documents.length === 0 ? (
              <p>{t.home.noDocuments}</p>
            ) : (
              <ul className="document-list">
                {documents.map((doc) => (
                  <li key={doc.id}>
                    <a href={`/documents/${doc.id}`} download>
                      {doc.title}
                    </a>{' '}
                    <span className="document-list__meta">
                      ({doc.mediaType === 'application/pdf' ? 'PDF' : doc.mediaType === 'image/png' ? 'PNG' : 'JPEG'}, {t.common.bytes(doc.sizeBytes)})
                    </span>
                    {doc.description ? <p className="document-list__description">{doc.description}</p> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </PageShell>
  );
}
