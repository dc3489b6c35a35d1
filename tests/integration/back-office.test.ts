/**
 * The back office on every dialect: the families' CSV import (dry run, one transaction, idempotent, Windows-1252,
 * nothing half-done), search and family file with field permissions, parent accounts and their activation, the
 * attendance marks (idempotency, crossing marks, scope), meal counts frozen at the deadline, exports with
 * formula-injection protection (CSV and XLSX), staff sites and the dashboard's waiting lists.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../adapters/db/create-db';
import { createStore } from '../../adapters/db/store';
import { writeXlsx } from '../../adapters/exports/xlsx';
import { fileStore, sniffMediaType } from '../../adapters/files/file-store';
import { databaseRateLimit } from '../../adapters/security/login-throttle';
import { readCsv, writeCsv } from '../../core/backoffice/csv';
import { encodeWindows1252 } from '../../core/backoffice/encoding';
import type { Viewer } from '../../core/backoffice/model';
import { startImportRun, type ImportRunRepository } from '../../core/backoffice/family-import/runs';
import type { LoginThrottle } from '../../core/ports';
import { createBackOfficeServices } from '../../server/back-office-services';
import { createBookingServices } from '../../server/booking-service';
import {
  createBooking, createCanteenFixture, createChild, createEnrolment, createFamily, createGuardian, createSite, createUser,
} from '../../server/demo/factories';
import { FIXTURE_PATH, generateFamiliesCsv } from '../fixtures/generate-familles';
import { describeEachDialect } from '../harness/databases';
import { fakeHasher, movableClock, recordingMailer } from './booking-helpers';
import { minimalPdfBytes } from './back-office-pdf';

const allowAll: LoginThrottle = { check: async () => ({ allowed: true }), recordFailure: async () => {}, clearAccount: async () => {} };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Friday 27 November 2026, 08:30 in Paris. */
const NOW = '2026-11-27T07:30:00Z';
const TODAY = '2026-11-27';

function setup(handle: DatabaseHandle, start = NOW) {
  const store = createStore(handle.db);
  const clock = movableClock(start);
  const mailer = recordingMailer();
  const errors: unknown[] = [];
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'tartine-bo-'));
  dirs.push(uploads);
  const booking = createBookingServices({ store, clock, mailer, publicUrl: 'http://portail.test' });
  const backOffice = createBackOfficeServices({
    store,
    clock,
    mailer,
    calendar: booking.calendar,
    files: fileStore(uploads),
    sniffMediaType,
    hasher: fakeHasher,
    throttle: allowAll,
    settings: { publicUrl: 'http://portail.test', uploadMaxBytes: 1024 * 1024 },
    activationLimit: databaseRateLimit(handle, 'activation_test', 100, 60),
    onError: (e) => errors.push(e),
  });
  return { store, clock, mailer, errors, booking, bo: backOffice, uploads };
}

const viewer = (userId: string, role: Viewer['role'], label = role): Viewer => ({ userId, role, label, ip: '203.0.113.9' });

async function commune(handle: DatabaseHandle) {
  const fixture = await createCanteenFixture(handle.db, { site: { name: 'Groupe scolaire Les Lutins' } });
  const jaures = await createSite(handle.db, { name: 'École élémentaire Jean-Jaurès', kind: 'elementaire' });
  const coquelicots = await createSite(handle.db, { name: 'École maternelle Les Coquelicots', kind: 'maternelle' });
  const agent = await createUser(handle.db, { username: 'agent', role: 'agent' });
  return { ...fixture, jaures, coquelicots, agent };
}

const count = async (handle: DatabaseHandle, table: 'families' | 'children' | 'guardians' | 'users') =>
  Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

describe('the sample file', () => {
  it('is the generator’s output (regenerate with npx tsx tests/fixtures/generate-familles.ts)', () => {
    expect(fs.readFileSync(FIXTURE_PATH, 'utf8')).toBe(generateFamiliesCsv());
  });
});

