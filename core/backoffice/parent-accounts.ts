/**
 * Parent accounts for the families in the file: created by staff for a selection of families, activated by the
 * parent who chooses their own password (core/accounts/activation.ts). Every guardian with an e-mail gets an
 * account and a link by e-mail; a family where no guardian has an e-mail gets one account for its first guardian,
 * activated with a printed letter carrying a one-time code. Resend, deactivate and reactivate act on one account.
 * No password ever travels in a mail or a letter.
 */
import { issueActivation } from '../accounts/activation';
import { activationMail } from './messages-fr';
import type { Viewer } from './model';
import type { AccountFamily, BackOfficeDeps, BackOfficeRepositories } from './ports';

export const MAX_FAMILIES_PER_BATCH = 500;

/** 'Élodie', 'Le Gall' → 'elodie.le-gall' (the username rule of the users page: [a-z0-9._-]{3,60}). */
export function usernameBase(firstName: string, lastName: string): string {
  const slug = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const base = [slug(firstName), slug(lastName)].filter(Boolean).join('.').slice(0, 54);
  return base.length >= 3 ? base : `parent.${base || 'famille'}`;
}

/** The base itself when free, else base2, base3… */
export function freeUsername(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

export type SkipReason = 'email_taken' | 'already_has_account';

export interface CreateAccountsResult {
  created: { familyId: string; fileNumber: string; username: string; email: string | null }[];
  mailed: number;
  mailFailures: number;
  /** Families whose new account has no e-mail: their letter is to print. */
  needLetter: { familyId: string; fileNumber: string; familyName: string }[];
  skipped: { familyId: string; fileNumber: string; name: string; reason: SkipReason }[];
  /** Families that already had every account they can get. */
  unchanged: number;
}

const actorOf = (viewer: Viewer) => ({ userId: viewer.userId, label: viewer.label, ip: viewer.ip });

async function sendLinks(
  links: { to: string; displayName: string; username: string; token: string; resent: boolean }[],
  deps: Pick<BackOfficeDeps, 'mailer' | 'settings' | 'onError'>,
  commune: string,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const link of links) {
    const url = `${deps.settings.publicUrl}/activer-mon-compte?token=${encodeURIComponent(link.token)}`;
    try {
      await deps.mailer.send({ to: link.to, ...activationMail({ commune, displayName: link.displayName, username: link.username, link: url, resent: link.resent }) });
      sent++;
    } catch (error) {
      failed++;
      deps.onError?.(error, 'activation mail');
    }
  }
  return { sent, failed };
}

/** Creates the accounts the selected families lack; one transaction per family, mails after each commit. */
export async function createParentAccounts(
  input: { familyIds: readonly string[]; viewer: Viewer },
  deps: BackOfficeDeps,
): Promise<CreateAccountsResult> {
  const result: CreateAccountsResult = { created: [], mailed: 0, mailFailures: 0, needLetter: [], skipped: [], unchanged: 0 };
  const ids = [...new Set(input.familyIds)].slice(0, MAX_FAMILIES_PER_BATCH);
  const commune = await deps.store.families.communeName();
  for (const family of await deps.store.accounts.families(ids)) {
    const now = deps.clock.now();
    const outcome = await deps.store
      .transaction(async (repos) => {
        // Read again inside the transaction: a second click or another agent may have created some accounts meanwhile.
        const [fresh] = await repos.accounts.families([family.familyId]);
        return createForFamily(fresh ?? family, input.viewer, repos, now);
      })
      .catch((error: unknown) => {
        if (error instanceof AlreadyLinked) return { created: [], skipped: [{ name: error.guardianName, reason: 'already_has_account' as const }], links: [], needLetter: false };
        throw error;
      });
    result.created.push(...outcome.created.map((c) => ({ familyId: family.familyId, fileNumber: family.fileNumber, username: c.username, email: c.email })));
    result.skipped.push(...outcome.skipped.map((s) => ({ familyId: family.familyId, fileNumber: family.fileNumber, ...s })));
    if (outcome.needLetter) result.needLetter.push({ familyId: family.familyId, fileNumber: family.fileNumber, familyName: family.familyName });
    if (outcome.created.length === 0 && outcome.skipped.length === 0) result.unchanged++;
    const mails = await sendLinks(outcome.links, deps, commune);
    result.mailed += mails.sent;
    result.mailFailures += mails.failed;
  }
  return result;
}

