import type { Actor } from '../accounts/manage-users';
import { instantToParis, isWallClockTime, parisWallClockToInstant } from '../calendar';
import type { Clock } from '../ports';
import type { ContentStore, NewsInput, NewsItem } from './types';

export const NEWS_TITLE_MAX = 200;
export const NEWS_BODY_MAX = 20_000;
/** Home page positions go from 1 (first) to this. */
export const NEWS_POSITION_MAX = 99;

export type NewsField = 'title' | 'newsDate' | 'bodyMarkdown' | 'publishAt' | 'homePosition';
export type NewsProblem = 'required' | 'too_long' | 'invalid_date' | 'invalid_position';
export type NewsErrors = Partial<Record<NewsField, NewsProblem>>;

/** What a form posts: anything, checked here. */
export interface RawNewsInput {
  title?: unknown;
  newsDate?: unknown;
  bodyMarkdown?: unknown;
  published?: unknown;
  /** « Publier le … »: a Paris wall clock 'YYYY-MM-DDTHH:MM' (an <input type="datetime-local">); empty: at once. */
  publishAt?: unknown;
  /** Place on the home page, 1 to 99; empty: not pinned. */
  homePosition?: unknown;
}

/** 'YYYY-MM-DD' naming a real day of the Gregorian calendar (2026-02-29 is not one), with string arithmetic only. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= lengths[month - 1];
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A Paris wall clock 'YYYY-MM-DDTHH:MM' (seconds tolerated, as some browsers send them) → ISO UTC instant. */
export function parisDateTimeToIso(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::00(?:\.000)?)?$/.exec(value);
  if (!match || !isCalendarDate(match[1]) || !isWallClockTime(match[2])) return null;
  return parisWallClockToInstant(match[1], match[2]).toISOString();
}

/** ISO UTC instant → the Paris wall clock an <input type="datetime-local"> shows. */
export function isoToParisDateTime(iso: string): string {
  const { day, time } = instantToParis(new Date(iso));
  return `${day}T${time}`;
}

/** Whether the public home shows the item at `now`. */
export function isOnHome(news: Pick<NewsItem, 'published' | 'publishAt'>, now: Date): boolean {
  return news.published && (news.publishAt === null || news.publishAt <= now.toISOString());
}

/** For staff: a draft, published but not yet due (« programmée »), or on the home page. */
export function newsState(news: Pick<NewsItem, 'published' | 'publishAt'>, now: Date): 'draft' | 'scheduled' | 'online' {
  if (!news.published) return 'draft';
  return isOnHome(news, now) ? 'online' : 'scheduled';
}

/**
 * Title required (≤ 200 characters, trimmed), date a valid calendar day, body required (≤ 20,000 characters, line
 * endings normalised so a browser's CRLF does not count twice). `published` is a checkbox: '1', 'on' or true.
 * Optional: the publication instant (Paris wall clock) and the home page position (1–99).
 */
export function validateNews(input: RawNewsInput): { ok: true; value: NewsInput } | { ok: false; errors: NewsErrors } {
  const title = text(input.title).trim();
  const newsDate = text(input.newsDate).trim();
  const bodyMarkdown = text(input.bodyMarkdown).replace(/\r\n?/g, '\n');
  const published = input.published === true || input.published === '1' || input.published === 'on';
  const publishAtText = text(input.publishAt).trim();
  const publishAt = publishAtText ? parisDateTimeToIso(publishAtText) : null;
  const positionText = typeof input.homePosition === 'number' ? String(input.homePosition) : text(input.homePosition).trim();
  const homePosition = /^\d{1,2}$/.test(positionText) && Number(positionText) >= 1 && Number(positionText) <= NEWS_POSITION_MAX ? Number(positionText) : null;
  const errors: NewsErrors = {};
  if (!title) errors.title = 'required';
  else if (title.length > NEWS_TITLE_MAX) errors.title = 'too_long';
  if (!newsDate) errors.newsDate = 'required';
  else if (!isCalendarDate(newsDate)) errors.newsDate = 'invalid_date';
  if (!bodyMarkdown.trim()) errors.bodyMarkdown = 'required';
  else if (bodyMarkdown.length > NEWS_BODY_MAX) errors.bodyMarkdown = 'too_long';
  if (publishAtText && publishAt === null) errors.publishAt = 'invalid_date';
  if (positionText && homePosition === null) errors.homePosition = 'invalid_position';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { title, newsDate, bodyMarkdown: bodyMarkdown.trim(), published, publishAt, homePosition } };
}

export type SaveNewsResult =
  | { ok: true; news: NewsItem; created: boolean }
  | { ok: false; error: 'invalid'; errors: NewsErrors }
  | { ok: false; error: 'not_found' };

/** Creates (no id) or updates a news item, with its audit event in the same transaction. */
export async function saveNews(
  options: { id?: string | null; input: RawNewsInput; actor: Actor },
  deps: { store: ContentStore; clock: Clock },
): Promise<SaveNewsResult> {
  const checked = validateNews(options.input);
  if (!checked.ok) return { ok: false, error: 'invalid', errors: checked.errors };
  const input = checked.value;
  const now = deps.clock.now();
  return deps.store.transaction(async (repos): Promise<SaveNewsResult> => {
    let news: NewsItem;
    let created: boolean;
    if (options.id) {
      const before = await repos.news.find(options.id);
      if (!before || !(await repos.news.update(before.id, input, now))) return { ok: false, error: 'not_found' };
      news = { ...before, ...input, updatedAt: now.toISOString() };
      created = false;
    } else {
      news = await repos.news.create(input, options.actor.userId, now);
      created = true;
    }
    await repos.audit.record(
      {
        actorUserId: options.actor.userId,
        actorLabel: options.actor.label,
        action: created ? 'news.created' : 'news.updated',
        target: `news:${news.id}`,
        ip: options.actor.ip,
        details: { title: news.title, published: news.published, publishAt: news.publishAt, homePosition: news.homePosition },
      },
      now,
    );
    return { ok: true, news, created };
  });
}

/** Publishes or withdraws a news item; a no-op change (already in that state) writes nothing. */
export async function setNewsPublished(
  options: { id: string; published: boolean; actor: Actor },
  deps: { store: ContentStore; clock: Clock },
): Promise<{ ok: true; news: NewsItem; changed: boolean } | { ok: false; error: 'not_found' }> {
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const news = await repos.news.find(options.id);
    if (!news) return { ok: false as const, error: 'not_found' as const };
    if (news.published === options.published) return { ok: true as const, news, changed: false };
    await repos.news.setPublished(news.id, options.published, now);
    await repos.audit.record(
      {
        actorUserId: options.actor.userId,
        actorLabel: options.actor.label,
        action: options.published ? 'news.published' : 'news.unpublished',
        target: `news:${news.id}`,
        ip: options.actor.ip,
        details: { title: news.title },
      },
      now,
    );
    return { ok: true as const, news: { ...news, published: options.published, updatedAt: now.toISOString() }, changed: true };
  });
}
