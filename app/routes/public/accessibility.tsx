import { useRouteLoaderData } from 'react-router';
import type { Route } from './+types/accessibility';
import { PageShell } from '../../components/page-shell';
import { PageTitle } from '../../components/page-title';
import { PublicNav } from '../../components/public-nav';
import { useT } from '../../i18n';
import type { RootData } from '../../root';

export async function loader({ context }: Route.LoaderArgs) {
  const organisation = await context.services.store.organisation.get();
  return { contactEmail: organisation?.contactEmail ?? '' };
}

export default function Accessibility({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const root = useRouteLoaderData<RootData>('root');
  const status = t.common.accessibilityStatus[root?.accessibilityStatus ?? 'non'] ?? 'non';
  return (
    <PageShell nav={<PublicNav />}>
      <PageTitle title={t.accessibility.title} />
      <h1>{t.accessibility.title}</h1>
      <p>{t.accessibility.statement(root?.commune ?? '', status)}</p>
      <h2>{t.accessibility.auditTitle}</h2>
      <p>{t.accessibility.auditText}</p>
      <h2>{t.accessibility.planTitle}</h2>
      <p>{t.accessibility.planText}</p>
      <h2>{t.accessibility.contactTitle}</h2>
      <p>{t.accessibility.contactText(loaderData.contactEmail)}</p>
      <h2>{t.accessibility.remedyTitle}</h2>
      <p>{t.accessibility.remedyText}</p>
    </PageShell>
  );
}