describeEachDialect('back office: families CSV import', (getHandle) => {
  const fixture = () => new Uint8Array(fs.readFileSync(FIXTURE_PATH));

  it('dry-runs, imports 200 families in one go, and changes nothing on re-import (UTF-8 or Windows-1252)', async () => {
    const handle = getHandle();
    const { agent } = await commune(handle);
    const s = setup(handle);
    const analysis = s.bo.analyseImport(fixture());
    expect(analysis.ok).toBe(true);
    if (!analysis.ok) return;
    expect(analysis.value).toMatchObject({ encoding: 'utf-8', delimiter: ';', lineCount: 200 });
    const before = await count(handle, 'families');

    const preview = await s.bo.previewImport({ text: analysis.value.text, mapping: analysis.value.mapping });
    expect(preview.ok && preview.plan.counts).toEqual({ create: 200, update: 0, unchanged: 0, error: 0, warnings: 0 });
    expect(await count(handle, 'families')).toBe(before); // a dry run writes nothing

    const input = { text: analysis.value.text, mapping: analysis.value.mapping, fileName: 'familles-200.csv', encoding: 'utf-8', viewer: viewer(agent.id, 'agent') };
    const first = await s.bo.runImport(input);
    expect(first.imported).toMatchObject({ created: 200, updated: 0, unchanged: 0 });
    expect(first.imported?.fileNumbers[0]).toBe('F-2026-0001');
    expect(await count(handle, 'families')).toBe(before + 200);
    expect(await count(handle, 'children')).toBe(1 + 326);
    const dumont = await handle.db.selectFrom('families').selectAll().where('name', '=', 'Dumont').executeTakeFirstOrThrow();
    expect(dumont).toMatchObject({ city: 'Villeurbanne', resident: 0 });
    const lemaire = await handle.db.selectFrom('families').selectAll().where('name', '=', 'Lemaire').orderBy('file_number').executeTakeFirstOrThrow();
    expect(lemaire).toMatchObject({ resident: 1, qf: 1680, qf_valid_until: '2027-12-31' });
    const audit = await handle.db.selectFrom('audit_events').select(['action', 'details']).where('action', '=', 'families.imported').execute();
    expect(audit).toHaveLength(1);

    // The same file again: every line unchanged, nothing written.
    const again = await s.bo.runImport(input);
    expect(again.imported).toMatchObject({ created: 0, updated: 0, unchanged: 200 });
    expect(await count(handle, 'families')).toBe(before + 200);

    // Saved by an older Excel in Windows-1252: the same file, the same plan.
    const text1252 = fs.readFileSync(FIXTURE_PATH, 'utf8').replace(/^\uFEFF/, '');
    const legacy = s.bo.analyseImport(encodeWindows1252(text1252));
    expect(legacy.ok && legacy.value.encoding).toBe('windows-1252');
    if (!legacy.ok) return;
    expect(legacy.value.text).toBe(text1252);
    const plan = await s.bo.previewImport({ text: legacy.value.text, mapping: legacy.value.mapping });
    expect(plan.ok && plan.plan.counts).toEqual({ create: 0, update: 0, unchanged: 200, error: 0, warnings: 0 });
  });

  it('updates what changed on re-import, and refuses a file with one bad line without writing anything', async () => {
    const handle = getHandle();
    const { agent } = await commune(handle);
    const s = setup(handle);
    const text = fs.readFileSync(FIXTURE_PATH, 'utf8');
    const analysis = s.bo.analyseImport(new TextEncoder().encode(text));
    if (!analysis.ok) throw new Error('analysis failed');
    const base = { mapping: analysis.value.mapping, fileName: 'f.csv', encoding: 'utf-8', viewer: viewer(agent.id, 'agent') };
    await s.bo.runImport({ ...base, text });

    const changed = text.replace('92 chemin des Vignes', '7 rue Neuve');
    const update = await s.bo.runImport({ ...base, text: changed });
    expect(update.imported).toMatchObject({ created: 0, updated: 1, unchanged: 199 });
    expect(update.ok && update.plan.lines[0].changes).toEqual([{ kind: 'family', field: 'addressLine' }]);
    const lemaire = await handle.db.selectFrom('families').select('address_line').where('name', '=', 'Lemaire').orderBy('file_number').executeTakeFirstOrThrow();
    expect(lemaire.address_line).toBe('7 rue Neuve');

    // A new family plus one line with an impossible date: refused as a whole.
    const families = await count(handle, 'families');
    const lines = changed.trimEnd().split('\r\n');
    const header = readCsv(text);
    if (!header.ok) throw new Error('header');
    const blank = header.header.fields.map(() => '');
    const row = (values: Record<number, string>) => blank.map((_, i) => values[i] ?? '').join(';');
    const good = row({ 0: 'Nouvelle', 1: '1 rue A', 2: '69999', 3: 'Saint-Exemple', 8: 'Ana', 9: 'Nouvelle', 18: 'Tom', 20: '01/02/2019', 22: 'CE1' });
    const bad = row({ 0: 'Erronée', 1: '1 rue B', 2: '69999', 3: 'Saint-Exemple', 8: 'Ana', 9: 'Erronée', 18: 'Lou', 20: '30/02/2019', 22: 'CE1' });
    const refused = await s.bo.runImport({ ...base, text: [...lines, good, bad].join('\r\n') });
    expect(refused.imported).toBeUndefined();
    expect(refused.ok && refused.plan.importable).toBe(false);
    expect(refused.ok && refused.plan.lines.filter((l) => l.action === 'error').map((l) => [l.line, l.issues.map((i) => i.code)])).toEqual([[203, ['invalid_date']]]);
    expect(await count(handle, 'families')).toBe(families);
  });

  it('runs the import in the background with its progress in a row, written outside the import transaction', async () => {
    const handle = getHandle();
    const { agent } = await commune(handle);
    const s = setup(handle);
    const analysis = s.bo.analyseImport(fixture());
    if (!analysis.ok) throw new Error('analysis failed');
    const before = await count(handle, 'families');
    const seen: { done: number; status: string; families: number }[] = [];
    // The row as another request reads it while the import works (its own connection, not the transaction).
    const runs: ImportRunRepository = {
      ...s.store.importRuns,
      async progress(id, done) {
        await s.store.importRuns.progress(id, done);
        const row = await s.store.importRuns.find(id);
        seen.push({ done: row?.linesDone ?? -1, status: row?.status ?? '', families: await count(handle, 'families') });
      },
    };
    const input = { text: analysis.value.text, mapping: analysis.value.mapping, fileName: 'familles-200.csv', encoding: 'utf-8', lineCount: analysis.value.lineCount, viewer: viewer(agent.id, 'agent') };
    const started = await startImportRun(input, { ...s.bo.deps, runs });
    expect(await s.store.importRuns.find(started.runId)).toMatchObject({ status: 'running', linesTotal: 200, fileName: 'familles-200.csv' });
    await started.finished;

    const run = await s.store.importRuns.find(started.runId);
    expect(run).toMatchObject({ status: 'done', linesTotal: 200, linesDone: 200, result: { created: 200, updated: 0, unchanged: 0, errors: 0 }, createdBy: agent.id });
    expect(run?.finishedAt).toBe(NOW.replace('Z', '.000Z'));
    expect(await count(handle, 'families')).toBe(before + 200);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((o) => o.status === 'running' && o.done > 0 && o.done <= 200)).toBe(true);
    expect(seen.map((o) => o.done)).toEqual([...seen.map((o) => o.done)].sort((a, b) => a - b));
    // PostgreSQL: progress is read while the transaction is still open (none of its families visible yet);
    // SQLite has one connection: the writes wait for the commit, and the page shows the outcome.
    if (handle.dialect === 'postgres') expect(seen.some((o) => o.families === before && o.done < 200)).toBe(true);
    expect(s.errors).toEqual([]);

    // Idempotent: the same file again is a finished run with 200 unchanged lines, nothing written.
    const again = await s.bo.startImport(input);
    await again.finished;
    expect(await s.bo.importRun(again.runId)).toMatchObject({ status: 'done', linesDone: 200, result: { created: 0, updated: 0, unchanged: 200 } });
    expect(await count(handle, 'families')).toBe(before + 200);
    expect(await handle.db.selectFrom('audit_events').select('id').where('action', '=', 'families.imported').execute()).toHaveLength(2);
  });

  it('records a refused run when the file no longer imports, writing no family', async () => {
    const handle = getHandle();
    const { agent } = await commune(handle);
    const s = setup(handle);
    const text = 'Nom de famille;Adresse;Code postal;Ville;Responsable 1 prénom;Responsable 1 nom;Enfant 1 prénom;Enfant 1 date de naissance;Enfant 1 classe\nDurand;1 rue A;69999;Saint-Exemple;Ana;Durand;Lou;30/02/2019;CE1\n';
    const analysis = s.bo.analyseImport(new TextEncoder().encode(text));
    if (!analysis.ok) throw new Error('analysis failed');
    const before = await count(handle, 'families');
    const started = await s.bo.startImport({ text: analysis.value.text, mapping: analysis.value.mapping, fileName: 'x.csv', encoding: 'utf-8', lineCount: 1, viewer: viewer(agent.id, 'agent') });
    await started.finished;
    expect(await s.bo.importRun(started.runId)).toMatchObject({ status: 'refused', linesDone: 0, result: { created: 0, errors: 1 } });
    expect(await count(handle, 'families')).toBe(before);
  });

  it('reports missing columns before reading any line', async () => {
    const handle = getHandle();
    await commune(handle);
    const s = setup(handle);
    const analysis = s.bo.analyseImport(new TextEncoder().encode('Nom;Ville\nDupont;Lyon\n'));
    if (!analysis.ok) throw new Error('analysis failed');
    const result = await s.bo.previewImport({ text: analysis.value.text, mapping: analysis.value.mapping });
    expect(result).toEqual({ ok: false, error: 'missing_columns', missing: ['address', 'postalCode', 'guardian1.firstName', 'guardian1.lastName', 'child1.firstName', 'child1.birthDate'] });
  });
});

