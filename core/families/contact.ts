/**
 * « Modifier mes coordonnées » changes made at once: phones (the family's and each guardian's), and the e-mail
 * address, which takes effect only once the family opens a single-use link sent to the new address (stored
 * hashed, like password reset links). Ids from the form are the family's or the change is « not found ».
 */
import type { Actor } from '../accounts/manage-users';
import { generateToken, hashToken } from '../accounts/tokens';
import type { UserRecord } from '../ports';
import { emailChangedMail, emailConfirmationMail } from '../requests/messages-fr';
import { DOSSIER_PATHS, linkTo, sendAll } from '../requests/notify';
import { done, isRollback, refused, Rollback, type Outcome } from '../requests/outcome';
import type { DossierDeps } from './ports';

export const EMAIL_TOKEN_TTL_HOURS = 48;

export async function updatePhones(
  input: { familyId: string; phone: string | null; guardians: { id: string; phone: string | null }[]; actor: Actor },
  deps: DossierDeps,
): Promise<Outcome<{ changed: boolean }, 'not_found'>> {
  const now = deps.clock.now();
  try {
    const changed = await deps.store.transaction(async (repos) => {
      const file = await repos.familyFile.file(input.familyId);
      if (!file) throw new Rollback('not_found');
      for (const g of input.guardians) if (!file.guardians.some((own) => own.id === g.id)) throw new Rollback('not_found');
      const before = { phone: file.phone, guardians: file.guardians.map((g) => ({ id: g.id, phone: g.phone })) };
      const changes = input.guardians.filter((g) => before.guardians.find((b) => b.id === g.id)?.phone !== g.phone);
      if (before.phone === input.phone && changes.length === 0) return false;
      await repos.familyFile.updatePhones(input.familyId, input.phone, input.guardians, now);
      await repos.audit.record(
        {
          actorUserId: input.actor.userId,
          actorLabel: input.actor.label,
          action: 'family.phones_updated',
          target: `family:${input.familyId}`,
          ip: input.actor.ip,
          details: { family: before.phone !== input.phone, guardians: changes.map((g) => g.id) },
        },
        now,
      );
      return true;
    });
    return done({ changed });
  } catch (error) {
    if (isRollback(error)) return refused('not_found');
    throw error;
  }
}

/** Sends the confirmation link to the new address; the account's e-mail does not change yet. */
export async function requestEmailChange(
  input: { user: UserRecord; newEmail: string; commune: string; actor: Actor },
  deps: DossierDeps,
): Promise<Outcome<null, 'same_email'>> {
  if (input.user.email && input.user.email.toLowerCase() === input.newEmail) return refused('same_email');
  const token = generateToken();
  const now = deps.clock.now();
  await deps.store.transaction(async (repos) => {
    await repos.familyFile.createEmailToken({
      tokenHash: hashToken(token),
      userId: input.user.id,
      newEmail: input.newEmail,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_HOURS * 3600_000).toISOString(),
    });
    await repos.audit.record(
      { actorUserId: input.actor.userId, actorLabel: input.actor.label, action: 'email.change_requested', target: `user:${input.user.id}`, ip: input.actor.ip },
      now,
    );
  });
  const link = `${linkTo(deps, DOSSIER_PATHS.confirmEmail)}?token=${encodeURIComponent(token)}`;
  await sendAll([input.newEmail], emailConfirmationMail({ link, commune: input.commune, hours: EMAIL_TOKEN_TTL_HOURS }), deps, 'email confirmation mail');
  return done(null);
}

/** The new address a token would confirm for this user (to show the confirmation button), or null. */
export async function peekEmailChange(input: { token: string; userId: string }, deps: DossierDeps): Promise<string | null> {
  if (!input.token) return null;
  return deps.store.familyFile.peekEmailToken(hashToken(input.token), input.userId, deps.clock.now());
}

/**
 * Uses the token and changes the e-mail in one transaction; an address another account uses is refused and the
 * token stays usable. The old address is told afterwards.
 */
export async function confirmEmailChange(
  input: { token: string; user: UserRecord; commune: string; actor: Actor },
  deps: DossierDeps,
): Promise<Outcome<{ email: string }, 'invalid_token' | 'email_taken'>> {
  const familyId = input.user.familyId;
  if (!input.token || !familyId) return refused('invalid_token');
  const now = deps.clock.now();
  let email: string;
  try {
    email = await deps.store.transaction(async (repos) => {
      const newEmail = await repos.familyFile.consumeEmailToken(hashToken(input.token), input.user.id, now);
      if (!newEmail) throw new Rollback('invalid_token');
      if (await repos.familyFile.emailTaken(newEmail, input.user.id)) throw new Rollback('email_taken');
      await repos.familyFile.changeEmail({ familyId, userId: input.user.id, oldEmail: input.user.email, newEmail }, now);
      await repos.audit.record(
        { actorUserId: input.actor.userId, actorLabel: input.actor.label, action: 'email.changed', target: `user:${input.user.id}`, ip: input.actor.ip },
        now,
      );
      return newEmail;
    });
  } catch (error) {
    if (isRollback(error)) return refused(error.error as 'invalid_token' | 'email_taken');
    throw error;
  }
  if (input.user.email) await sendAll([input.user.email], emailChangedMail({ newEmail: email, commune: input.commune }), deps, 'email changed mail');
  return done({ email });
}
