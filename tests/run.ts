/**
 * `npm test`: every check, in order, stopping at the first failure with its exit code.
 *   1. type check (react-router typegen, tsc)   2. unit   3. integration (SQLite + PostgreSQL)
 *   4. production build                          5. end-to-end (real server, Chromium)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

interface Step {
  title: string;
  commands: string[][];
  env?: Record<string, string>;
}

const steps: Step[] = [
  { title: 'type check', commands: [['react-router', 'typegen'], ['tsc', '--noEmit']] },
  { title: 'unit tests', commands: [['vitest', 'run', '--project', 'unit']] },
  { title: 'integration tests', commands: [['vitest', 'run', '--project', 'integration']] },
  { title: 'production build', commands: [['react-router', 'build']], env: { NODE_ENV: 'production' } },
  { title: 'end-to-end tests', commands: [['vitest', 'run', '--project', 'e2e']] },
];

const CHROMIUM = '/usr/bin/chromium';

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function runCommand(args: string[], env: Record<string, string> | undefined): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npx', args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (error) => {
      console.error(`Could not start npx ${args.join(' ')}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0)));
  });
}

async function main(): Promise<number> {
  if (process.env.CI === 'true' && !fs.existsSync(CHROMIUM)) {
    console.error(
      `✗ CI=true but ${CHROMIUM} does not exist: the end-to-end tests need Debian's Chromium ` +
        '(apt-get install chromium; .ci/run does it). Nothing was run.',
    );
    return 1;
  }

  const started = performance.now();
  for (const [index, step] of steps.entries()) {
    const stepStarted = performance.now();
    const shown = step.commands.map((c) => c.join(' ')).join(' && ');
    console.log(`\n━━ [${index + 1}/${steps.length}] ${step.title}: ${shown}`);
    for (const command of step.commands) {
      const code = await runCommand(command, step.env);
      if (code !== 0) {
        console.error(`\n✗ ${step.title} failed (exit ${code}) after ${seconds(stepStarted)}; total ${seconds(started)}`);
        return code;
      }
    }
    console.log(`━━ ✓ ${step.title} in ${seconds(stepStarted)}`);
  }
  console.log(`\n✓ all ${steps.length} steps passed in ${seconds(started)}`);
  return 0;
}

process.exitCode = await main();