describeEachDialect('back office: families search and file', (getHandle) => {
  it('finds a family by name, child, file number, e-mail and school; hides health and income by role; audits PAI reads', async () => {
    const handle = getHandle();
    const { family, child, site, jaures, agent } = await commune(handle);
    await handle.db.updateTable('children').set({ first_name: 'Zélie', has_pai: 1, allergies: 'Arachide', diet: 'vegetarien' }).where('id', '=', child.id).execute();
    await createGuardian(handle.db, { family_id: family.id, first_name: 'Anne', last_name: family.name, email: 'anne.dupont@example.fr' });
    const other = await createFamily(handle.db, { name: 'Roux', file_number: 'F-2026-0777', email: 'roux@example.fr' });
    await createChild(handle.db, { family_id: other.id, first_name: 'Iris', last_name: 'Roux', site_id: jaures.id });
    const regisseur = await createUser(handle.db, { username: 'regie', role: 'regisseur' });
    const s = setup(handle);
    const ids = async (query: string, siteId: string | null = null) => (await s.bo.searchFamilies({ query, siteId, page: 1 })).rows.map((r) => r.name);
    expect(await ids('dupont')).toEqual(['Dupont']);
    expect(await ids('zélie')).toEqual(['Dupont']);
    expect(await ids('0777')).toEqual(['Roux']);
    expect(await ids('anne.dupont@')).toEqual(['Dupont']);
    expect(await ids('jaurès')).toEqual(['Roux']);
    expect(await ids('iris jaurès')).toEqual(['Roux']);
    expect(await ids('', site.id)).toEqual(['Dupont']);
    expect(await ids('100%_')).toEqual([]);
    expect((await s.bo.searchFamilies({ query: '', siteId: null, page: 1 })).total).toBe(2);

    const asAgent = await s.bo.familyFile({ familyId: family.id, viewer: viewer(agent.id, 'agent') });
    expect(asAgent?.children[0].health).toEqual({ diet: 'vegetarien', allergies: 'Arachide', hasPai: true });
    expect(asAgent?.income).toEqual({ qf: 1000, qfValidUntil: '2099-12-31' });
    const asRegisseur = await s.bo.familyFile({ familyId: family.id, viewer: viewer(regisseur.id, 'regisseur') });
    expect(asRegisseur?.children[0].health).toBeNull();
    expect(asRegisseur?.income).toEqual({ qf: 1000, qfValidUntil: '2099-12-31' });
    const reads = await handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'health.pai_read').execute();
    expect(reads.map((r) => [r.actor_user_id, r.target])).toEqual([[agent.id, `family:${family.id}`]]);
    expect(await s.bo.familyFile({ familyId: 'nope', viewer: viewer(agent.id, 'agent') })).toBeNull();
  });
});

