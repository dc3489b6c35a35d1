/**
 * Set-up of the Mon dossier / Inscriptions integration tests: two families (the second one's ids are used to try
 * to reach the first one's data and the other way round), a Wednesday activity decided by staff that requires an
 * insurance certificate, a morning garderie accepted at once, parent accounts, the real repositories, a file store
 * in a temporary directory, a recording mailer and a movable clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseHandle } from '../../adapters/db/create-db';
import { fileStore, sniffMediaType } from '../../adapters/files/file-store';
import type { PostedFile } from '../../core/documents/upload';
import type { LoginThrottle } from '../../core/ports';
import { createDossierServices } from '../../server/dossier-services';
import {
  createActivity,
  createCanteenFixture,
  createChild,
  createFamily,
  createGuardian,
  createPriceGrid,
  createUser,
  DEMO_GRIDS,
} from '../../server/demo/factories';
import { fakeHasher, services } from './booking-helpers';

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
export const HTML = Buffer.from('<!DOCTYPE html><html><body><img src=x onerror="alert(document.cookie)"></body></html>\n');
export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>\n');

export const posted = (name: string, bytes: Uint8Array): PostedFile => ({ name, size: bytes.length, read: async () => new Uint8Array(bytes) });

/** A throttle that counts failures in memory (the real one is tested with the sign-in). */
export function memoryThrottle(limit = 10): LoginThrottle & { failures: Map<string, number> } {
  const failures = new Map<string, number>();
  return {
    failures,
    async check(_ip, account) {
      return (failures.get(account) ?? 0) >= limit ? { allowed: false, retryAfterSeconds: 600 } : { allowed: true };
    },
    async recordFailure(_ip, account) {
      failures.set(account, (failures.get(account) ?? 0) + 1);
    },
    async clearAccount(account) {
      failures.delete(account);
    },
  };
}

export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

export async function dossierWorld(handle: DatabaseHandle, options: { quota?: number; maxBytes?: number } = {}) {
  const booking = services(handle);
  const { store, clock, mailer } = booking;
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartine-dossier-'));
  const throttle = memoryThrottle();
  const files = fileStore(uploadsDir);
  const errors: unknown[] = [];
  const dossier = createDossierServices({
    store,
    files,
    sniffMediaType,
    clock,
    mailer,
    hasher: fakeHasher,
    throttle,
    settings: { uploadMaxBytes: options.maxBytes ?? 64 * 1024, familyQuotaBytes: options.quota ?? 1024 * 1024, publicUrl: 'http://portail.test' },
    onError: (error) => errors.push(error),
  });
  const db = handle.db;

  // Family A: the canteen fixture (Saint-Exemple, 2026-2027, Léa enrolled at the canteen), a second child, two guardians.
  const a = await createCanteenFixture(handle.db, { family: { name: 'Martin', email: 'martin@example.fr', phone: '06 12 34 56 78' }, child: { first_name: 'Sarah' } });
  const chloe = await createChild(handle.db, { family_id: a.family.id, first_name: 'Chloé', last_name: 'Martin', birth_date: '2022-10-02', site_id: a.site.id, school_level: 'MS' });
  const julie = await createGuardian(handle.db, { family_id: a.family.id, first_name: 'Julie', last_name: 'Martin', email: 'martin@example.fr', phone: '06 12 34 56 78' });
  const thomas = await createGuardian(handle.db, { family_id: a.family.id, first_name: 'Thomas', last_name: 'Martin', relationship: 'père', email: 'thomas@example.com', phone: '06 87 65 43 21' });
  const parentA = await createUser(handle.db, { username: 'famille.martin', email: 'martin@example.fr', familyId: a.family.id, passwordHash: await fakeHasher.hash('Ancien mot de passe de Julie') }, clock.now());
  await db.updateTable('guardians').set({ user_id: parentA.id }).where('id', '=', julie.id).execute();

  // Family B: another family of the commune, with its own child, guardian and account.
  const familyB = await createFamily(handle.db, { name: 'Bernard', email: 'bernard@example.fr', phone: '07 11 22 33 44' });
  const childB = await createChild(handle.db, { family_id: familyB.id, first_name: 'Hugo', last_name: 'Bernard', site_id: a.site.id });
  const guardianB = await createGuardian(handle.db, { family_id: familyB.id, first_name: 'Inès', last_name: 'Bernard', email: 'bernard@example.fr', phone: '07 11 22 33 44' });
  const parentB = await createUser(handle.db, { username: 'famille.bernard', email: 'bernard@example.fr', familyId: familyB.id, passwordHash: await fakeHasher.hash('Mot de passe de la famille Bernard') }, clock.now());

  // The Wednesday centre (staff decide, insurance required) and the morning garderie (accepted at once).
  const wednesday = await createActivity(handle.db, { site_id: a.site.id, school_year_id: a.schoolYear.id, kind: 'mercredi', name: 'Accueil du mercredi Les Lutins' });
  await createPriceGrid(handle.db, { activity_id: wednesday.id, school_year_id: a.schoolYear.id, effective_from: a.schoolYear.starts_on }, DEMO_GRIDS.mercredi);
  await db.updateTable('activities').set({ enrolment_mode: 'manual', required_documents: JSON.stringify(['assurance']) }).where('id', '=', wednesday.id).execute();
  const morning = await createActivity(handle.db, { site_id: a.site.id, school_year_id: a.schoolYear.id, kind: 'garderie_matin', name: 'Garderie du matin Les Lutins' });
  await createPriceGrid(handle.db, { activity_id: morning.id, school_year_id: a.schoolYear.id, effective_from: a.schoolYear.starts_on }, DEMO_GRIDS.garderie);
  await db.updateTable('activities').set({ enrolment_mode: 'automatic' }).where('id', '=', morning.id).execute();

  const agentUser = await createUser(handle.db, { username: 'agent', email: 'agent@mairie.fr', role: 'agent' }, clock.now());
  const actorA = { userId: parentA.id, label: parentA.username, ip: '203.0.113.7' };
  const actorB = { userId: parentB.id, label: parentB.username, ip: '203.0.113.9' };
  const agent = { userId: agentUser.id, label: agentUser.username, ip: '203.0.113.8' };

  return {
    handle,
    db,
    store,
    clock,
    mailer,
    booking,
    dossier,
    throttle,
    files,
    uploadsDir,
    errors,
    a: { ...a, sarah: a.child, chloe, julie, thomas, user: parentA, actor: actorA },
    b: { family: familyB, child: childB, guardian: guardianB, user: parentB, actor: actorB },
    wednesday,
    morning,
    agent,
    cleanup: () => fs.rmSync(uploadsDir, { recursive: true, force: true }),
  };
}

export type World = Awaited<ReturnType<typeof dossierWorld>>;

export async function countRows(world: World, table: 'family_documents' | 'requests' | 'request_documents' | 'enrolments' | 'audit_events'): Promise<number> {
  const row = await world.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
