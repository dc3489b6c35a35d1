import { describe, expect, it } from 'vitest';
import { toWinAnsi } from './win-ansi';

describe('toWinAnsi', () => {
  it('keeps French text, the euro sign, typographic quotes and no-break spaces', () => {
    const french = 'Œuvre « été » – 1\u00a0234,56\u00a0€ l’été…';
    expect(toWinAnsi(french)).toBe(french);
  });

  it('drops accents the standard fonts lack and replaces look-alikes, never printing garbage', () => {
    expect(toWinAnsi('Łukasz Ağaoğlu Dvořák')).toBe('Lukasz Agaoglu Dvorák');
    expect(toWinAnsi('Zoe\u0308 He\u0301lène')).toBe('Zoë Hélène');
    expect(toWinAnsi('12\u202f345 −3')).toBe('12\u00a0345 -3');
    expect(toWinAnsi('李 😀')).toBe('? ?');
  });
});
