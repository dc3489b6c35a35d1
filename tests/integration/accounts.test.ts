import { expect, it } from 'vitest';
import { createUser, changeUserRole, setUserActive } from '../../core/accounts/manage-users';
import { login } from '../../core/accounts/login';
import { logout, resolveSession } from '../../core/accounts/current-session';
import { issueResetToken, requestPasswordReset, resetPassword } from '../../core/accounts/password-reset';
import type { Clock, Mailer, MailMessage } from '../../core/ports';
import type { DatabaseHandle } from '../../adapters/db/create-db';
import { createStore } from '../../adapters/db/store';
import { databaseLoginThrottle } from '../../adapters/security/login-throttle';
import { argon2Hasher } from '../../adapters/security/password-hasher';
import { describeEachDialect } from '../harness/databases';

const PASSWORD = 'Une tartine beurrée chaque matin';
const hasher = argon2Hasher();

function movableClock(start = '2026-11-27T08:00:00Z'): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

function recordingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, send: async (m) => void sent.push(m) };
}

async function setup(handle: DatabaseHandle) {
  const clock = movableClock();
  const store = createStore(handle.db);
  const deps = { store, hasher, throttle: databaseLoginThrottle(handle), clock };
  const created = await createUser(
    { username: 'Claire.Dupont', email: 'Claire@Example.fr', displayName: 'Claire Dupont', role: 'agent', password: PASSWORD, actor: { userId: null, label: 'test', ip: null } },
    deps,
  );
  if (!created.ok) throw new Error(created.error);
  return { ...deps, user: created.user };
}

const attempt = (password: string, identifier = 'claire.dupont', remember = false) => ({
  identifier,
  password,
  remember,
  ip: '203.0.113.7',
  userAgent: 'vitest',
});

