import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  /** The last 2 MB the server printed (for error messages). */
  output(): string;
  /** SIGTERM (graceful: in-flight requests finish), then SIGKILL after 15 s. Idempotent. */
  stop(): Promise<void>;
}

/**
 * The real server started exactly as `npm start` does (production mode, builds if needed), on a free loopback port,
 * resolved once /sante answers. The e2e tests and the benchmarks share it.
 */
export async function startServerProcess(options: {
  env: Record<string, string>;
  /** Also write everything the server prints to this file. */
  logFile?: string;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = options.logFile ? fs.createWriteStream(options.logFile) : null;
  let tail = '';
  const keep = (chunk: Buffer) => {
    log?.write(chunk);
    tail = (tail + chunk.toString()).slice(-2_000_000);
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TARTINE_PUBLIC_URL: baseUrl,
      SMTP_URL: '',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let stopped: Promise<void> | null = null;
  const server: ServerProcess = {
    child,
    baseUrl,
    output: () => tail,
    stop: () =>
      (stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          if (!(await within(exited, 15_000))) {
            child.kill('SIGKILL');
            await within(exited, 5_000);
          }
        }
        if (log) await new Promise((resolve) => log.end(resolve));
      })()),
  };

  // The server builds the app first when the sources are newer than the build: allow for it.
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (code ${child.exitCode}):\n${tail.slice(-4000)}`);
    try {
      const res = await fetch(`${baseUrl}/sante`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`The server did not answer on ${baseUrl}/sante in time:\n${tail.slice(-4000)}`);
}

/** Whether the promise settled within the delay (the timer never outlives it). */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
