/**
 * A real SMTP server (the `smtp-server` package) on loopback for tests: the app sends through nodemailer exactly as
 * in production and the test reads what arrived, decoded (quoted-printable / base64 bodies, RFC 2047 subjects).
 *
 *   const smtp = await startSmtpServer();             // SMTP_URL = smtp.url
 *   const mail = await smtp.waitFor((m) => m.to.includes('parent@example.org'));
 *   expect(mail.subject).toBe('Réinitialisation de votre mot de passe');
 *   await smtp.stop();
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** SMTP envelope (MAIL FROM / RCPT TO), as the server saw it. */
  envelope: { from: string | null; to: string[] };
  /** Decoded header values by lower-case name (the last occurrence wins). */
  headers: Record<string, string>;
  /** Decoded `Subject` header. */
  subject: string;
  /** Decoded `From` header. */
  from: string;
  /** Decoded `To` header (e.g. `Marie Dupont <marie@example.org>`). */
  to: string;
  /** The text/plain body, decoded, with LF line endings ('' when absent). */
  text: string;
  /** The text/html body, decoded, with LF line endings (null when absent). */
  html: string | null;
  /** Every http(s) URL found in the text body (then the HTML body), in order. */
  urls: string[];
  /** The message as received (header + body, still encoded). */
  raw: string;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:PORT`: give it to nodemailer / SMTP_URL. */
  url: string;
  port: number;
  /** Every message received so far, in arrival order. */
  messages: ReceivedMail[];
  /** The first message (already received or arriving within `timeoutMs`) matching the predicate. */
  waitFor(predicate?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Forget the messages received so far. */
  clear(): void;
  stop(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0);

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 500,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        try {
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((address) => address.address),
          };
          const mail = parseMessage(Buffer.concat(chunks), envelope);
          messages.push(mail);
          events.emit('mail', mail);
          callback();
        } catch (error) {
          callback(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
  });
  server.on('error', () => {}); // connection-level errors (client resets) must not crash the test process

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.removeListener('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  const waitFor = (predicate: (mail: ReceivedMail) => boolean = () => true, timeoutMs = 5_000) =>
    new Promise<ReceivedMail>((resolve, reject) => {
      const found = messages.find(predicate);
      if (found) return resolve(found);
      const onMail = (mail: ReceivedMail) => {
        if (!predicate(mail)) return;
        clearTimeout(timer);
        events.removeListener('mail', onMail);
        resolve(mail);
      };
      const timer = setTimeout(() => {
        events.removeListener('mail', onMail);
        const seen = messages.map((m) => `  - to ${m.envelope.to.join(', ')}: ${m.subject}`).join('\n') || '  (none)';
        reject(new Error(`No matching e-mail within ${timeoutMs} ms. Received:\n${seen}`));
      }, timeoutMs);
      events.on('mail', onMail);
    });

  let stopped: Promise<void> | undefined;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor,
    clear: () => {
      messages.length = 0;
    },
    stop: () => (stopped ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Minimal MIME parsing: enough for what nodemailer produces (single part or nested multipart, 7bit / 8bit /
// quoted-printable / base64, RFC 2047 encoded words). Strings hold bytes as latin1 until a charset is applied.

interface Part {
  headers: Record<string, string>;
  body: string; // raw bytes as latin1
}

export function parseMessage(raw: Buffer, envelope: ReceivedMail['envelope']): ReceivedMail {
  const binary = raw.toString('latin1');
  const root = splitPart(binary);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(root.headers)) headers[name] = decodeHeader(value);

  const bodies: { text: string | null; html: string | null } = { text: null, html: null };
  collectBodies(root, bodies);
  const text = bodies.text ?? '';
  const urls = [...extractUrls(text), ...(bodies.html ? extractUrls(bodies.html) : [])];

  return {
    envelope,
    headers,
    subject: headers.subject ?? '',
    from: headers.from ?? '',
    to: headers.to ?? '',
    text,
    html: bodies.html,
    urls: [...new Set(urls)],
    raw: raw.toString('utf8'),
  };
}

function splitPart(binary: string): Part {
  const match = /\r?\n\r?\n/.exec(binary);
  const head = match ? binary.slice(0, match.index) : binary;
  const body = match ? binary.slice(match.index + match[0].length) : '';
  const headers: Record<string, string> = {};
  // Unfold continuation lines, then split "Name: value".
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function collectBodies(part: Part, out: { text: string | null; html: string | null }): void {
  const { type, params } = parseContentType(part.headers['content-type']);
  if (type.startsWith('multipart/') && params.boundary) {
    for (const child of splitMultipart(part.body, params.boundary)) collectBodies(splitPart(child), out);
    return;
  }
  const disposition = (part.headers['content-disposition'] ?? '').toLowerCase();
  if (disposition.startsWith('attachment')) return;
  if (type === 'text/plain' && out.text === null) out.text = decodeBody(part, params.charset);
  else if (type === 'text/html' && out.html === null) out.html = decodeBody(part, params.charset);
}

function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  if (!value) return { type: 'text/plain', params: {} };
  const [type, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  const delimiter = `--${boundary}`;
  const lines = body.split(/\r?\n/);
  let current: string[] | null = null;
  for (const line of lines) {
    if (line === `${delimiter}--`) {
      if (current) parts.push(current.join('\r\n'));
      return parts;
    }
    if (line === delimiter) {
      if (current) parts.push(current.join('\r\n'));
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

function decodeBody(part: Part, charset = 'utf-8'): string {
  const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').trim().toLowerCase();
  let bytes: Buffer;
  if (encoding === 'base64') bytes = Buffer.from(part.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  else if (encoding === 'quoted-printable') bytes = decodeQuotedPrintable(part.body);
  else bytes = Buffer.from(part.body, 'latin1');
  return decodeCharset(bytes, charset).replace(/\r\n/g, '\n');
}

function decodeQuotedPrintable(binary: string): Buffer {
  const unfolded = binary.replace(/[ \t]+(?=\r?\n)/g, '').replace(/=\r?\n/g, ''); // trailing spaces, soft breaks
  const bytes: number[] = [];
  for (let i = 0; i < unfolded.length; i++) {
    const char = unfolded[i];
    const hex = unfolded.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(unfolded.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** RFC 2047: `=?UTF-8?Q?R=C3=A9initialisation?=` / `=?utf-8?B?...?=`; whitespace between encoded words is dropped. */
export function decodeHeader(binary: string): string {
  const wordPattern = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  // Tokens: literal text (raw bytes) or encoded words (decoded bytes + charset).
  const tokens: { charset: string; bytes: Buffer }[] = [];
  let last = 0;
  for (const match of binary.matchAll(wordPattern)) {
    const [word, charset, kind, data] = match;
    const between = binary.slice(last, match.index);
    const previousIsWord = tokens.length > 0 && tokens[tokens.length - 1].charset !== '';
    if (between.length > 0 && !(previousIsWord && /^\s+$/.test(between))) {
      tokens.push({ charset: '', bytes: Buffer.from(between, 'latin1') });
    }
    const bytes =
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' '));
    tokens.push({ charset: charset.replace(/\*.*$/, '').toLowerCase(), bytes });
    last = match.index + word.length;
  }
  if (last < binary.length) tokens.push({ charset: '', bytes: Buffer.from(binary.slice(last), 'latin1') });

  // Adjacent words of one charset may split a multi-byte character: decode their bytes together.
  let result = '';
  for (let i = 0; i < tokens.length; ) {
    let j = i + 1;
    while (j < tokens.length && tokens[j].charset === tokens[i].charset) j++;
    const bytes = Buffer.concat(tokens.slice(i, j).map((t) => t.bytes));
    result += decodeCharset(bytes, tokens[i].charset || 'utf-8');
    i = j;
  }
  return result;
}

function extractUrls(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => m[0].replace(/[.,;:!?]+$/, '').replace(/&amp;/g, '&'));
}
