import { describe, expect, it } from 'vitest';
import { isCalendarDate, isOnHome, isoToParisDateTime, NEWS_BODY_MAX, NEWS_TITLE_MAX, newsState, parisDateTimeToIso, validateNews } from './news';

const actor = { userId: 'u-1', label: 'agent', ip: '192.0.2.1' };
const clock = { now: () => new Date('2026-03-02T09:00:00.000Z') };

describe('isCalendarDate', () => {
  it('accepts real days, leap days included', () => {
    for (const day of ['2026-01-31', '2024-02-29', '2000-02-29', '2026-12-31']) expect(isCalendarDate(day)).toBe(true);
  });
  it('refuses impossible days and other formats', () => {
    for (const day of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '26-01-01', '2026-1-1', '01/02/2026', '2026-01-01T00:00', '']) {
      expect(isCalendarDate(day), day).toBe(false);
    }
  });
});

describe('validateNews', () => {
  const good = { title: '  Menus de mars  ', newsDate: '2026-03-02', bodyMarkdown: 'Les **menus**\r\nsont en ligne.', published: '1' };

  it('trims, normalises line endings and reads the checkbox', () => {
    expect(validateNews(good)).toEqual({
      ok: true,
      value: { title: 'Menus de mars', newsDate: '2026-03-02', bodyMarkdown: 'Les **menus**\nsont en ligne.', published: true, publishAt: null, homePosition: null },
    });
    expect(validateNews({ ...good, published: undefined })).toMatchObject({ ok: true, value: { published: false } });
  });

  it('reports every problem at once, by field', () => {
    expect(validateNews({})).toEqual({ ok: false, errors: { title: 'required', newsDate: 'required', bodyMarkdown: 'required' } });
    expect(validateNews({ ...good, title: '   ', bodyMarkdown: ' \n ', newsDate: '2026-02-30' })).toEqual({
      ok: false,
      errors: { title: 'required', newsDate: 'invalid_date', bodyMarkdown: 'required' },
    });
  });

  it('bounds the title to 200 and the body to 20,000 characters', () => {
    expect(validateNews({ ...good, title: 'a'.repeat(NEWS_TITLE_MAX) }).ok).toBe(true);
    expect(validateNews({ ...good, title: 'a'.repeat(NEWS_TITLE_MAX + 1) })).toEqual({ ok: false, errors: { title: 'too_long' } });
    expect(validateNews({ ...good, bodyMarkdown: 'b'.repeat(NEWS_BODY_MAX) }).ok).toBe(true);
    expect(validateNews({ ...good, bodyMarkdown: 'b'.repeat(NEWS_BODY_MAX + 1) })).toEqual({ ok: false, errors: { bodyMarkdown: 'too_long' } });
    // 10,000 browser line breaks (CRLF) are 10,000 characters, as the textarea's own count says.
    expect(validateNews({ ...good, bodyMarkdown: 'a\r\n'.repeat(NEWS_BODY_MAX / 2) }).ok).toBe(true);
  });

  it('ignores values that are not strings', () => {
    expect(validateNews({ title: ['x'], newsDate: 20260302, bodyMarkdown: { a: 1 } }).ok).toBe(false);
  });
});

describe('publication instant and home position', () => {
  const good = { title: 'Menus', newsDate: '2026-03-02', bodyMarkdown: 'Texte', published: '1' };

  it('reads « publier le » as a Paris wall clock, winter and summer time', () => {
    expect(parisDateTimeToIso('2026-03-02T08:00')).toBe('2026-03-02T07:00:00.000Z');
    expect(parisDateTimeToIso('2026-07-14T08:00')).toBe('2026-07-14T06:00:00.000Z');
    expect(parisDateTimeToIso('2026-07-14T08:00:00')).toBe('2026-07-14T06:00:00.000Z');
    expect(isoToParisDateTime('2026-07-14T06:00:00.000Z')).toBe('2026-07-14T08:00');
    for (const bad of ['2026-02-30T08:00', '2026-03-02T24:00', '2026-03-02 08:00', '2026-03-02', 'demain']) expect(parisDateTimeToIso(bad), bad).toBeNull();
    expect(validateNews({ ...good, publishAt: ' 2026-03-10T18:30 ' })).toMatchObject({ ok: true, value: { publishAt: '2026-03-10T17:30:00.000Z' } });
    expect(validateNews({ ...good, publishAt: '' })).toMatchObject({ ok: true, value: { publishAt: null } });
    expect(validateNews({ ...good, publishAt: '2026-13-01T08:00' })).toEqual({ ok: false, errors: { publishAt: 'invalid_date' } });
  });

  it('accepts a home position from 1 to 99, or none', () => {
    expect(validateNews({ ...good, homePosition: '1' })).toMatchObject({ ok: true, value: { homePosition: 1 } });
    expect(validateNews({ ...good, homePosition: ' 99 ' })).toMatchObject({ ok: true, value: { homePosition: 99 } });
    expect(validateNews({ ...good, homePosition: '' })).toMatchObject({ ok: true, value: { homePosition: null } });
    for (const bad of ['0', '100', '-1', '1.5', 'un', '1e1']) expect(validateNews({ ...good, homePosition: bad }), bad).toEqual({ ok: false, errors: { homePosition: 'invalid_position' } });
  });

  it('shows a published item on the home page only from its instant', () => {
    const at = '2026-03-02T07:00:00.000Z';
    expect(isOnHome({ published: true, publishAt: at }, new Date('2026-03-02T06:59:59.999Z'))).toBe(false);
    expect(isOnHome({ published: true, publishAt: at }, new Date(at))).toBe(true);
    expect(isOnHome({ published: true, publishAt: null }, clock.now())).toBe(true);
    expect(isOnHome({ published: false, publishAt: null }, clock.now())).toBe(false);
    expect(newsState({ published: true, publishAt: '2026-03-03T07:00:00.000Z' }, clock.now())).toBe('scheduled');
    expect(newsState({ published: true, publishAt: at }, clock.now())).toBe('online');
    expect(newsState({ published: false, publishAt: '2026-03-03T07:00:00.000Z' }, clock.now())).toBe('draft');
  });
});
