import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseDatabaseUrl } from './config';

describe('loadConfig', () => {
  it('defaults to the demo on a SQLite file under ./data, port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.demo).toBe(true);
    expect(config.database).toEqual({ dialect: 'sqlite', filename: path.resolve('data', 'tartine.sqlite') });
    expect(config.secureCookies).toBe(false);
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('reads PostgreSQL, production settings and HTTPS', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://tartine:secret@db:5432/tartine',
      TARTINE_DEMO: '0',
      PORT: '8080',
      TARTINE_PUBLIC_URL: 'https://portail.saint-exemple.fr/',
    });
    expect(config.database).toEqual({ dialect: 'postgres', connectionString: 'postgres://tartine:secret@db:5432/tartine' });
    expect(config.demo).toBe(false);
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('https://portail.saint-exemple.fr');
    expect(config.secureCookies).toBe(true);
  });

  it('refuses invalid values with a French message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/Configuration invalide[\s\S]*PORT/);
    expect(() => loadConfig({ TARTINE_DEMO: 'yes' })).toThrow(/TARTINE_DEMO/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ SMTP_URL: '', DATABASE_URL: '', PORT: '' }).smtpUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '' }).database.dialect).toBe('sqlite');
  });

  it('accepts sqlite: and file: URLs', () => {
    expect(parseDatabaseUrl('sqlite:/tmp/x.sqlite', '/d')).toEqual({ dialect: 'sqlite', filename: '/tmp/x.sqlite' });
    expect(parseDatabaseUrl('file:./y.sqlite', '/d')).toEqual({ dialect: 'sqlite', filename: path.resolve('y.sqlite') });
  });
});
