import { describe, expect, it } from 'vitest';
import { departementFromInseeCode, normalizeDepartementCode } from './departement';

describe('normalizeDepartementCode', () => {
  it('canonicalises valid codes', () => {
    expect(normalizeDepartementCode('75')).toBe('75');
    expect(normalizeDepartementCode(' 1 ')).toBe('01');
    expect(normalizeDepartementCode('2a')).toBe('2A');
    expect(normalizeDepartementCode('974')).toBe('974');
    expect(normalizeDepartementCode('988')).toBe('988');
  });
  it('rejects non-codes', () => {
    for (const bad of ['', '00', '20', '96', '970', '979', '99', '2C', '750', 'AB', '7 5']) {
      expect(normalizeDepartementCode(bad), bad).toBeNull();
    }
  });
});

describe('departementFromInseeCode', () => {
  it('takes two or three characters', () => {
    expect(departementFromInseeCode('75056')).toBe('75');
    expect(departementFromInseeCode('01053')).toBe('01');
    expect(departementFromInseeCode('2A004')).toBe('2A');
    expect(departementFromInseeCode('97411')).toBe('974');
    expect(departementFromInseeCode('97701')).toBe('977');
    expect(departementFromInseeCode('98735')).toBe('987');
  });
  it('rejects malformed codes', () => {
    for (const bad of ['7505', '750560', '2C004', 'abcde', '96001', '']) expect(departementFromInseeCode(bad), bad).toBeNull();
  });
});