describeEachDialect('back office: parent accounts', (getHandle) => {
  it('creates accounts with an activation link, never a password; the parent activates once and signs in', async () => {
    const handle = getHandle();
    const { family, agent } = await commune(handle);
    await createGuardian(handle.db, { family_id: family.id, first_name: 'Élodie', last_name: 'Dupont', email: 'elodie@example.fr' });
    await createGuardian(handle.db, { family_id: family.id, first_name: 'Marc', last_name: 'Dupont', email: null });
    const noMail = await createFamily(handle.db, { name: 'Sanmail' });
    await createGuardian(handle.db, { family_id: noMail.id, first_name: 'Paul', last_name: 'Sanmail' });
    const taken = await createFamily(handle.db, { name: 'Pris' });
    await createGuardian(handle.db, { family_id: taken.id, first_name: 'Léa', last_name: 'Pris', email: 'agent@example.fr' });
    const s = setup(handle);
    const staff = viewer(agent.id, 'agent');

    const result = await s.bo.createAccounts({ familyIds: [family.id, noMail.id, taken.id], viewer: staff });
    expect(result.created.map((c) => [c.username, c.email])).toEqual([
      ['elodie.dupont', 'elodie@example.fr'],
      ['paul.sanmail', null],
    ]);
    expect(result.skipped.map((x) => [x.name, x.reason])).toEqual([['Léa Pris', 'email_taken']]);
    expect(result.needLetter.map((f) => f.familyId)).toEqual([noMail.id]);
    expect(result.mailed).toBe(1);
    const mail = s.mailer.sent[0];
    expect(mail.to).toBe('elodie@example.fr');
    expect(mail.text).toContain('Votre identifiant : elodie.dupont');
    expect(mail.text).not.toMatch(/mot de passe\s*:/i);
    const token = new URL(/http:\/\/portail\.test\/activer-mon-compte\?token=\S+/.exec(mail.text)![0]).searchParams.get('token')!;

    // A second click creates nothing more.
    const second = await s.bo.createAccounts({ familyIds: [family.id, noMail.id], viewer: staff });
    expect(second.created).toEqual([]);
    expect(second.unchanged).toBe(2);

    expect((await s.bo.activation.linkUser(token))?.username).toBe('elodie.dupont');
    const weak = await s.bo.activation.activate({ secret: { kind: 'link', token }, password: 'court', ip: '1.2.3.4' });
    expect(weak).toEqual({ ok: false, error: 'too_short' });
    const done = await s.bo.activation.activate({ secret: { kind: 'link', token }, password: 'Une phrase de passe solide 2026', ip: '1.2.3.4' });
    expect(done.ok).toBe(true);
    const user = await s.store.users.findByIdentifier('elodie.dupont');
    expect(user?.passwordHash).toBe('fake:Une phrase de passe solide 2026');
    expect(await s.bo.activation.activate({ secret: { kind: 'link', token }, password: 'Une autre phrase de passe 2026', ip: '1.2.3.4' })).toEqual({ ok: false, error: 'invalid_secret' });

    // The family without e-mail: a letter with a one-time code, typed with the username.
    const [letter] = await s.bo.printLetters({ familyIds: [noMail.id, family.id], viewer: staff });
    expect(letter).toMatchObject({ familyId: noMail.id, username: 'paul.sanmail', recipient: 'Paul Sanmail' });
    const [reprint] = await s.bo.printLetters({ familyIds: [noMail.id], viewer: staff });
    expect(reprint.code).not.toBe(letter.code);
    const stale = await s.bo.activation.activate({ secret: { kind: 'code', identifier: 'paul.sanmail', code: letter.code }, password: 'Une phrase de passe solide 2026', ip: '1.2.3.4' });
    expect(stale).toEqual({ ok: false, error: 'invalid_secret' });
    const wrongUser = await s.bo.activation.activate({ secret: { kind: 'code', identifier: 'elodie.dupont', code: reprint.code }, password: 'Une phrase de passe solide 2026', ip: '1.2.3.4' });
    expect(wrongUser).toEqual({ ok: false, error: 'invalid_secret' });
    const typed = reprint.code.toLowerCase().replace(/-/g, ' ');
    expect((await s.bo.activation.activate({ secret: { kind: 'code', identifier: 'PAUL.SANMAIL', code: typed }, password: 'Une phrase de passe solide 2026', ip: '1.2.3.4' })).ok).toBe(true);
    expect(await s.bo.awaitingLetters(10)).toEqual([]);

    const events = (await handle.db.selectFrom('audit_events').select('action').execute()).map((e) => e.action);
    expect(events.filter((a) => a === 'account.activated')).toHaveLength(2);
    expect(events).toContain('account.activation_letter');
  });

  it('resends a link (the previous one stops working) and deactivates an account', async () => {
    const handle = getHandle();
    const { family, agent } = await commune(handle);
    await createGuardian(handle.db, { family_id: family.id, first_name: 'Élodie', last_name: 'Dupont', email: 'elodie@example.fr' });
    const s = setup(handle);
    const staff = viewer(agent.id, 'agent');
    await s.bo.createAccounts({ familyIds: [family.id], viewer: staff });
    const first = new URL(/http\S+/.exec(s.mailer.sent[0].text)![0]).searchParams.get('token')!;
    const user = (await s.store.users.findByIdentifier('elodie.dupont'))!;
    expect(await s.bo.resendActivation({ familyId: family.id, userId: user.id, viewer: staff })).toEqual({ ok: true });
    expect(s.mailer.sent[1].text).toContain('nouveau lien');
    expect(await s.bo.activation.linkUser(first)).toBeNull();
    const other = await createFamily(handle.db);
    expect(await s.bo.resendActivation({ familyId: other.id, userId: user.id, viewer: staff })).toEqual({ ok: false, error: 'not_found' });
    expect(await s.bo.setAccountActive({ familyId: family.id, userId: user.id, active: false, viewer: staff })).toEqual({ ok: true });
    expect((await s.store.users.findById(user.id))?.active).toBe(false);
    expect(await s.bo.resendActivation({ familyId: family.id, userId: user.id, viewer: staff })).toEqual({ ok: false, error: 'inactive' });
  });
});

