import { describe, expect, it } from 'vitest';
import { isCents, mulDivHalfUp, parseEuros, percentOf } from './money';

describe('parseEuros', () => {
  it('reads French and dotted amounts into cents', () => {
    expect(parseEuros('2,85')).toEqual({ ok: true, cents: 285 });
    expect(parseEuros('2.85')).toEqual({ ok: true, cents: 285 });
    expect(parseEuros('2,8')).toEqual({ ok: true, cents: 280 });
    expect(parseEuros('2')).toEqual({ ok: true, cents: 200 });
    expect(parseEuros(' 1\u00A0234,50 € ')).toEqual({ ok: true, cents: 123450 });
    expect(parseEuros('0')).toEqual({ ok: true, cents: 0 });
  });

  it('refuses -1, NaN, 1e309, Infinity, 12,505 and what is too large', () => {
    expect(parseEuros('-1')).toEqual({ ok: false, error: 'negative' });
    expect(parseEuros(-1)).toEqual({ ok: false, error: 'negative' });
    expect(parseEuros('NaN')).toEqual({ ok: false, error: 'format' });
    expect(parseEuros(Number.NaN)).toEqual({ ok: false, error: 'format' });
    expect(parseEuros('1e309')).toEqual({ ok: false, error: 'format' });
    expect(parseEuros(1e309)).toEqual({ ok: false, error: 'format' });
    expect(parseEuros('Infinity')).toEqual({ ok: false, error: 'format' });
    expect(parseEuros('12,505')).toEqual({ ok: false, error: 'too_many_decimals' });
    expect(parseEuros('')).toEqual({ ok: false, error: 'empty' });
    expect(parseEuros('2,85,1')).toEqual({ ok: false, error: 'format' });
    expect(parseEuros('10001')).toEqual({ ok: false, error: 'too_large' });
    expect(parseEuros(null)).toEqual({ ok: false, error: 'format' });
  });
});

describe('cents arithmetic', () => {
  it('rounds half up, per line, without floats', () => {
    expect(percentOf(285, 10)).toBe(29);
    expect(percentOf(285, 50)).toBe(143);
    expect(percentOf(100, 33)).toBe(33);
    expect(percentOf(5, 10)).toBe(1);
    expect(percentOf(4, 10)).toBe(0);
    expect(mulDivHalfUp(Number.MAX_SAFE_INTEGER, 1, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => mulDivHalfUp(1.5, 1, 1)).toThrow(RangeError);
    expect(() => mulDivHalfUp(1, 1, 0)).toThrow(RangeError);
  });

  it('knows a stored amount when it sees one', () => {
    for (const good of [0, 1, 10_000_000]) expect(isCents(good)).toBe(true);
    for (const bad of [-1, Number.NaN, 1e309, 1.5, '12', null]) expect(isCents(bad)).toBe(false);
  });
});
