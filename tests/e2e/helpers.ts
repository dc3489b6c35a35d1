/**
 * Shared helpers of the end-to-end tests: plain HTTP requests (with a chosen loopback source address, so each
 * file has its own per-IP rate-limit budget), form logins, the file outbox, and a minimal valid PDF.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { newContext } from '../harness/browser';

export const baseUrl = (): string => inject('baseUrl');
export const outboxDir = (): string => path.join(inject('e2eDataDir'), 'outbox');

/** The demo accounts of server/demo/seed-demo.ts. */
export const ACCOUNTS = {
  parent: { username: 'famille.martin', password: 'Tartine-Martin-2026', email: 'famille.martin@example.fr' },
  admin: { username: 'admin', password: 'Tartine-Admin-2026', email: 'admin@saint-exemple.fr' },
  agent: { username: 'agent', password: 'Tartine-Agent-2026', email: 'agent@saint-exemple.fr' },
  regisseur: { username: 'regisseur', password: 'Tartine-Regie-2026', email: 'regie@saint-exemple.fr' },
  animateur: { username: 'animateur', password: 'Tartine-Anim-2026', email: 'animation@saint-exemple.fr' },
} as const;

export type AccountRole = keyof typeof ACCOUNTS;

/**
 * Loopback source addresses (the whole 127/8 is local on Linux): the server keys its login and reset-request
 * budgets by IP, so each test file that posts many forms uses its own address. Chromium always comes from 127.0.0.1.
 */
export const SOURCE_IP = {
  default: '127.0.0.1',
  roles: '127.0.0.11',
  login: '127.0.0.12',
  passwordReset: '127.0.0.13',
  passwordResetRestore: '127.0.0.14',
  throttling: '127.0.0.15',
  throttlingOther: '127.0.0.16',
  security: '127.0.0.17',
  admin: '127.0.0.18',
} as const;

export const SESSION_COOKIE = 'tartine_session';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  location: string | undefined;
  setCookies: string[];
  body: Buffer;
  text: string;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  body?: Buffer | string;
  /** A "name=value" Cookie header. */
  cookie?: string;
  localAddress?: string;
  /** Adds Origin: <baseUrl> (a same-origin form post). Defaults to true for non-GET requests. */
  sameOrigin?: boolean;
  /**
   * Announce the whole body in Content-Length but send only its first 64 KiB, then wait for the answer: for a server
   * that refuses on the announced size alone (it may close the connection before reading the rest).
   */
  announceOnly?: boolean;
}

/** One HTTP request, redirects not followed (like fetch's redirect: 'manual', but with the Location and raw cookies). */
export function request(pathOrUrl: string, options: HttpOptions = {}): Promise<HttpResponse> {
  const url = new URL(pathOrUrl, baseUrl());
  const method = options.method ?? (options.form ? 'POST' : 'GET');
  const headers: Record<string, string> = { 'Accept-Language': 'fr-FR,fr;q=0.9', ...options.headers };
  let body: Buffer | undefined;
  if (options.form) {
    body = Buffer.from(new URLSearchParams(options.form).toString());
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (options.body !== undefined) {
    body = Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
  }
  if (body) headers['Content-Length'] = String(body.length);
  if (options.cookie) headers.Cookie = options.cookie;
  if ((options.sameOrigin ?? method !== 'GET') && !Object.keys(headers).some((h) => h.toLowerCase() === 'origin')) {
    headers.Origin = new URL(baseUrl()).origin;
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers, localAddress: options.localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const buffer = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            location: res.headers.location,
            setCookies: res.headers['set-cookie'] ?? [],
            body: buffer,
            text: buffer.toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may answer and close before the whole body is sent (413 on the announced size).
      if (options.announceOnly && (error.code === 'EPIPE' || error.code === 'ECONNRESET')) return;
      reject(error);
    });
    if (body && options.announceOnly) {
      req.write(body.subarray(0, 64 * 1024));
      req.once('response', (res) => res.once('end', () => req.destroy()));
      return;
    }
    if (body) req.write(body);
    req.end();
  });
}

/** The value a Set-Cookie list gives a cookie ('' when it is cleared), or undefined when it is not set. */
export function cookieValue(setCookies: string[], name: string): string | undefined {
  for (const header of setCookies) {
    const [pair] = header.split(';');
    const index = pair.indexOf('=');
    if (pair.slice(0, index).trim() === name) return pair.slice(index + 1).trim();
  }
  return undefined;
}

export function setCookieHeader(setCookies: string[], name: string): string | undefined {
  return setCookies.find((h) => h.split('=')[0].trim() === name);
}