describeEachDialect('back office: attendance', (getHandle) => {
  it('lists the booked children, applies each mark once, keeps the latest tap, adds an unbooked child, and justifies an absence', async () => {
    const handle = getHandle();
    const { site, activity, family, child, agent } = await commune(handle);
    await handle.db.updateTable('children').set({ has_pai: 1, diet: 'sans_porc', first_name: 'Léa', last_name: 'Dupont' }).where('id', '=', child.id).execute();
    const second = await createChild(handle.db, { family_id: family.id, first_name: 'Hugo', site_id: site.id });
    const walkIn = await createChild(handle.db, { family_id: family.id, first_name: 'Alix', site_id: site.id });
    await createBooking(handle.db, { child_id: child.id, activity_id: activity.id, day: TODAY });
    await createBooking(handle.db, { child_id: second.id, activity_id: activity.id, day: TODAY });
    const animateur = await createUser(handle.db, { username: 'anim', role: 'animateur' });
    const s = setup(handle);
    const staff = viewer(agent.id, 'agent');

    expect((await s.bo.activitiesOn(TODAY, staff)).map((a) => a.id)).toEqual([activity.id]);
    // Not assigned to the site yet: nothing for the animateur.
    const anim = viewer(animateur.id, 'animateur');
    expect(await s.bo.activitiesOn(TODAY, anim)).toEqual([]);
    expect(await s.bo.attendanceSheet({ day: TODAY, activityId: activity.id, viewer: anim })).toBeNull();
    expect(await s.bo.staffSites.assign({ userId: animateur.id, siteIds: [site.id], viewer: staff })).toEqual({ ok: true });

    const sheet = await s.bo.attendanceSheet({ day: TODAY, activityId: activity.id, viewer: anim });
    expect(sheet?.rows.map((r) => [r.firstName, r.booked, r.status, r.diet, r.hasPai])).toEqual([
      ['Hugo', true, null, 'standard', false],
      ['Léa', true, null, 'sans_porc', true],
    ]);
    expect(sheet?.candidates.map((c) => c.firstName)).toEqual(['Alix']);
    const paiReads = await handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'health.pai_read').execute();
    expect(paiReads).toHaveLength(1);
    expect(JSON.parse(paiReads[0].details!)).toEqual({ context: 'pointage', day: TODAY, children: [child.id] });

    const mark = (key: string, childId: string, status: string, markedAt: string) => ({ key, childId, activityId: activity.id, day: TODAY, status, markedAt });
    const results = await s.bo.applyMarks({
      viewer: anim,
      marks: [
        mark('k-lea-0001', child.id, 'present', '2026-11-27T07:20:00Z'),
        mark('k-hugo-001', second.id, 'absent', '2026-11-27T07:21:00Z'),
        mark('k-lea-0001', child.id, 'present', '2026-11-27T07:20:00Z'),
        mark('k-alix-001', walkIn.id, 'present', '2026-11-27T07:22:00Z'),
        mark('k-lea-0000', child.id, 'absent', '2026-11-27T07:10:00Z'),
        mark('k-bad', child.id, 'present', '2026-11-27T07:20:00Z'),
        { ...mark('k-day-0001', child.id, 'present', '2026-11-27T07:20:00Z'), day: '2026-11-28' },
      ],
    });
    expect(results.map((r) => [r.key, r.outcome, r.reason ?? r.status])).toEqual([
      ['k-lea-0001', 'applied', 'present'],
      ['k-hugo-001', 'applied', 'absent'],
      ['k-lea-0001', 'duplicate', undefined],
      ['k-alix-001', 'applied', 'present_unbooked'],
      ['k-lea-0000', 'stale', undefined],
      ['k-bad', 'rejected', 'invalid'],
      ['k-day-0001', 'rejected', 'bad_day'],
    ]);
    // The same keys again (a tablet resending its queue): nothing changes.
    const replay = await s.bo.applyMarks({ viewer: anim, marks: [mark('k-lea-0001', child.id, 'present', '2026-11-27T07:20:00Z'), mark('k-hugo-001', second.id, 'absent', '2026-11-27T07:21:00Z')] });
    expect(replay.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
    const marks = await handle.db.selectFrom('attendance_marks').select('idempotency_key').execute();
    expect(marks.map((m) => m.idempotency_key).sort()).toEqual(['k-alix-001', 'k-hugo-001', 'k-lea-0000', 'k-lea-0001']);

    const after = await s.bo.attendanceSheet({ day: TODAY, activityId: activity.id, viewer: anim });
    expect(after?.rows.map((r) => [r.firstName, r.booked, r.status])).toEqual([
      ['Alix', false, 'present_unbooked'],
      ['Hugo', true, 'absent'],
      ['Léa', true, 'present'],
    ]);
    expect(after?.counts).toEqual({ booked: 2, present: 2, absent: 1, unmarked: 0, unbooked: 1 });

    // Justify Hugo's absence with a certificate; Léa (present) cannot be justified; a non-PDF is refused.
    const hugo = after!.rows.find((r) => r.firstName === 'Hugo')!;
    const lea = after!.rows.find((r) => r.firstName === 'Léa')!;
    const file = (bytes: Uint8Array, name = 'certificat.pdf') => ({ name, size: bytes.length, read: async () => bytes });
    expect(await s.bo.justifyAbsence({ attendanceId: lea.attendanceId!, file: file(minimalPdfBytes()), viewer: anim })).toEqual({ ok: false, error: 'not_absent' });
    expect(await s.bo.justifyAbsence({ attendanceId: hugo.attendanceId!, file: file(new TextEncoder().encode('<html>'), 'x.pdf'), viewer: anim })).toEqual({ ok: false, error: 'type_not_allowed' });
    expect(await s.bo.justifyAbsence({ attendanceId: hugo.attendanceId!, file: file(minimalPdfBytes()), viewer: anim })).toEqual({ ok: true });
    const certificate = await s.bo.certificate({ attendanceId: hugo.attendanceId!, viewer: anim });
    expect(certificate).toMatchObject({ fileName: 'certificat.pdf', mediaType: 'application/pdf' });
    expect(fs.existsSync(path.join(s.uploads, certificate!.storageKey.slice(0, 2), certificate!.storageKey))).toBe(true);
    const justified = await s.bo.attendanceSheet({ day: TODAY, activityId: activity.id, viewer: anim });
    expect(justified?.rows.find((r) => r.firstName === 'Hugo')).toMatchObject({ status: 'absent', justified: true, hasCertificate: true });
  });
});

