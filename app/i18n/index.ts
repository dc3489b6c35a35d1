import { useRouteLoaderData } from 'react-router';
import { en } from './en';
import { fr, type Catalog } from './fr';

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const catalogs: Record<Lang, Catalog> = { fr, en };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function catalogFor(lang: Lang): Catalog {
  return catalogs[lang];
}

/** The catalog of the language the root loader chose for this request. */
export function useT(): Catalog {
  const data = useRouteLoaderData('root') as { lang?: Lang } | undefined;
  return catalogFor(data?.lang ?? 'fr');
}

export type { Catalog };
