import { describe, expect, it } from 'vitest';
import { formatEuros, groupThousands } from './format';

const S = '\u00A0';

describe('formatEuros', () => {
  it('writes cents the French way with a no-break space before the euro sign', () => {
    expect(formatEuros(235)).toBe(`2,35${S}€`);
    expect(formatEuros(0)).toBe(`0,00${S}€`);
    expect(formatEuros(5)).toBe(`0,05${S}€`);
    expect(formatEuros(650)).toBe(`6,50${S}€`);
  });
  it('groups thousands with the same no-break space', () => {
    expect(formatEuros(123456)).toBe(`1${S}234,56${S}€`);
    expect(formatEuros(100000000)).toBe(`1${S}000${S}000,00${S}€`);
    expect(groupThousands(1900)).toBe(`1${S}900`);
    expect(groupThousands(999)).toBe('999');
  });
  it('writes credits with a leading minus', () => {
    expect(formatEuros(-490)).toBe(`-4,90${S}€`);
    expect(formatEuros(-1)).toBe(`-0,01${S}€`);
  });
  it('refuses what is not an integer amount of cents', () => {
    for (const bad of [1.5, Number.NaN, Infinity, 2 ** 60]) expect(() => formatEuros(bad)).toThrow(RangeError);
  });
  it('never contains a plain space', () => {
    expect(formatEuros(1234567)).not.toContain(' ');
  });
});
