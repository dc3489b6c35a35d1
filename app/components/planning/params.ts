/**
 * The planning's URL: ?enfant=<childId>&vue=mois|quinzaine|semaine&date=YYYY-MM-DD[&mode=modifier].
 * French words in the URL, as parents see it; the domain's view kinds inside.
 */
import type { PlanningViewKind } from '../../../core/booking/model';
import { isPlainDate, type PlainDate } from '../../../core/calendar/plain-date';

export const VIEW_WORDS: Record<PlanningViewKind, string> = { month: 'mois', fortnight: 'quinzaine', week: 'semaine' };
const VIEWS_BY_WORD: Record<string, PlanningViewKind> = { mois: 'month', quinzaine: 'fortnight', semaine: 'week' };

export function viewFromWord(word: string | null | undefined): PlanningViewKind | null {
  return word && Object.hasOwn(VIEWS_BY_WORD, word) ? VIEWS_BY_WORD[word] : null;
}

export interface PlanningQuery {
  childId: string | null;
  view: PlanningViewKind;
  date: PlainDate | null;
  edit: boolean;
  /** A date was given but is not a real 'YYYY-MM-DD' day. */
  badDate: boolean;
}

/** Child ids are opaque text ids: anything longer or stranger cannot be one (answered as not found). */
export function cleanId(value: FormDataEntryValue | string | null | undefined): string | null {
  if (typeof value !== 'string' || value === '') return null;
  return value.slice(0, 80);
}

export function parsePlanningQuery(params: URLSearchParams): PlanningQuery {
  const rawDate = params.get('date');
  const date = rawDate && isPlainDate(rawDate) ? rawDate : null;
  return {
    childId: cleanId(params.get('enfant')),
    view: viewFromWord(params.get('vue')) ?? 'month',
    date,
    edit: params.get('mode') === 'modifier',
    badDate: Boolean(rawDate) && date === null,
  };
}

export interface PlanningLink {
  childId?: string | null;
  view?: PlanningViewKind;
  date?: PlainDate | null;
  edit?: boolean;
  extra?: Record<string, string>;
}

/** `${base}?enfant=…&vue=…&date=…` with only the given parts. */
export function planningHref(base: string, link: PlanningLink): string {
  const params = new URLSearchParams();
  if (link.childId) params.set('enfant', link.childId);
  if (link.view) params.set('vue', VIEW_WORDS[link.view]);
  if (link.date) params.set('date', link.date);
  if (link.edit) params.set('mode', 'modifier');
  for (const [key, value] of Object.entries(link.extra ?? {})) params.set(key, value);
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}