describeEachDialect('back office: meal counts', (getHandle) => {
  it('forecasts before the deadline, freezes at it, and shows bookings and presence after', async () => {
    const handle = getHandle();
    const { site, activity, family, child, agent } = await commune(handle);
    await handle.db.updateTable('children').set({ diet: 'vegetarien' }).where('id', '=', child.id).execute();
    const second = await createChild(handle.db, { family_id: family.id, first_name: 'Hugo', site_id: site.id, has_pai: 1 });
    await createEnrolment(handle.db, { child_id: second.id, activity_id: activity.id });
    // Monday 30 November freezes on Thursday 26 at 12:00 Paris: start on Wednesday 25 at 09:00.
    await createBooking(handle.db, { child_id: child.id, activity_id: activity.id, day: '2026-11-30' });
    await createBooking(handle.db, { child_id: second.id, activity_id: activity.id, day: '2026-11-30' });
    const s = setup(handle, '2026-11-25T08:00:00Z');
    const staff = viewer(agent.id, 'agent');
    const monday = async () => {
      const result = await s.bo.mealCounts({ from: '2026-11-30', to: '2026-11-30', siteId: null, viewer: staff });
      if (!result.ok) throw new Error(result.error);
      return result.rows;
    };

    const [forecast] = await monday();
    expect(forecast).toMatchObject({ counts: { standard: 1, sans_porc: 0, vegetarien: 1, pai: 1, total: 2 }, frozen: null, freezesAt: '2026-11-26T11:00:00.000Z', bookedNow: 2, present: null });
    // The job freezes the past days it catches up with, not Monday yet.
    await s.bo.freezeDueMealCounts();
    expect((await monday())[0].frozen).toBeNull();

    s.clock.set('2026-11-26T10:59:59Z');
    await s.bo.freezeDueMealCounts();
    expect((await monday())[0].frozen).toBeNull();
    s.clock.set('2026-11-26T11:00:00Z');
    expect(await s.bo.freezeDueMealCounts()).toBeGreaterThanOrEqual(1);
    expect(await s.bo.freezeDueMealCounts()).toBe(0);
    // Staff cancel one meal after the deadline: the kitchen's count stays, today's bookings move.
    await handle.db.updateTable('bookings').set({ status: 'cancelled' }).where('child_id', '=', second.id).execute();
    const [frozen] = await monday();
    expect(frozen).toMatchObject({ counts: { total: 2, pai: 1 }, frozen: { at: '2026-11-26T11:00:00.000Z', deadline: '2026-11-26T11:00:00.000Z' }, bookedNow: 1 });

    // On the day, once attendance is taken: how many ate.
    s.clock.set('2026-11-30T11:00:00Z');
    await s.bo.applyMarks({ viewer: staff, marks: [{ key: 'meal-test-1', childId: child.id, activityId: activity.id, day: '2026-11-30', status: 'present' }] });
    const [served] = await monday();
    expect(served).toMatchObject({ counts: { total: 2 }, bookedNow: 1, present: 1 });

    // A range over the weekend lists the open days only; a bad range is refused.
    const week = await s.bo.mealCounts({ from: '2026-11-27', to: '2026-12-01', siteId: site.id, viewer: staff });
    expect(week.ok && week.rows.map((r) => r.day)).toEqual(['2026-11-27', '2026-11-30', '2026-12-01']);
    expect(await s.bo.mealCounts({ from: '2026-12-01', to: '2026-11-01', siteId: null, viewer: staff })).toEqual({ ok: false, error: 'invalid_range' });
  });

  it('freezes each day once even when two processes race', async () => {
    const handle = getHandle();
    const { activity, child } = await commune(handle);
    await createBooking(handle.db, { child_id: child.id, activity_id: activity.id, day: '2026-11-30' });
    const s = setup(handle, '2026-11-27T12:00:00Z');
    const stored = await Promise.all([s.bo.freezeDueMealCounts(), s.bo.freezeDueMealCounts(), s.bo.freezeDueMealCounts()]);
    const snapshots = await handle.db.selectFrom('meal_snapshots').selectAll().execute();
    expect(stored.reduce((a, b) => a + b, 0)).toBe(snapshots.length);
    expect(new Set(snapshots.map((r) => `${r.activity_id}${r.day}`)).size).toBe(snapshots.length);
  });
});