/** Posts the login form. */
export function postLogin(identifier: string, password: string, options: { remember?: boolean; localAddress?: string; cookie?: string } = {}) {
  const form: Record<string, string> = { identifier, password };
  if (options.remember) form.remember = '1';
  return request('/connexion', { form, localAddress: options.localAddress, cookie: options.cookie });
}

/** Logs in through the form and returns the "name=value" session cookie (throws when the login fails). */
export async function loginHttp(role: AccountRole, localAddress?: string): Promise<string> {
  const { username, password } = ACCOUNTS[role];
  const res = await postLogin(username, password, { localAddress });
  const token = cookieValue(res.setCookies, SESSION_COOKIE);
  if (res.status !== 302 || !token) {
    throw new Error(`Login as ${username} failed: HTTP ${res.status} ${res.location ?? ''} ${res.text.slice(0, 300)}`);
  }
  return `${SESSION_COOKIE}=${token}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Outbox

export interface OutboxMail {
  id: string;
  from: string;
  date: string;
  to: string;
  subject: string;
  text: string;
}

export function outboxFiles(): string[] {
  try {
    return fs.readdirSync(outboxDir()).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
}

export function readMails(names: string[] = outboxFiles()): OutboxMail[] {
  return names.map((n) => JSON.parse(fs.readFileSync(path.join(outboxDir(), n), 'utf8')) as OutboxMail);
}

/** Mails written since a snapshot of the outbox (outboxFiles()), oldest first. */
export function mailsSince(before: string[]): OutboxMail[] {
  const known = new Set(before);
  return readMails(outboxFiles().filter((n) => !known.has(n)));
}

/** Waits for a new mail (optionally to one address) since a snapshot; the mailer writes before the response, but be lenient. */
export async function waitForMail(before: string[], to?: string, timeoutMs = 5_000): Promise<OutboxMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = mailsSince(before).filter((m) => !to || m.to.toLowerCase() === to.toLowerCase());
    if (mails.length > 0) return mails[mails.length - 1];
    if (Date.now() > deadline) throw new Error(`No new mail${to ? ` to ${to}` : ''} in ${outboxDir()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function resetLinkIn(mail: OutboxMail): string {
  const match = /https?:\/\/\S+\/reinitialiser-mot-de-passe\?token=[^\s]+/.exec(mail.text);
  if (!match) throw new Error(`No reset link in the mail: ${mail.text}`);
  return match[0];
}

/**
 * Sets an account's password through the public forgotten-password flow over HTTP (used to put a demo password
 * back, so the test files stay independent of their order).
 */
export async function resetPasswordHttp(identifier: string, newPassword: string, localAddress: string): Promise<void> {
  const before = outboxFiles();
  const asked = await request('/mot-de-passe-oublie', { form: { identifier }, localAddress });
  if (asked.status !== 200) throw new Error(`Reset request for ${identifier} answered ${asked.status}`);
  const link = resetLinkIn(await waitForMail(before));
  const token = new URL(link).searchParams.get('token') ?? '';
  const done = await request('/reinitialiser-mot-de-passe', { form: { token, password: newPassword, confirm: newPassword }, localAddress });
  if (done.status !== 302) throw new Error(`Password reset for ${identifier} answered ${done.status}: ${done.text.slice(0, 300)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Files

/** A small, valid one-page PDF built by hand (correct xref offsets), recognised as application/pdf by file-type. */
export function minimalPdf(text = 'Tartine'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const stream = `BT /F1 24 Tf 72 760 Td (${text}) Tj ET`;
      return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A unique suffix so repeated runs against the same server do not collide. */
export const unique = (): string => Math.random().toString(36).slice(2, 8);

// ---------------------------------------------------------------------------------------------------------------
// Browser

/** A fresh context and page (French, optionally without JavaScript) that fail fast instead of using the test's whole budget. */
export async function openPage(browser: Browser, options: { javaScript?: boolean; mobile?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, options);
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** The value of the session cookie the browser holds (undefined when none). */
export async function browserSessionCookie(context: BrowserContext) {
  return (await context.cookies(baseUrl())).find((c) => c.name === SESSION_COOKIE);
}

/** A multipart/form-data body (for upload requests without a browser). */
export function multipart(
  fields: Record<string, string>,
  files: Record<string, { name: string; type: string; bytes: Buffer }> = {},
): { body: Buffer; contentType: string } {
  const boundary = `----tartine${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const [name, file] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The visible text of a page's <main> (short failure messages, and no match inside scripts or attributes). */
export function mainText(html: string): string {
  const main = /<main\b[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? html;
  return main
    .replace(/<script\b[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
