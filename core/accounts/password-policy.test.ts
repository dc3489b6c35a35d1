import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy';

describe('checkPassword', () => {
  it('requires 12 to 256 characters, counted as characters not bytes', () => {
    expect(checkPassword('Court1!')).toBe('too_short');
    expect(checkPassword('éééééééééééé'.slice(0, 11))).toBe('too_short');
    expect(checkPassword('x'.repeat(257))).toBe('too_long');
  });

  it('refuses common and French dictionary passwords, without composition rules', () => {
    expect(checkPassword('motdepasse12')).toBe('too_weak');
    expect(checkPassword('azertyuiop123')).toBe('too_weak');
    expect(checkPassword('Password1234')).toBe('too_weak');
    expect(checkPassword('une tartine beurrée chaque matin')).toBeNull();
  });

  it('refuses a password built from the user’s own identifiers', () => {
    expect(checkPassword('claire.dupont2026', ['claire.dupont'])).toBe('too_weak');
  });
});
