import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as french from '@zxcvbn-ts/language-fr';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
const MIN_SCORE = 3;

// Built on first use: loading the dictionaries takes a moment and most requests never check a password.
let checker: ZxcvbnFactory | null = null;
function strength(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...french.dictionary },
  });
  return checker;
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_weak';

/**
 * NIST-style policy: length, no composition rules, refuse guessable passwords (French and common dictionaries,
 * plus the user's own identifiers).
 */
export function checkPassword(password: string, userInputs: string[] = []): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  if ([...password].length > PASSWORD_MAX_LENGTH) return 'too_long';
  const inputs = userInputs.filter((s) => s.length > 0).flatMap((s) => [s, ...s.split(/[.@\s_-]+/)]);
  return strength().check(password, inputs).score >= MIN_SCORE ? null : 'too_weak';
}
