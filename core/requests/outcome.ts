/** Results of the dossier use cases, and the error that rolls a transaction back with a reason. */

export type Outcome<T, E extends string> = { ok: true; value: T } | { ok: false; error: E; fields?: Record<string, string> };

export const done = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const refused = <E extends string>(error: E, fields?: Record<string, string>): { ok: false; error: E; fields?: Record<string, string> } =>
  fields ? { ok: false, error, fields } : { ok: false, error };

/** Thrown inside a transaction to undo it; caught by the use case, which answers `error`. */
export class Rollback<E extends string = string> extends Error {
  constructor(readonly error: E, readonly fields?: Record<string, string>) {
    super(error);
  }
}

export function isRollback(error: unknown): error is Rollback {
  return error instanceof Rollback;
}

/** Ids from URLs and forms: UUIDs only (anything else is simply unknown). */
export function cleanUuid(value: unknown): string | null {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.trim()) ? value.trim().toLowerCase() : null;
}
