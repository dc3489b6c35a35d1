import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from 'react-router';
import type { Route } from './+types/root';
import { PageShell } from './components/page-shell';
import { PageTitle } from './components/page-title';
import { catalogFor, useT, type Lang } from './i18n';
import stylesheet from './styles/app.css?url';
import { useNonce } from './web/nonce';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: stylesheet }];

export async function loader({ context }: Route.LoaderArgs) {
  const [organisation, session] = await Promise.all([context.services.store.organisation.get(), context.session()]);
  return {
    lang: context.lang,
    commune: organisation?.communeName ?? 'Tartine',
    accessibilityStatus: organisation?.accessibilityStatus ?? 'non',
    user: session ? { name: session.user.displayName, role: session.user.role } : null,
    requestId: context.requestId,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<RootData>('root');
  const nonce = useNonce();
  const lang: Lang = data?.lang ?? 'fr';
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {/* Stylesheets and module preloads are same-origin (CSP 'self'): no nonce, which browsers hide from
            the DOM and would make hydration complain. */}
        <Links nonce="" />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const data = useRouteLoaderData<RootData>('root');
  const t = data ? catalogFor(data.lang) : catalogFor('fr');
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, text] =
    status === 404
      ? [t.errors.notFoundTitle, t.errors.notFoundText]
      : status === 403
        ? [t.errors.forbiddenTitle, t.errors.forbiddenText]
        : status >= 400 && status < 500
          ? [t.errors.badRequestTitle, t.errors.badRequestText]
          : [t.errors.serverTitle, t.errors.serverText];
  return (
    <ErrorPage title={title} text={text} reference={status >= 500 ? data?.requestId : undefined} />
  );
}

function ErrorPage({ title, text, reference }: { title: string; text: string; reference?: string }) {
  const t = useT();
  return (
    <PageShell>
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p>{text}</p>
      {reference ? <p>{t.errors.reference(reference)}</p> : null}
      <p>
        <a href="/">{t.common.home}</a>
      </p>
    </PageShell>
  );
}
