import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../adapters/db/create-db';
import { parisToday } from '../../core/calendar';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');

/** The `tartine` command as an operator runs it, on a production-like setup (no demo). */
describe('tartine CLI', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const tartine = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'cli/tartine.ts', ...args], { cwd: root, env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartine-cli-'));
    env = { ...process.env, TARTINE_DATA_DIR: dir, TARTINE_DEMO: '0', DATABASE_URL: '', TARTINE_PUBLIC_URL: 'https://portail.example.fr' };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrates, creates the first admin with a password link, and refuses a duplicate', async () => {
    expect((await tartine('migrate')).stdout).toContain('Base à jour (sqlite)');
    const created = await tartine('create-admin', '--username', 'Marie.Curie', '--email', 'marie@example.fr', '--name', 'Marie Curie');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/https:\/\/portail\.example\.fr\/reinitialiser-mot-de-passe\?token=[\w-]{40,}/);

    const again = await tartine('create-admin', '--username', 'marie.curie', '--email', 'autre@example.fr');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('ce nom d’utilisateur existe déjà');

    const reset = await tartine('reset-password', '--username', 'marie@example.fr');
    expect(reset.stdout).toContain('/reinitialiser-mot-de-passe?token=');

    const { db, destroy } = createDb({ dialect: 'sqlite', filename: path.join(dir, 'tartine.sqlite') });
    const users = await db.selectFrom('users').select(['username', 'role', 'password_hash']).execute();
    const organisations = await db.selectFrom('organisation').select('id').execute();
    await destroy();
    expect(users).toEqual([{ username: 'marie.curie', role: 'admin', password_hash: null }]);
    expect(organisations).toEqual([]); // TARTINE_DEMO=0: nothing seeded
  }, 60_000);

  it('invoices a month: dry run first, then the issue; the same month twice is refused; a future month too', async () => {
    const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartine-cli-demo-'));
    const demoEnv = { ...env, TARTINE_DATA_DIR: demoDir, TARTINE_DEMO: '1' };
    const cli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'cli/tartine.ts', ...args], { cwd: root, env: demoEnv }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    try {
      expect((await cli('seed-demo')).code).toBe(0);
      const month = parisToday(new Date()).slice(0, 7); // the seed issued the month before
      const dry = await cli('invoices:run', '--month', month, '--dry-run');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/factures à émettre : \d+/);
      expect(dry.stdout).toContain('ce mois n’est pas terminé');
      const { db, destroy } = createDb({ dialect: 'sqlite', filename: path.join(demoDir, 'tartine.sqlite') });
      const before = await db.selectFrom('invoices').select('id').execute();
      const issued = await cli('invoices:run', '--month', month);
      expect(issued.code).toBe(0);
      expect(issued.stdout).toMatch(/terminée : \d+ factures émises/);
      const after = await db.selectFrom('invoices').select('id').execute();
      await destroy();
      expect(after.length).toBeGreaterThan(before.length);
      const again = await cli('invoices:run', '--month', month);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('déjà émises');
      const future = await cli('invoices:run', '--month', '2099-01');
      expect(future.code).toBe(1);
      expect(future.stderr).toContain('mois à venir');
    } finally {
      fs.rmSync(demoDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('answers an unknown command with the usage and exit code 2', async () => {
    const result = await tartine('frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Commande inconnue');
  }, 30_000);
});
