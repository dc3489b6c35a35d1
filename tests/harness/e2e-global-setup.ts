import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServerProcess } from './server-process';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDataDir: string;
  }
}

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * Starts the real server exactly as `npm start` does (production build, demo commune on a fresh SQLite file,
 * file outbox), once for the whole e2e run.
 */
export default async function setup(project: TestProject) {
  if (!fs.existsSync(path.join(root, 'build', 'server', 'index.js'))) {
    throw new Error('No production build: run `npx react-router build` first (npm test does it).');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartine-e2e-'));
  const server = await startServerProcess({
    env: { TARTINE_DATA_DIR: dataDir, TARTINE_DEMO: '1', DATABASE_URL: '' },
    timeoutMs: 120_000,
  });
  project.provide('baseUrl', server.baseUrl);
  project.provide('e2eDataDir', dataDir);

  return async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