describeEachDialect('back office: exports', (getHandle) => {
  it('neutralises formulas in CSV and XLSX, and leaves health columns out for a role without health access', async () => {
    const handle = getHandle();
    const { family, child, activity, agent } = await commune(handle);
    await handle.db.updateTable('families').set({ name: '=HYPERLINK("http://evil.example","clic")', phone: '+33 6 00 00 00 00' }).where('id', '=', family.id).execute();
    await handle.db.updateTable('children').set({ first_name: '@SUM(1+1)', allergies: '-Arachide', has_pai: 1 }).where('id', '=', child.id).execute();
    await createBooking(handle.db, { child_id: child.id, activity_id: activity.id, day: TODAY, unit_price_cents: 305 });
    const s = setup(handle);
    const staff = viewer(agent.id, 'agent');

    const families = await s.bo.buildExport({ dataset: 'familles', from: null, to: null, siteId: null, viewer: staff });
    if (!families.ok) throw new Error('export');
    const csv = writeCsv(families.table.header, families.table.rows);
    const parsed = readCsv(csv);
    if (!parsed.ok) throw new Error('csv');
    const header = parsed.header.fields;
    const row = parsed.records[0].fields;
    expect(row[header.indexOf('Nom de famille')]).toBe('\'=HYPERLINK("http://evil.example","clic")');
    expect(row[header.indexOf('Téléphone')]).toBe("'+33 6 00 00 00 00");
    expect(row[header.indexOf('Enfant 1 prénom')]).toBe("'@SUM(1+1)");
    expect(row[header.indexOf('Enfant 1 allergies')]).toBe("'-Arachide");
    expect(row[header.indexOf('Enfant 1 PAI')]).toBe('oui');
    // The families export reads back as an import that changes nothing (once the injected cells are put back).
    const bytes = await writeXlsx(families.table);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('familles');
    expect(sheet.getRow(1).getCell(2).value).toBe('Nom de famille');
    const nameCell = sheet.getRow(2).getCell(2);
    expect(nameCell.value).toBe('\'=HYPERLINK("http://evil.example","clic")');
    expect(nameCell.formula).toBeUndefined();
    expect(sheet.getRow(2).getCell(9).value).toBe(1000); // QF stays a number

    const bookings = await s.bo.buildExport({ dataset: 'reservations', from: TODAY, to: TODAY, siteId: null, viewer: staff });
    expect(bookings.ok && bookings.table.rows).toEqual([['27/11/2026', 'Groupe scolaire Les Lutins', activity.name, family.file_number, '=HYPERLINK("http://evil.example","clic")', '@SUM(1+1)', 'Dupont', 'CE2', 'réservé', 3.05]]);
    expect(await s.bo.buildExport({ dataset: 'pointage', from: '2026-12-01', to: '2026-11-01', siteId: null, viewer: staff })).toEqual({ ok: false, error: 'invalid_range' });

    const regisseur = await createUser(handle.db, { username: 'regie', role: 'regisseur' });
    const children = await s.bo.buildExport({ dataset: 'enfants', from: null, to: null, siteId: null, viewer: viewer(regisseur.id, 'regisseur') });
    expect(children.ok && children.table.header).toEqual(['N° dossier', 'Famille', 'Prénom', 'Nom', 'Date de naissance', 'École', 'Classe']);
    const withHealth = await s.bo.buildExport({ dataset: 'enfants', from: null, to: null, siteId: null, viewer: staff });
    expect(withHealth.ok && withHealth.table.header.slice(-3)).toEqual(['Régime', 'Allergies', 'PAI']);
    const exportReads = await handle.db.selectFrom('audit_events').select(['action', 'target']).where('action', '=', 'health.pai_read').execute();
    expect(exportReads).toEqual([
      { action: 'health.pai_read', target: 'export:familles' },
      { action: 'health.pai_read', target: 'export:enfants' },
    ]);
  });
});