async function createForFamily(family: AccountFamily, viewer: Viewer, repos: BackOfficeRepositories, now: Date) {
  const created: { username: string; email: string | null }[] = [];
  const skipped: { name: string; reason: SkipReason }[] = [];
  const links: { to: string; displayName: string; username: string; token: string; resent: boolean }[] = [];
  const withEmail = family.guardians.filter((g) => g.email);
  // Without any e-mail, the first guardian's account is activated by letter.
  const targets = withEmail.length > 0 ? withEmail : family.guardians.slice(0, 1);
  let needLetter = false;
  for (const guardian of targets) {
    if (guardian.user) continue;
    const displayName = `${guardian.firstName} ${guardian.lastName}`.trim();
    const email = guardian.email?.toLowerCase() ?? null;
    if (email && (await repos.users.findByIdentifier(email))) {
      skipped.push({ name: displayName, reason: 'email_taken' });
      continue;
    }
    const base = usernameBase(guardian.firstName, guardian.lastName);
    const username = freeUsername(base, new Set(await repos.accounts.usernamesLike(base)));
    const user = await repos.users.create({ username, email, displayName, passwordHash: null, role: 'parent', familyId: family.familyId }, now);
    if (!(await repos.accounts.linkGuardian(guardian.id, user.id))) throw new AlreadyLinked(displayName);
    await repos.audit.record(
      { actorUserId: viewer.userId, actorLabel: viewer.label, action: 'user.created', target: `user:${user.id}`, ip: viewer.ip, details: { role: 'parent', username, family: family.fileNumber } },
      now,
    );
    created.push({ username, email });
    if (email) {
      const token = await issueActivation(user, 'activation', actorOf(viewer), repos, now);
      links.push({ to: email, displayName, username, token, resent: false });
    } else needLetter = true;
  }
  return { created, skipped, links, needLetter };
}

/** Rolls the family's transaction back: its guardian got an account concurrently. */
class AlreadyLinked extends Error {
  constructor(readonly guardianName: string) {
    super('guardian already linked');
  }
}

export type AccountActionError = 'not_found' | 'not_pending' | 'no_email' | 'inactive';

async function familyAccount(familyId: string, userId: string, repos: Pick<BackOfficeRepositories, 'users'>) {
  const user = await repos.users.findById(userId);
  return user && user.role === 'parent' && user.familyId === familyId ? user : null;
}

/** A new activation link for an account not yet activated (the earlier link stops working). */
export async function resendActivation(
  input: { familyId: string; userId: string; viewer: Viewer },
  deps: BackOfficeDeps,
): Promise<{ ok: true } | { ok: false; error: AccountActionError | 'mail_failed' }> {
  const user = await familyAccount(input.familyId, input.userId, deps.store);
  if (!user) return { ok: false, error: 'not_found' };
  if (!user.active) return { ok: false, error: 'inactive' };
  if (user.passwordHash !== null) return { ok: false, error: 'not_pending' };
  if (!user.email) return { ok: false, error: 'no_email' };
  const token = await deps.store.transaction((repos) => issueActivation(user, 'activation', actorOf(input.viewer), repos, deps.clock.now()));
  const commune = await deps.store.families.communeName();
  const mails = await sendLinks([{ to: user.email, displayName: user.displayName, username: user.username, token, resent: true }], deps, commune);
  return mails.sent === 1 ? { ok: true } : { ok: false, error: 'mail_failed' };
}

/** Deactivating ends the account's sessions at once; reactivating lets the parent sign in again. */
export async function setParentAccountActive(
  input: { familyId: string; userId: string; active: boolean; viewer: Viewer },
  deps: BackOfficeDeps,
): Promise<{ ok: true } | { ok: false; error: 'not_found' }> {
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const user = await familyAccount(input.familyId, input.userId, repos);
    if (!user) return { ok: false as const, error: 'not_found' as const };
    await repos.users.setActive(user.id, input.active, now);
    if (!input.active) await repos.sessions.deleteForUser(user.id);
    await repos.audit.record(
      { actorUserId: input.viewer.userId, actorLabel: input.viewer.label, action: input.active ? 'user.activated' : 'user.deactivated', target: `user:${user.id}`, ip: input.viewer.ip },
      now,
    );
    return { ok: true as const };
  });
}

export interface ActivationLetter {
  familyId: string;
  fileNumber: string;
  familyName: string;
  addressLine: string;
  postalCode: string;
  city: string;
  recipient: string;
  username: string;
  /** Shown once, on the printed letter; only its hash is stored. */
  code: string;
}

/**
 * Letters for the selected families' accounts that have no e-mail and no password yet: a new one-time code each
 * (the codes of earlier letters stop working). Returned once, to print.
 */
export async function printActivationLetters(input: { familyIds: readonly string[]; viewer: Viewer }, deps: BackOfficeDeps): Promise<ActivationLetter[]> {
  const ids = [...new Set(input.familyIds)].slice(0, MAX_FAMILIES_PER_BATCH);
  const families = await deps.store.accounts.families(ids);
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const letters: ActivationLetter[] = [];
    for (const family of families) {
      for (const guardian of family.guardians) {
        const user = guardian.user;
        if (!user || user.email || user.passwordSet || !user.active) continue;
        const code = await issueActivation({ id: user.id, username: user.username }, 'activation_code', actorOf(input.viewer), repos, now);
        letters.push({
          familyId: family.familyId,
          fileNumber: family.fileNumber,
          familyName: family.familyName,
          addressLine: family.addressLine,
          postalCode: family.postalCode,
          city: family.city,
          recipient: `${guardian.firstName} ${guardian.lastName}`.trim(),
          username: user.username,
          code,
        });
      }
    }
    return letters;
  });
}
