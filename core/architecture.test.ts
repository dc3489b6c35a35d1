import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = path.dirname(new URL(import.meta.url).pathname);
const FORBIDDEN = /from\s+['"](react-router|@react-router\/[^'"]+|kysely|pg|better-sqlite3|react|express|nodemailer)['"]/;
const OUTSIDE = /from\s+['"]\.\.\/\.\.\/(app|adapters|server|cli)\b|from\s+['"]\.\.\/(app|adapters|server|cli)\b/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('core/ boundaries (DESIGN.md: the domain is plain TypeScript)', () => {
  const files = sources(CORE);

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [path.relative(CORE, f), f]))('%s imports no framework, driver or outer layer', (_name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toMatch(FORBIDDEN);
    expect(text).not.toMatch(OUTSIDE);
  });
});
