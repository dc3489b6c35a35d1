import { useRouteLoaderData } from 'react-router';
import { useT } from '../i18n';

/** React 19 hoists <title> into <head>. Pages with form errors get the « Erreur : » prefix (RGAA 11.10). */
export function PageTitle({ title, hasErrors = false }: { title: string; hasErrors?: boolean }) {
  const t = useT();
  const root = useRouteLoaderData('root') as { commune?: string } | undefined;
  const suffix = `${t.common.portalName} – ${root?.commune ?? 'Tartine'}`;
  return <title>{`${hasErrors ? t.common.errorTitlePrefix : ''}${title} – ${suffix}`}</title>;
}