describeEachDialect('back office: dashboard', (getHandle) => {
  it('counts waiting lists per activity, limited to an animateur’s sites', async () => {
    const handle = getHandle();
    const { site, activity, child, agent, jaures } = await commune(handle);
    await createBooking(handle.db, { child_id: child.id, activity_id: activity.id, day: '2026-12-01', status: 'waiting', queued_at: NOW });
    await createBooking(handle.db, { child_id: child.id, activity_id: activity.id, day: '2026-11-20', status: 'waiting', queued_at: NOW });
    const animateur = await createUser(handle.db, { username: 'anim2', role: 'animateur' });
    const s = setup(handle);
    const figures = await s.bo.dashboard({ viewer: viewer(agent.id, 'agent') });
    expect(figures.waiting).toEqual([{ activityId: activity.id, activityName: activity.name, siteId: site.id, siteName: site.name, waitingDays: 1, waitingEnrolments: 0 }]);
    await s.bo.staffSites.assign({ userId: animateur.id, siteIds: [jaures.id], viewer: viewer(agent.id, 'agent') });
    expect((await s.bo.dashboard({ viewer: viewer(animateur.id, 'animateur') })).waiting).toEqual([]);
    expect(await s.bo.staffSites.assign({ userId: animateur.id, siteIds: ['nope'], viewer: viewer(agent.id, 'agent') })).toEqual({ ok: false, error: 'unknown_site' });
  });
});
