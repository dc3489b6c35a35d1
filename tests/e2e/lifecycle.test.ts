import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../harness/server-process';

/** `npm start` as production runs it: TARTINE_DEMO=0 seeds nothing, SIGTERM lets requests in flight finish. */
describe('server lifecycle', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartine-lifecycle-'));
    server = await startServerProcess({ env: { TARTINE_DATA_DIR: dataDir, TARTINE_DEMO: '0', DATABASE_URL: '', LOG_LEVEL: 'info' } });
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds nothing without the demo and tells how to create the first admin', async () => {
    const res = await fetch(`${server.baseUrl}/connexion`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'identifier=admin&password=Tartine-Admin-2026',
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(server.output()).toContain('create-admin');
    expect(server.output()).not.toContain('Comptes de démonstration');
  });

  it('finishes the request in flight on SIGTERM, then exits cleanly', async () => {
    // A request whose body is still arriving when the signal comes: the server must wait for it.
    const url = new URL(`${server.baseUrl}/mot-de-passe-oublie`);
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String('identifier=personne'.length) } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('identifier=pers');
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end('onne'), 300);
      }, 200);
    });
    const { status, body } = await answer;
    expect(status).toBe(200);
    expect(body).toContain('Si un compte correspond');
    expect(await exited).toBe(0);
    expect(server.output()).toContain('Arrêt terminé.');
  });
});
