/**
 * The commune's SEPA creditor settings (back office, Trésorerie › SEPA): the régie's name as creditor, its ICS, IBAN
 * and BIC, checked by validateCreditor before they are saved (one transaction with its audit event). The name keeps
 * the accents the régie is known by on invoices; pain.008 files transliterate it when they are built.
 */
import type { AuditLog, Clock } from '../ports';
import type { Actor } from './ports';
import { validateCreditor, type CreditorField } from './sepa-creditor';
import { maskIban } from './sepa-mandate';

export interface CreditorSettings {
  name: string;
  creditorId: string | null;
  iban: string | null;
  bic: string | null;
}

export interface SepaSettingsRepository {
  creditor(): Promise<CreditorSettings | null>;
  /** false when the commune does not exist yet. */
  saveCreditor(settings: CreditorSettings, now: Date): Promise<boolean>;
}

export interface SepaSettingsRepositories {
  settings: SepaSettingsRepository;
  audit: AuditLog;
}

export interface SepaSettingsStore extends SepaSettingsRepositories {
  transaction<T>(work: (repos: SepaSettingsRepositories) => Promise<T>): Promise<T>;
}

export type SettingsResult = { ok: true; value: CreditorSettings } | { ok: false; errors: Partial<Record<CreditorField | 'form', string>> };

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export async function saveCreditorSettings(
  deps: { store: SepaSettingsStore; clock: Clock },
  input: { name: unknown; creditorId: unknown; iban: unknown; bic: unknown; actor: Actor },
): Promise<SettingsResult> {
  const name = text(input.name).trim().replace(/\s+/g, ' ');
  const checked = validateCreditor({ name, creditorId: text(input.creditorId), iban: text(input.iban), bic: text(input.bic) });
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const settings: CreditorSettings = {
    name,
    creditorId: checked.creditor.creditorId,
    iban: checked.creditor.iban,
    bic: checked.creditor.bic,
  };
  const now = deps.clock.now();
  return deps.store.transaction(async (repos): Promise<SettingsResult> => {
    if (!(await repos.settings.saveCreditor(settings, now)))
      return { ok: false, errors: { form: 'La commune n’est pas encore configurée.' } };
    await repos.audit.record(
      {
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        action: 'sepa.creditor_saved',
        target: 'organisation',
        ip: input.actor.ip ?? null,
        details: { creditorId: settings.creditorId, iban: maskIban(settings.iban ?? ''), bic: settings.bic },
      },
      now,
    );
    return { ok: true, value: settings };
  });
}
