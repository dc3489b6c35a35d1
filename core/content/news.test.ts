import { describe, expect, it } from 'vitest';
import { isCalendarDate, NEWS_BODY_MAX, NEWS_TITLE_MAX, validateNews } from './news';

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
      value: { title: 'Menus de mars', newsDate: '2026-03-02', bodyMarkdown: 'Les **menus**\nsont en ligne.', published: true },
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