describeEachDialect('accounts', (getHandle) => {
  it('logs in by username or e-mail, case-insensitively, and resolves the session', async () => {
    const deps = await setup(getHandle());
    const byName = await login(attempt(PASSWORD, 'CLAIRE.DUPONT'), deps);
    const byMail = await login(attempt(PASSWORD, 'claire@example.fr'), deps);
    expect(byName.ok && byMail.ok).toBe(true);
    if (!byName.ok || !byMail.ok) return;
    expect(byName.sessionToken).not.toBe(byMail.sessionToken);
    const current = await resolveSession(byName.sessionToken, deps);
    expect(current?.user.username).toBe('claire.dupont');
    // Only the hash is stored: the clear token is not a key of the table.
    expect(await deps.store.sessions.find(byName.sessionToken)).toBeNull();
  });

  it('gives the same answer for a wrong password and an unknown account, and audits both', async () => {
    const deps = await setup(getHandle());
    expect(await login(attempt('pas le bon mot de passe'), deps)).toEqual({ ok: false, error: 'invalid_credentials' });
    expect(await login(attempt(PASSWORD, 'personne'), deps)).toEqual({ ok: false, error: 'invalid_credentials' });
    const events = await deps.store.audit.list({ limit: 10, offset: 0 });
    expect(events.filter((e) => e.action === 'login.failed')).toHaveLength(2);
  });

  it('refuses the 11th attempt within 10 minutes, even with the right password, and a reset clears it', async () => {
    const deps = await setup(getHandle());
    for (let i = 0; i < 10; i++) {
      expect(await login(attempt(`faux-${i}`), deps)).toEqual({ ok: false, error: 'invalid_credentials' });
    }
    const blocked = await login(attempt(PASSWORD), deps);
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) expect(blocked.error).toBe('too_many_attempts');
    // The account is locked, not one spelling of it: its e-mail address is refused too.
    const byEmail = await login(attempt(PASSWORD, 'claire@example.fr'), deps);
    expect(byEmail.ok ? 'ok' : byEmail.error).toBe('too_many_attempts');

    const token = await issueResetToken(deps.user, { actorUserId: null, actorLabel: 'test', ip: 'x' }, deps);
    const reset = await resetPassword({ token, password: 'Le chat de la cantine dort au soleil', ip: 'x' }, deps);
    expect(reset.ok).toBe(true);
    expect((await login(attempt('Le chat de la cantine dort au soleil'), deps)).ok).toBe(true);
  });

  it('ends a browser session after 1 hour idle, keeps a remembered one 30 days, and logout is server-side', async () => {
    const deps = await setup(getHandle());
    const short = await login(attempt(PASSWORD), deps);
    const long = await login(attempt(PASSWORD, 'claire.dupont', true), deps);
    if (!short.ok || !long.ok) throw new Error('login failed');
    deps.clock.advance(59 * 60 * 1000);
    expect(await resolveSession(short.sessionToken, deps)).not.toBeNull();
    deps.clock.advance(59 * 60 * 1000);
    expect(await resolveSession(short.sessionToken, deps)).not.toBeNull();
    deps.clock.advance(61 * 60 * 1000);
    expect(await resolveSession(short.sessionToken, deps)).toBeNull();
    const current = await resolveSession(long.sessionToken, deps);
    expect(current).not.toBeNull();
    await logout(current!, '203.0.113.7', deps);
    expect(await resolveSession(long.sessionToken, deps)).toBeNull();
    expect((await deps.store.audit.list({ limit: 20, offset: 0 })).map((e) => e.action)).toContain('logout');
  });

  it('e-mails a single-use reset link valid one hour; resetting ends every session', async () => {
    const deps = await setup(getHandle());
    const mailer = recordingMailer();
    const session = await login(attempt(PASSWORD), deps);
    if (!session.ok) throw new Error('login failed');
    const request = (identifier: string) =>
      requestPasswordReset(
        { identifier, ip: 'x', linkFor: (t) => `https://portail.test/r?token=${t}`, mail: { subject: 'Réinitialisation', text: (link) => link } },
        { ...deps, mailer },
      );
    await request('inconnu@example.fr');
    expect(mailer.sent).toHaveLength(0);
    await request('claire@example.fr');
    expect(mailer.sent).toHaveLength(1);
    const token = new URL(mailer.sent[0].text).searchParams.get('token')!;

    const weak = await resetPassword({ token, password: 'motdepasse12', ip: 'x' }, deps);
    expect(weak).toEqual({ ok: false, error: 'too_weak' });
    const done = await resetPassword({ token, password: 'Trois pommes et une poire au goûter', ip: 'x' }, deps);
    expect(done.ok).toBe(true);
    expect(await resolveSession(session.sessionToken, deps)).toBeNull();
    expect(await resetPassword({ token, password: 'Encore une autre phrase secrète', ip: 'x' }, deps)).toEqual({ ok: false, error: 'invalid_token' });

    await request('claire.dupont');
    const late = new URL(mailer.sent[1].text).searchParams.get('token')!;
    deps.clock.advance(61 * 60 * 1000);
    expect(await resetPassword({ token: late, password: 'Encore une autre phrase secrète', ip: 'x' }, deps)).toEqual({ ok: false, error: 'invalid_token' });
  });

  it('lets only one of two concurrent uses of a reset token succeed', async () => {
    const deps = await setup(getHandle());
    const token = await issueResetToken(deps.user, { actorUserId: null, actorLabel: 'test', ip: 'x' }, deps);
    const results = await Promise.all([
      resetPassword({ token, password: 'Première phrase de passe assez longue', ip: 'x' }, deps),
      resetPassword({ token, password: 'Seconde phrase de passe assez longue', ip: 'x' }, deps),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('deactivation ends sessions and blocks login; role changes are audited', async () => {
    const deps = await setup(getHandle());
    const admin = await createUser(
      { username: 'admin', email: 'admin@example.fr', displayName: 'Admin', role: 'admin', password: null, actor: { userId: null, label: 'test', ip: null } },
      deps,
    );
    if (!admin.ok) throw new Error(admin.error);
    const actor = { userId: admin.user.id, label: 'admin', ip: '198.51.100.1' };
    const session = await login(attempt(PASSWORD), deps);
    if (!session.ok) throw new Error('login failed');

    expect(await changeUserRole({ userId: deps.user.id, role: 'regisseur', actor }, deps)).toEqual({ ok: true });
    expect((await deps.store.users.findById(deps.user.id))?.role).toBe('regisseur');
    expect(await changeUserRole({ userId: admin.user.id, role: 'agent', actor }, deps)).toEqual({ ok: false, error: 'self' });

    expect(await setUserActive({ userId: deps.user.id, active: false, actor }, deps)).toEqual({ ok: true });
    expect(await resolveSession(session.sessionToken, deps)).toBeNull();
    expect(await login(attempt(PASSWORD), deps)).toEqual({ ok: false, error: 'invalid_credentials' });

    const actions = (await deps.store.audit.list({ limit: 50, offset: 0 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.role_changed', 'user.deactivated']));
  });

  it('refuses duplicate usernames and e-mails, and weak passwords, without creating anything', async () => {
    const deps = await setup(getHandle());
    const actor = { userId: null, label: 'test', ip: null };
    const base = { displayName: 'X', role: 'agent' as const, actor };
    expect(await createUser({ ...base, username: 'claire.dupont', email: null, password: null }, deps)).toEqual({ ok: false, error: 'username_taken' });
    expect(await createUser({ ...base, username: 'autre', email: 'CLAIRE@example.fr', password: null }, deps)).toEqual({ ok: false, error: 'email_taken' });
    expect(await createUser({ ...base, username: 'autre', email: null, password: 'azertyuiop12' }, deps)).toEqual({ ok: false, error: 'too_weak' });
    expect(await deps.store.users.count()).toBe(1);
  });
});

