/**
 * A throwaway PostgreSQL server for the test suites.
 *
 * - `TEST_DATABASE_URL` set: use that server (the tests create and drop their own databases on it).
 * - otherwise: `initdb` a cluster in a temporary directory with the highest `/usr/lib/postgresql/<v>/bin`,
 *   run as the `postgres` OS user when we are root (initdb and postgres refuse to run as root).
 * - neither works: in CI (`CI=true`) this throws, so the suite fails instead of silently skipping PostgreSQL;
 *   elsewhere it prints a loud warning and returns null.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** Superuser connection string to the `postgres` maintenance database. */
  url: string;
  /** True when the server came from TEST_DATABASE_URL (we did not start it and must not stop it). */
  external: boolean;
  stop(): Promise<void>;
}

const isCi = () => process.env.CI === 'true';

/** Start (or reach) a PostgreSQL server; null when unavailable outside CI. Throws in CI when unavailable. */
export async function startPostgresForTests(): Promise<PostgresServer | null> {
  try {
    const external = process.env.TEST_DATABASE_URL;
    if (external) {
      await waitForConnection(external, 10_000);
      return { url: external, external: true, stop: async () => {} };
    }
    return await startPostgresCluster();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (isCi()) {
      throw new Error(
        `PostgreSQL is required in CI (CI=true) but could not be started: ${reason}\n` +
          'Install the postgresql package (initdb under /usr/lib/postgresql/*/bin, a "postgres" OS user) ' +
          'or set TEST_DATABASE_URL to a server where the tests may create databases.',
      );
    }
    const bar = '!'.repeat(100);
    console.warn(
      `\n${bar}\n!!! PostgreSQL UNAVAILABLE: the integration tests run on SQLite ONLY.\n!!! ${reason}\n` +
        `!!! Install PostgreSQL (e.g. apt-get install postgresql) or set TEST_DATABASE_URL. CI fails in this case.\n${bar}\n`,
    );
    return null;
  }
}

/** The bin directory of the highest installed PostgreSQL version, or null. */
export function findPostgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  let versions: string[];
  try {
    versions = fs.readdirSync(root);
  } catch {
    return null;
  }
  const candidates = versions
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return candidates.length > 0 ? path.join(root, candidates[0], 'bin') : null;
}

/** initdb + postgres in a fresh temporary directory; resolves once the server accepts connections. */
export async function startPostgresCluster(): Promise<PostgresServer> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error('no PostgreSQL binaries found under /usr/lib/postgresql/*/bin');

  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let owner: { uid: number; gid: number } | null = null;
  if (asRoot) {
    owner = lookupUser('postgres');
    if (!owner) throw new Error('running as root but there is no "postgres" OS user to run initdb/postgres as');
  }
  /**
   * Wrap a PostgreSQL binary so it runs as the postgres user when we are root; `--pdeathsig` makes the postmaster
   * shut down if the test process dies without running its teardown (SIGKILL, crash).
   */
  const command = (binary: string, args: string[]): [string, string[]] =>
    asRoot
      ? [
          'setpriv',
          ['--reuid=postgres', '--regid=postgres', '--init-groups', '--pdeathsig=INT', path.join(binDir, binary), ...args],
        ]
      : [path.join(binDir, binary), args];

  const parent = clusterParentDir();
  removeStaleClusters(parent);
  const dir = fs.mkdtempSync(path.join(parent, 'tartine-pg-'));
  try {
    if (owner) fs.chownSync(dir, owner.uid, owner.gid);

    const initdbBase = ['-D', dir, '-A', 'trust', '-U', 'postgres', '--encoding=UTF8', '--no-sync'];
    let init = run(...command('initdb', [...initdbBase, '--locale=C.UTF-8']));
    if (init.status !== 0) {
      emptyDir(dir);
      init = run(...command('initdb', [...initdbBase, '--no-locale']));
    }
    if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}):\n${init.output}`);

    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      try {
        return await launch(dir, port, command);
      } catch (error) {
        lastError = error; // most likely the port was taken in between: try another one
      }
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Where the cluster lives: /dev/shm when it is a roomy tmpfs (CREATE DATABASE … TEMPLATE takes ~10 ms there instead
 * of ~200 ms on ext4, even with fsync=off), else the OS temporary directory.
 */
function clusterParentDir(): string {
  const shm = '/dev/shm';
  try {
    fs.accessSync(shm, fs.constants.W_OK);
    const stats = fs.statfsSync(shm);
    if (stats.bavail * stats.bsize >= 1024 ** 3) return shm;
  } catch {
    // no usable /dev/shm
  }
  return os.tmpdir();
}

/** Clusters left behind by killed runs (the postmaster died with its parent, the directory stayed). */
function removeStaleClusters(parent: string): void {
  const hour = 60 * 60 * 1000;
  for (const entry of safeReaddir(parent)) {
    if (!entry.startsWith('tartine-pg-')) continue;
    const dir = path.join(parent, entry);
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs < hour) continue; // maybe another run starting up
      const pidFile = path.join(dir, 'postmaster.pid');
      const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
      if (pid > 0 && isAlive(pid)) continue;
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // not ours to worry about
    }
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function launch(
  dir: string,
  port: number,
  command: (binary: string, args: string[]) => [string, string[]],
): Promise<PostgresServer> {
  const [file, args] = command('postgres', [
    '-D', dir,
    '-k', dir,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
    '-c', 'max_connections=200',
  ]);
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // If the test process dies without running the teardown, do not leave a postmaster behind.
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  try {
    await Promise.race([
      waitForConnection(url, 30_000),
      exited.then((code) => {
        throw new Error(`postgres exited early (code ${code}):\n${log}`);
      }),
    ]);
  } catch (error) {
    process.removeListener('exit', killOnExit);
    child.kill('SIGKILL');
    await exited;
    throw error;
  }

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // fast shutdown
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    })());
  return { url, external: false, stop };
}

/** Retry until the server accepts a connection and answers a query. */
export async function waitForConnection(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`PostgreSQL at ${redact(url)} did not accept connections within ${timeoutMs} ms: ${reason}`);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

function run(file: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(file, args, { encoding: 'utf8' });
  if (result.error) return { status: -1, output: result.error.message };
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function emptyDir(dir: string): void {
  for (const entry of fs.readdirSync(dir)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
}

function lookupUser(name: string): { uid: number; gid: number } | null {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
