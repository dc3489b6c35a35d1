/**
 * Booking rush: a holiday-centre opening against the real server (production build, SQLite default, loopback).
 *
 *   npm run bench -- booking-rush [--families 2500] [--concurrency 200] [--capacity N] [--no-waiting-list]
 *                                 [--timeout-ms 120000] [--planning-calls 500] [--seed 2026] [--keep]
 *
 * 1. Generates a commune (bench/generate-commune.ts) into a fresh SQLite file in a temporary directory.
 * 2. Starts the real server (`node --import tsx server/start.ts`, NODE_ENV=production, LOG_LEVEL=warn) on a free
 *    loopback port with DATABASE_URL pointing at that file, and waits for /sante.
 * 3. Every family at once, at most --concurrency in flight, does what a parent's browser does without JavaScript:
 *      login    POST /connexion (identifier, password) → 302 + session cookie
 *      planning GET  /portail/planning (this month, first child; gives the children's tabs)
 *      edit     GET  the edit form of next month for a child (Modifier, then ›; later children: Valider's redirect)
 *      save     POST that form: the hidden enfant/vue/date, every enabled box of the canteen and of the limited
 *                    activity ticked (other rows left as they are), intent=valider (terminer for the last child)
 *      recap    GET  /portail/planning/recapitulatif → basketId and version of the Terminer form
 *      confirm  POST intent=confirm, basketId, version → 302 to ?confirmation=<id>
 *      report   GET  the confirmation page: lines booked, put on the waiting list, and refused with their reason
 *    Redirects are followed by hand (the cookie stays with the family). A "full" refusal of the limited activity is
 *    an outcome, not an error; anything else unexpected (status, missing form, a refused canteen day, a line lost
 *    between the form and the report) is an error of the step where it shows.
 * 4. After the rush: the planning page's round trip on the idle server, then the server is stopped and the SQLite
 *    file is checked: reserved bookings per day of the limited activity never above its capacity, and equal to the
 *    capacity counter (otherwise: printed loudly, exit code 1).
 * 5. In process: services.booking.planning(...) timed over random children (server/services.ts createServices).
 *
 * Results: bench/results/booking-rush-<timestamp>.json and bench/results/booking-rush-latest.md (printed too).
 * Exit code: 0; 2 when a step had errors; 1 when capacity is exceeded, a capacity counter disagrees with the bookings,
 * or the database disagrees with the confirmation pages (something booked or lost silently); 1 on a crash.
 *
 * The HTTP client is node:http with a keep-alive agent (one socket per in-flight family at most): no dependency, and
 * less CPU than fetch on a machine where the load generator shares the cores with the server.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import SQLite from 'better-sqlite3';
import { frPlanning } from '../app/i18n/fr-planning';
import { createRng } from '../server/demo/factories';
import { startServerProcess } from '../tests/harness/server-process';
import { generateCommune, type BenchFamily, type CommuneManifest } from './generate-commune';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'bench', 'results');
const RECAP_PATH = '/portail/planning/recapitulatif';
const SESSION_COOKIE = 'tartine_session';
const PASSWORD = 'Bench-Tartine-2026!';

// ---------------------------------------------------------------------------------------------------------------
// Options.

interface Options {
  families: number;
  concurrency: number;
  capacity: number | undefined;
  waitingList: boolean;
  timeoutMs: number;
  planningCalls: number;
  seed: number;
  keep: boolean;
}

const USAGE = `npm run bench -- booking-rush [options]
  --families N        families of the generated commune, all rushing (default 2500)
  --concurrency N     families in flight at once (default 200)
  --capacity N        places per day of the limited activity (default 12 % of the families: 300)
  --no-waiting-list   a full day is locked instead of offering the waiting list
  --timeout-ms N      per-request timeout (default 120000)
  --planning-calls N  in-process services.booking.planning calls (default 500)
  --seed N            generator seed (default 2026)
  --keep              keep the temporary directory (SQLite file, server log, outbox)`;

function parseOptions(args: string[]): Options {
  const options: Options = { families: 2500, concurrency: 200, capacity: undefined, waitingList: true, timeoutMs: 120_000, planningCalls: 500, seed: 2026, keep: false };
  const int = (name: string, value: string | undefined, min: number): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < min) throw new UsageError(`${name} attend un entier ≥ ${min} (reçu : ${value ?? 'rien'})`);
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--families': options.families = int(flag, value(), 1); break;
      case '--concurrency': options.concurrency = int(flag, value(), 1); break;
      case '--capacity': options.capacity = int(flag, value(), 1); break;
      case '--timeout-ms': options.timeoutMs = int(flag, value(), 100); break;
      case '--planning-calls': options.planningCalls = int(flag, value(), 0); break;
      case '--seed': options.seed = int(flag, value(), 0); break;
      case '--no-waiting-list': options.waitingList = false; break;
      case '--keep': options.keep = true; break;
      case '--help': case '-h': throw new UsageError('');
      default: throw new UsageError(`option inconnue : ${arg}`);
    }
  }
  return options;
}

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Statistics.

const STEPS = ['login', 'planning', 'edit', 'save', 'recap', 'confirm', 'report'] as const;
type Step = (typeof STEPS)[number];

interface Summary { count: number; mean: number; p50: number; p95: number; p99: number; max: number }

function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    count: sorted.length,
    mean: round(sorted.reduce((s, n) => s + n, 0) / sorted.length),
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]),
  };
}

interface ErrorSample { step: Step; family: string; status: number | null; message: string; requestId: string | null }

class Recorder {
  readonly latencies = Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<Step, number[]>;
  readonly errors = Object.fromEntries(STEPS.map((s) => [s, 0])) as Record<Step, number>;
  readonly statuses = new Map<string, number>();
  readonly samples: ErrorSample[] = [];

  sample(step: Step, ms: number, status: number) {
    this.latencies[step].push(ms);
    const key = `${step} ${status}`;
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }

  error(sample: ErrorSample) {
    this.errors[sample.step]++;
    if (this.samples.length < 40) this.samples.push(sample);
  }

  get errorCount() {
    return STEPS.reduce((sum, step) => sum + this.errors[step], 0);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP: node:http, keep-alive, compressed responses as a browser asks for them.

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number }

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const brotli = promisify(zlib.brotliDecompress);

class HttpClient {
  readonly agent: http.Agent;
  constructor(readonly base: URL, maxSockets: number, readonly timeoutMs: number) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  send(method: 'GET' | 'POST', target: string, options: { cookie?: string | null; form?: URLSearchParams } = {}): Promise<Reply> {
    const body = options.form ? Buffer.from(options.form.toString()) : null;
    const headers: http.OutgoingHttpHeaders = {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) tartine-bench/booking-rush',
      accept: 'text/html,application/xhtml+xml',
      'accept-encoding': 'gzip, deflate, br',
      'accept-language': 'fr-FR,fr;q=0.9',
      'sec-fetch-site': 'same-origin',
    };
    if (options.cookie) headers.cookie = `${SESSION_COOKIE}=${options.cookie}`;
    if (body) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = body.length;
      headers.origin = this.base.origin;
    }
    return new Promise<Reply>((resolve, reject) => {
      const started = performance.now();
      const req = http.request(
        { host: this.base.hostname, port: this.base.port, method, path: target, agent: this.agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const ms = performance.now() - started;
            const raw = Buffer.concat(chunks);
            const encoding = String(res.headers['content-encoding'] ?? '');
            const decode = encoding === 'gzip' ? gunzip(raw) : encoding === 'br' ? brotli(raw) : encoding === 'deflate' ? inflate(raw) : Promise.resolve(raw);
            decode.then((buffer) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buffer.toString('utf8'), ms }), reject);
          });
        },
      );
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`pas de réponse en ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// HTML reading (the pages are server-rendered by React: attributes in double quotes, & escaped as &amp;).

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}

function textOf(html: string): string {
  return decodeEntities(html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}

function attributes(tag: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const match of tag.matchAll(/\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g)) map.set(match[1], decodeEntities(match[2] ?? ''));
  return map;
}

/** What a person would read on an unexpected page: its title and error summary, shortened. */
function excerpt(html: string): string {
  const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1];
  const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? html;
  return `${title ? `${textOf(title)} — ` : ''}${textOf(main)}`.slice(0, 300);
}

/** The children's ids in tab order, from the planning's links (?enfant=…), first appearance first. */
function childIdsOf(html: string): string[] {
  const ids: string[] = [];
  for (const match of html.matchAll(/href="([^"]*[?&]enfant=[^"]*)"/g)) {
    const id = new URL(decodeEntities(match[1]), 'http://x').searchParams.get('enfant');
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

interface EditForm {
  action: string;
  hidden: Map<string, string>;
  boxes: { value: string; activityId: string; day: string; checked: boolean; disabled: boolean; full: boolean }[];
}

function editFormOf(html: string): EditForm | null {
  const start = html.search(/<form[^>]*class="planning-form"/);
  if (start < 0) return null;
  const end = html.indexOf('</form>', start);
  const form = html.slice(start, end < 0 ? undefined : end);
  const action = attributes(/<form[^>]*>/.exec(form)![0]).get('action') ?? '';
  const hidden = new Map<string, string>();
  for (const tag of form.matchAll(/<input\b[^>]*>/g)) {
    const attrs = attributes(tag[0]);
    if (attrs.get('type') === 'hidden' && attrs.has('name')) hidden.set(attrs.get('name')!, attrs.get('value') ?? '');
  }
  const boxes: EditForm['boxes'] = [];
  // One <td> per day: its checkbox, and « Complet » when the day showed full.
  for (const cell of form.split(/<td\b/).slice(1)) {
    const tag = /<input\b[^>]*\bname="c"[^>]*>/.exec(cell)?.[0];
    if (!tag) continue;
    const attrs = attributes(tag);
    const value = attrs.get('value') ?? '';
    const at = value.lastIndexOf(':');
    boxes.push({
      value,
      activityId: value.slice(0, at),
      day: value.slice(at + 1),
      checked: attrs.has('checked'),
      disabled: attrs.has('disabled'),
      full: cell.includes('class="cell-full"'),
    });
  }
  return { action, hidden, boxes };
}

function confirmFormOf(html: string): { action: string; basketId: string; version: string } | null {
  const at = html.search(/<input[^>]*name="intent"[^>]*value="confirm"|<input[^>]*value="confirm"[^>]*name="intent"/);
  if (at < 0) return null;
  const formStart = html.lastIndexOf('<form', at);
  const formEnd = html.indexOf('</form>', at);
  if (formStart < 0 || formEnd < 0) return null;
  const form = html.slice(formStart, formEnd);
  const fields = new Map<string, string>();
  for (const tag of form.matchAll(/<input\b[^>]*>/g)) {
    const attrs = attributes(tag[0]);
    if (attrs.has('name')) fields.set(attrs.get('name')!, attrs.get('value') ?? '');
  }
  const basketId = fields.get('basketId');
  const version = fields.get('version');
  if (!basketId || !version) return null;
  return { action: attributes(/<form[^>]*>/.exec(form)![0]).get('action') || RECAP_PATH, basketId, version };
}

/** The day named by a refused Valider (« Un des jours choisis ne peut plus être modifié : <activity>:<day>. »). */
function lockedDayOf(html: string): { activityId: string; day: string } | null {
  const [before, after] = frPlanning.lockedDayDetail('\u0000').replace(/\s+/g, ' ').split('\u0000');
  const text = textOf(html);
  const start = text.indexOf(before);
  if (start < 0) return null;
  const end = text.indexOf(after, start + before.length);
  const detail = text.slice(start + before.length, end < 0 ? undefined : end);
  const at = detail.lastIndexOf(':');
  return at > 0 ? { activityId: detail.slice(0, at), day: detail.slice(at + 1) } : null;
}

type ActivityClass = 'canteen' | 'limited' | 'other';
interface ReportLine { day: string; activity: ActivityClass; action: string; reason: string | null }

const OPERATIONS = new Map(Object.entries(frPlanning.recap.operation).map(([key, text]) => [text, key]));
const REASONS = new Map(Object.entries(frPlanning.confirmation.reasons).map(([key, text]) => [text, key]));

function reportOf(html: string, limitedName: string): { applied: ReportLine[]; failed: ReportLine[] } | null {
  if (!html.includes('class="recap-report"')) return null;
  const applied: ReportLine[] = [];
  const failed: ReportLine[] = [];
  const canteenKind = ` – ${frPlanning.recap.kinds.cantine}`;
  for (const table of html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/g)) {
    const caption = textOf(/<caption[^>]*>([\s\S]*?)<\/caption>/.exec(table[1])?.[1] ?? '');
    const target = caption === frPlanning.confirmation.appliedCaption ? applied : caption === frPlanning.confirmation.failedCaption ? failed : null;
    if (!target) continue;
    const tbody = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table[1])?.[1] ?? '';
    for (const row of tbody.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)) {
      const cells = [...row[1].matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]);
      const day = /dateTime="([^"]+)"/i.exec(cells[0] ?? '')?.[1] ?? '';
      const element = textOf(cells[1] ?? '');
      const activity: ActivityClass = element.includes(` – ${limitedName} – `) ? 'limited' : element.endsWith(canteenKind) ? 'canteen' : 'other';
      const operation = textOf(cells[2] ?? '');
      const reasonText = target === failed ? textOf(cells[3] ?? '') : null;
      target.push({ day, activity, action: OPERATIONS.get(operation) ?? operation, reason: reasonText === null ? null : (REASONS.get(reasonText) ?? reasonText) });
    }
  }
  return { applied, failed };
}

// ---------------------------------------------------------------------------------------------------------------
// One family's visit.

interface Outcomes {
  familiesCompleted: number;
  familiesAborted: number;
  familiesWithNothingToConfirm: number;
  children: number;
  /** Days ticked that were not booked yet (each becomes a basket line). */
  requested: { canteen: number; limited: number; limitedShownFull: number };
  canteenBooked: number;
  limitedBooked: number;
  limitedWaiting: number;
  /** Refused at Terminer: the day filled up after Valider. */
  limitedFull: number;
  /** Valider refused because a ticked day filled up since the page was shown (no waiting list); sent again. */
  limitedFullAtSave: number;
  /** Refusals other than a full limited day, by activity and reason (errors). */
  otherFailures: Record<string, number>;
}

class FlowError extends Error {}

function newOutcomes(): Outcomes {
  return {
    familiesCompleted: 0, familiesAborted: 0, familiesWithNothingToConfirm: 0, children: 0,
    requested: { canteen: 0, limited: 0, limitedShownFull: 0 },
    canteenBooked: 0, limitedBooked: 0, limitedWaiting: 0, limitedFull: 0, limitedFullAtSave: 0, otherFailures: {},
  };
}

interface Visit {
  client: HttpClient;
  recorder: Recorder;
  outcomes: Outcomes;
  manifest: CommuneManifest;
}

async function visitFamily(visit: Visit, family: BenchFamily): Promise<void> {
  const { client, recorder, outcomes, manifest } = visit;
  const canteenIds = new Set(manifest.canteenActivityIds);
  const limitedIds = new Set(manifest.limited.activityIds);
  let cookie: string | null = null;

  const fail = (step: Step, message: string, reply?: Reply): never => {
    recorder.error({
      step,
      family: family.username,
      status: reply?.status ?? null,
      message: reply ? `${message} | ${excerpt(reply.body)}` : message,
      requestId: reply ? (String(reply.headers['x-request-id'] ?? '') || null) : null,
    });
    throw new FlowError(message);
  };
  const call = async (step: Step, method: 'GET' | 'POST', target: string, expected: number[], form?: URLSearchParams): Promise<Reply> => {
    let reply: Reply;
    try {
      reply = await client.send(method, target, { cookie, form });
    } catch (error) {
      return fail(step, `${method} ${target}: ${error instanceof Error ? error.message : String(error)}`);
    }
    recorder.sample(step, reply.ms, reply.status);
    if (!expected.includes(reply.status)) fail(step, `${method} ${target.split('?')[0]}: statut ${reply.status} (attendu ${expected.join('/')})`, reply);
    return reply;
  };
  const locationOf = (step: Step, reply: Reply): string => {
    const location = reply.headers.location;
    if (!location) fail(step, 'redirection sans Location', reply);
    return new URL(location!, client.base).pathname + new URL(location!, client.base).search;
  };

  try {
    // Log in.
    const login = await call('login', 'POST', '/connexion', [302, 303], new URLSearchParams({ identifier: family.username, password: manifest.password }));
    const setCookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
    cookie = setCookie.map((c) => new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(c)?.[1]).find(Boolean) ?? null;
    if (!cookie) fail('login', 'pas de cookie de session', login);

    // The planning (this month, first child).
    const planning = await call('planning', 'GET', '/portail/planning', [200]);
    const childIds = childIdsOf(planning.body);
    if (childIds.length === 0 && family.childIds.length === 1 && planning.body.includes('planning-table')) childIds.push(family.childIds[0]);
    if (childIds.length !== family.childIds.length || !family.childIds.every((id) => childIds.includes(id))) {
      fail('planning', `enfants lus sur la page (${childIds.length}) ≠ enfants de la famille (${family.childIds.length})`, planning);
    }

    // Next month, child after child: Modifier, tick, Valider (Valider et terminer for the last one).
    let target = `/portail/planning?enfant=${encodeURIComponent(childIds[0])}&vue=mois&date=${manifest.target.start}&mode=modifier`;
    let requestedLines = 0;
    let recapTarget = RECAP_PATH;
    for (let index = 0; index < childIds.length; index++) {
      const edit = await call('edit', 'GET', target, [200]);
      let form = editFormOf(edit.body);
      if (!form) fail('edit', 'pas de formulaire de modification', edit);
      if (form!.hidden.get('enfant') !== childIds[index]) fail('edit', `formulaire d’un autre enfant (${form!.hidden.get('enfant')})`, edit);
      outcomes.children++;
      // What the page showed ticked before the parent touched it (booked, waiting or pending).
      const shownChecked = new Set(form!.boxes.filter((box) => box.checked).map((box) => box.value));
      const last = index === childIds.length - 1;
      let saved: Reply | null = null;
      // A day of the limited activity may fill up between the page and Valider: without a waiting list it is then
      // locked, and the server refuses the form ("Un des jours choisis ne peut plus être modifié"), showing it again
      // with that day disabled. A parent submits again: so does the bench (a "full" outcome, not an error).
      for (let attempt = 1; !saved; attempt++) {
        const body = new URLSearchParams();
        for (const [name, value] of form!.hidden) body.append(name, value);
        const counts = { lines: 0, canteen: 0, limited: 0, limitedShownFull: 0 };
        for (const box of form!.boxes) {
          if (box.disabled) continue; // a browser never sends a disabled box
          const wanted = canteenIds.has(box.activityId) || limitedIds.has(box.activityId);
          if (!wanted && !shownChecked.has(box.value)) continue;
          body.append('c', box.value);
          if (shownChecked.has(box.value)) continue;
          counts.lines++;
          if (limitedIds.has(box.activityId)) {
            counts.limited++;
            if (box.full) counts.limitedShownFull++;
          } else {
            counts.canteen++;
          }
        }
        body.append('intent', last ? 'terminer' : 'valider');
        const reply = await call('save', 'POST', form!.action || target, [302, 303, 400], body);
        if (reply.status !== 400) {
          saved = reply;
          requestedLines += counts.lines;
          outcomes.requested.canteen += counts.canteen;
          outcomes.requested.limited += counts.limited;
          outcomes.requested.limitedShownFull += counts.limitedShownFull;
          break;
        }
        const refused = lockedDayOf(reply.body);
        if (!refused || !limitedIds.has(refused.activityId) || attempt >= 5) fail('save', 'formulaire refusé', reply);
        outcomes.limitedFullAtSave++;
        form = editFormOf(reply.body);
        if (!form) fail('save', 'formulaire refusé sans formulaire à renvoyer', reply);
        const again = form!.boxes.find((box) => box.value === `${refused!.activityId}:${refused!.day}`);
        if (again && !again.disabled) fail('save', `jour refusé mais encore modifiable : ${refused!.day}`, reply);
      }
      const next = locationOf('save', saved!);
      if (last) {
        if (!next.startsWith(RECAP_PATH)) fail('save', `Valider et terminer mène à ${next}`, saved!);
        recapTarget = next;
      } else {
        const nextChild = new URL(next, client.base).searchParams.get('enfant');
        if (nextChild !== childIds[index + 1]) fail('save', `Valider mène à ${next} au lieu de l’enfant suivant`, saved!);
        target = next;
      }
    }

    // Récapitulatif, then Terminer.
    const recap = await call('recap', 'GET', recapTarget, [200]);
    const stamp = confirmFormOf(recap.body);
    if (!stamp) {
      if (requestedLines === 0) {
        outcomes.familiesWithNothingToConfirm++;
        outcomes.familiesCompleted++;
        return;
      }
      fail('recap', `pas de bouton Terminer alors que ${requestedLines} jours ont été cochés`, recap);
    }
    const confirmed = await call('confirm', 'POST', stamp!.action, [302, 303], new URLSearchParams({ intent: 'confirm', basketId: stamp!.basketId, version: stamp!.version }));
    const reportTarget = locationOf('confirm', confirmed);
    if (!reportTarget.includes('confirmation=')) fail('confirm', `Terminer mène à ${reportTarget}`, confirmed);

    const page = await call('report', 'GET', reportTarget, [200]);
    const report = reportOf(page.body, manifest.limited.name);
    if (!report) fail('report', 'pas de compte rendu de confirmation', page);
    for (const line of report!.applied) {
      if (line.activity === 'canteen' && line.action === 'add') outcomes.canteenBooked++;
      else if (line.activity === 'limited' && line.action === 'add') outcomes.limitedBooked++;
      else if (line.activity === 'limited' && line.action === 'wait') outcomes.limitedWaiting++;
      else outcomes.otherFailures[`applied ${line.activity} ${line.action}`] = (outcomes.otherFailures[`applied ${line.activity} ${line.action}`] ?? 0) + 1;
    }
    const unexpected: string[] = [];
    for (const line of report!.failed) {
      if (line.activity === 'limited' && line.reason === 'full') {
        outcomes.limitedFull++;
      } else {
        const key = `${line.activity} ${line.reason}`;
        outcomes.otherFailures[key] = (outcomes.otherFailures[key] ?? 0) + 1;
        unexpected.push(`${line.day} ${key}`);
      }
    }
    if (unexpected.length > 0) fail('report', `lignes refusées : ${unexpected.slice(0, 5).join(', ')}`);
    const reported = report!.applied.length + report!.failed.length;
    if (reported !== requestedLines) fail('report', `${requestedLines} jours cochés mais ${reported} lignes au compte rendu`);
    outcomes.familiesCompleted++;
  } catch (error) {
    outcomes.familiesAborted++;
    if (!(error instanceof FlowError)) {
      recorder.error({ step: 'report', family: family.username, status: null, message: `bug du banc : ${error instanceof Error ? error.message : String(error)}`, requestId: null });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The server, as a child process.

interface Server {
  child: ChildProcess;
  base: URL;
  logFile: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function startServer(databaseFile: string, dataDir: string): Promise<Server> {
  // The file outbox (no SMTP): the confirmation e-mails are written under dataDir/outbox.
  const logFile = path.join(dataDir, 'server.log');
  const server = await startServerProcess({
    env: { DATABASE_URL: databaseFile, TARTINE_DATA_DIR: dataDir, TARTINE_DEMO: '0' },
    logFile,
  });
  return { child: server.child, base: new URL(server.baseUrl), logFile, output: server.output, stop: server.stop };
}

/** CPU seconds used so far by a process (Linux /proc; null elsewhere). */
function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** Jiffies of the whole machine since boot (Linux /proc/stat): busy and total, all CPUs together. */
function machineJiffies(): { busy: number; total: number } | null {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((s, n) => s + n, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Error and warning lines of the server's log (pino JSON at level ≥ 40, or plain text errors). */
function serverProblems(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => /"level":(40|50|60)/.test(line) || /\b(Error|error|ERR_)\b/.test(line))
    .map((line) => (line.length > 600 ? `${line.slice(0, 600)}…` : line));
}

// ---------------------------------------------------------------------------------------------------------------
// Checks on the database after the rush.

interface DayCheck { activityId: string; day: string; capacity: number; reserved: number; waiting: number; counter: number | null }

function checkDatabase(file: string, manifest: CommuneManifest) {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const ids = manifest.limited.activityIds;
    const marks = ids.map(() => '?').join(',');
    const capacities = new Map(
      (db.prepare(`SELECT id, capacity FROM activities WHERE id IN (${marks})`).all(...ids) as { id: string; capacity: number }[]).map((r) => [r.id, Number(r.capacity)]),
    );
    const counts = db
      .prepare(
        `SELECT activity_id, day, SUM(status = 'reserved') AS reserved, SUM(status = 'waiting') AS waiting
           FROM bookings WHERE activity_id IN (${marks}) AND day BETWEEN ? AND ? GROUP BY activity_id, day ORDER BY day`,
      )
      .all(...ids, manifest.target.start, manifest.target.end) as { activity_id: string; day: string; reserved: number; waiting: number }[];
    const counters = new Map(
      (db.prepare(`SELECT activity_id, day, reserved FROM activity_days WHERE activity_id IN (${marks})`).all(...ids) as { activity_id: string; day: string; reserved: number }[]).map(
        (r) => [`${r.activity_id}:${r.day}`, Number(r.reserved)],
      ),
    );
    // Every open day of the month (a day nobody could book any more shows 0), and any other day with bookings.
    const byKey = new Map(counts.map((r) => [`${r.activity_id}:${r.day}`, r]));
    const keys = new Set([...ids.flatMap((id) => manifest.limited.openDays.map((day) => `${id}:${day}`)), ...byKey.keys()]);
    const days: DayCheck[] = [...keys]
      .map((key) => {
        const at = key.lastIndexOf(':');
        const row = byKey.get(key);
        return {
          activityId: key.slice(0, at),
          day: key.slice(at + 1),
          capacity: capacities.get(key.slice(0, at)) ?? 0,
          reserved: Number(row?.reserved ?? 0),
          waiting: Number(row?.waiting ?? 0),
          counter: counters.get(key) ?? null,
        };
      })
      // A school year's activity only runs in its own year: drop the empty days of the other year's one.
      .filter((d) => d.reserved > 0 || d.waiting > 0 || d.counter !== null || ids.length === 1)
      .sort((a, b) => a.day.localeCompare(b.day) || a.activityId.localeCompare(b.activityId));
    const overCapacity = days.filter((d) => d.reserved > d.capacity);
    const counterMismatch = days.filter((d) => d.counter !== null && d.counter !== d.reserved);
    const one = (query: string, ...params: unknown[]) => Number((db.prepare(query).get(...params) as { n: number }).n);
    const canteenMarks = manifest.canteenActivityIds.map(() => '?').join(',');
    return {
      days,
      overCapacity,
      counterMismatch,
      canteenReservedNextMonth: one(
        `SELECT COUNT(*) AS n FROM bookings WHERE activity_id IN (${canteenMarks}) AND status = 'reserved' AND day BETWEEN ? AND ?`,
        ...manifest.canteenActivityIds, manifest.target.start, manifest.target.end,
      ),
      limitedReservedNextMonth: days.reduce((s, d) => s + d.reserved, 0),
      limitedWaitingNextMonth: days.reduce((s, d) => s + d.waiting, 0),
      openBaskets: one(`SELECT COUNT(*) AS n FROM baskets WHERE status = 'open'`),
      openBasketLines: one(`SELECT COUNT(*) AS n FROM basket_lines l JOIN baskets b ON b.id = l.basket_id WHERE b.status = 'open'`),
      confirmations: one(`SELECT COUNT(*) AS n FROM confirmation_reports`),
      sessions: one(`SELECT COUNT(*) AS n FROM sessions`),
    };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// In-process planning.

async function timePlanningInProcess(file: string, dataDir: string, manifest: CommuneManifest, calls: number, seed: number) {
  if (calls === 0) return null;
  const [{ loadConfig }, { createLogger }, { createServices }] = await Promise.all([
    import('../server/config'),
    import('../server/logger'),
    import('../server/services'),
  ]);
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: file, TARTINE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', TARTINE_DEMO: '0' });
  const { services, close } = createServices(config, createLogger('warn'));
  const rng = createRng(seed + 1);
  const pick = () => {
    const family = rng.pick(manifest.families);
    return { familyId: family.familyId, childId: rng.pick(family.childIds) };
  };
  try {
    const run = async () => {
      const { familyId, childId } = pick();
      const started = performance.now();
      const result = await services.booking.planning({ familyId, childId, view: 'month', date: manifest.target.start });
      const ms = performance.now() - started;
      if (!result.ok) throw new Error(`planning(${familyId}, ${childId}) : ${result.error}`);
      return ms;
    };
    for (let i = 0; i < Math.min(50, calls); i++) await run(); // warm-up (JIT, SQLite page cache)
    const samples: number[] = [];
    for (let i = 0; i < calls; i++) samples.push(await run());
    return { calls, view: 'month', date: manifest.target.start, ...summarize(samples) };
  } finally {
    await close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Output.

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const ms = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

function markdown(result: BenchResult): string {
  const { rush, commune, capacity, planning } = result;
  const lines: string[] = [];
  lines.push(`# Booking rush — ${result.startedAt}`);
  lines.push('');
  lines.push(
    `Commune: ${fmt(commune.counts.families)} families, ${fmt(commune.counts.children)} children; « ${commune.limited.name} » ${fmt(commune.limited.capacity)} places/day on ` +
      `${commune.limited.openDays.length} days (${commune.limited.openDays.join(', ')}), ${fmt(commune.limited.enrolled)} children enrolled, waiting list ${commune.limited.waitingList ? 'on' : 'off'}. ` +
      `Booking month ${commune.target.start.slice(0, 7)}. Concurrency ${result.options.concurrency}; Node ${process.version}, ${os.cpus().length} CPUs; real server on loopback, SQLite.`,
  );
  lines.push('');
  lines.push('| step | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const step of STEPS) {
    const s = rush.steps[step];
    lines.push(`| ${step} | ${fmt(s.count)} | ${s.errors} | ${fmt(s.rps)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`);
  }
  const t = rush.total;
  lines.push(`| **all** | ${fmt(t.count)} | ${t.errors} | ${fmt(t.rps)} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.p99)} | ${ms(t.max)} |`);
  lines.push('');
  const o = rush.outcomes;
  lines.push(
    `Wall time ${fmt(rush.wallSeconds)} s for ${fmt(commune.counts.families)} families (${fmt(commune.counts.families / rush.wallSeconds)} families/s); ` +
      `completed ${fmt(o.familiesCompleted)}, aborted ${fmt(o.familiesAborted)}. CPU during the rush: server ${rush.serverCpuSeconds === null ? 'n/a' : `${fmt(rush.serverCpuSeconds)} s`}, ` +
      `load generator ${fmt(rush.clientCpuSeconds)} s, whole machine ${rush.machineCpuSeconds === null ? 'n/a' : `${fmt(rush.machineCpuSeconds)} s`} ` +
      `(of ${fmt(rush.wallSeconds * os.cpus().length)} s available; load average ${rush.loadAverage.before[0]} → ${rush.loadAverage.after[0]}).`,
  );
  lines.push(
    `Outcomes: canteen days booked ${fmt(o.canteenBooked)} of ${fmt(o.requested.canteen)} ticked; limited activity: ${fmt(o.requested.limited)} days ticked ` +
      `(${fmt(o.requested.limitedShownFull)} shown full), booked ${fmt(o.limitedBooked)}, waiting list ${fmt(o.limitedWaiting)}, **full ${fmt(o.limitedFull)}** at Terminer` +
      `${o.limitedFullAtSave ? ` and ${fmt(o.limitedFullAtSave)} Valider refused for a day filled since the page (form sent again)` : ''} (not errors); ` +
      `**errors ${fmt(rush.total.errors)}**${Object.keys(o.otherFailures).length ? ` (other refusals: ${JSON.stringify(o.otherFailures)})` : ''}.`,
  );
  const c = result.consistency;
  lines.push(
    `Database vs confirmation pages: canteen ${fmt(c.canteen.database)}/${fmt(c.canteen.reports)}, limited booked ${fmt(c.limitedBooked.database)}/${fmt(c.limitedBooked.reports)}, ` +
      `waiting ${fmt(c.limitedWaiting.database)}/${fmt(c.limitedWaiting.reports)}, basket lines left ${c.openBasketLines} → ${c.ok ? 'consistent' : '**INCONSISTENT**'}.`,
  );
  lines.push('');
  lines.push(`Bookings vs capacity (« ${commune.limited.name} », from the SQLite file after the rush):`);
  lines.push('');
  lines.push('| day | capacity | reserved | waiting | counter | |');
  lines.push('|---|---:|---:|---:|---:|---|');
  for (const d of capacity.days) {
    const bad = d.reserved > d.capacity ? '**OVER CAPACITY**' : d.counter !== null && d.counter !== d.reserved ? '**counter mismatch**' : 'ok';
    lines.push(`| ${d.day} | ${d.capacity} | ${d.reserved} | ${d.waiting} | ${d.counter ?? '–'} | ${bad} |`);
  }
  lines.push('');
  lines.push('Planning:');
  lines.push('');
  lines.push('| measure | n | p50 ms | p95 ms | p99 ms | max ms |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  if (planning.inProcess) {
    const p = planning.inProcess;
    lines.push(`| services.booking.planning in process (month ${p.date.slice(0, 7)}, random children) | ${p.count} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${ms(p.max)} |`);
  }
  if (planning.httpIdle) {
    const p = planning.httpIdle;
    lines.push(`| GET /portail/planning round trip, idle server, sequential | ${p.count} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${ms(p.max)} |`);
  }
  const r = rush.steps.planning;
  lines.push(`| GET /portail/planning round trip during the rush | ${r.count} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} |`);
  lines.push('');
  lines.push('req/s = requests of the step ÷ rush wall time; latencies are client-side, request sent → last byte received.');
  return lines.join('\n');
}

interface StepResult extends Summary { errors: number; rps: number }

interface BenchResult {
  benchmark: 'booking-rush';
  startedAt: string;
  options: Options;
  machine: { node: string; cpus: number; cpuModel: string; platform: string; totalMemoryMiB: number };
  commune: Omit<CommuneManifest, 'families' | 'password' | 'file'>;
  rush: {
    wallSeconds: number;
    steps: Record<Step, StepResult>;
    total: StepResult;
    statuses: Record<string, number>;
    outcomes: Outcomes;
    errorSamples: ErrorSample[];
    serverCpuSeconds: number | null;
    clientCpuSeconds: number;
    machineCpuSeconds: number | null;
    loadAverage: { before: number[]; after: number[] };
  };
  consistency: {
    canteen: { reports: number; database: number };
    limitedBooked: { reports: number; database: number };
    limitedWaiting: { reports: number; database: number };
    openBasketLines: number;
    ok: boolean;
  };
  capacity: ReturnType<typeof checkDatabase>;
  planning: { inProcess: Awaited<ReturnType<typeof timePlanningInProcess>>; httpIdle: Summary | null };
  notes: string[];
  serverProblems: string[];
  tempDir: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Main.

export async function main(args: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(args);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) process.stderr.write(`${error.message}\n\n`);
      process.stdout.write(`${USAGE}\n`);
      return error.message ? 1 : 0;
    }
    throw error;
  }
  const say = (message: string) => process.stderr.write(`[booking-rush] ${message}\n`);
  const startedAt = new Date().toISOString();

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartine-bench-'));
  const databaseFile = path.join(tempDir, 'commune.sqlite');
  let server: Server | null = null;
  const cleanup = async () => {
    if (server) await server.stop();
    if (!options.keep) fs.rmSync(tempDir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    say(`${signal} : arrêt du serveur…`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    say(`Génération de la commune (${options.families} familles) dans ${databaseFile}…`);
    const manifest = await generateCommune({
      file: databaseFile, families: options.families, limitedCapacity: options.capacity, waitingList: options.waitingList, password: PASSWORD, seed: options.seed,
    });
    say(
      `${manifest.counts.families} familles, ${manifest.counts.children} enfants, ${manifest.counts.bookings} réservations passées ; « ${manifest.limited.name} » : ` +
        `${manifest.limited.capacity} places × ${manifest.limited.openDays.length} jours pour ${manifest.limited.enrolled} inscrits (${Math.round(manifest.generationMs)} ms).`,
    );

    say('Démarrage du serveur…');
    server = await startServer(databaseFile, tempDir);
    say(`Serveur prêt sur ${server.base.origin} (pid ${server.child.pid}).`);
    const client = new HttpClient(server.base, options.concurrency, options.timeoutMs);

    // Warm-up outside the measures: the login page, and one family's planning (no booking).
    for (let i = 0; i < 20; i++) await client.send('GET', '/connexion');
    const warm = manifest.families[0];
    const warmLogin = await client.send('POST', '/connexion', { form: new URLSearchParams({ identifier: warm.username, password: manifest.password }) });
    const warmCookie = ([] as string[]).concat(warmLogin.headers['set-cookie'] ?? []).map((c) => /^tartine_session=([^;]+)/.exec(c)?.[1]).find(Boolean) ?? null;
    if (!warmCookie) throw new Error(`La connexion de ${warm.username} échoue (statut ${warmLogin.status}) : ${excerpt(warmLogin.body)}`);
    for (let i = 0; i < 10; i++) {
      await client.send('GET', '/portail/planning', { cookie: warmCookie });
      await client.send('GET', `/portail/planning?enfant=${warm.childIds[0]}&vue=mois&date=${manifest.target.start}&mode=modifier`, { cookie: warmCookie });
    }

    // The rush.
    say(`Ouverture : ${options.families} familles, ${options.concurrency} à la fois…`);
    const recorder = new Recorder();
    const outcomes = newOutcomes();
    const visit: Visit = { client, recorder, outcomes, manifest };
    const serverCpuBefore = cpuSeconds(server.child.pid);
    const clientCpuBefore = process.cpuUsage();
    const machineBefore = machineJiffies();
    const loadBefore = os.loadavg();
    const rushStarted = performance.now();
    let next = 0;
    const progress = setInterval(() => {
      const done = outcomes.familiesCompleted + outcomes.familiesAborted;
      say(`${done}/${options.families} familles, ${recorder.errorCount} erreurs, ${Math.round((performance.now() - rushStarted) / 1000)} s`);
    }, 10_000);
    try {
      await Promise.all(
        Array.from({ length: Math.min(options.concurrency, manifest.families.length) }, async () => {
          while (next < manifest.families.length) await visitFamily(visit, manifest.families[next++]);
        }),
      );
    } finally {
      clearInterval(progress);
    }
    const wallSeconds = (performance.now() - rushStarted) / 1000;
    const serverCpuAfter = cpuSeconds(server.child.pid);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const machineAfter = machineJiffies();
    const loadAfter = os.loadavg();
    // CPU seconds of the whole machine during the rush (jiffies are 1/100 s per CPU): what the server and the load
    // generator did not use went to other processes sharing the machine.
    const machineCpuSeconds = machineBefore && machineAfter ? Math.round((machineAfter.busy - machineBefore.busy) / 10) / 10 : null;
    say(`Fin de l’ouverture en ${wallSeconds.toFixed(1)} s.`);

    // The planning page on the idle server.
    const idle: number[] = [];
    const notes: string[] = [];
    try {
      for (let i = 0; i < 220; i++) {
        const reply = await client.send('GET', '/portail/planning', { cookie: warmCookie });
        if (reply.status !== 200) throw new Error(`statut ${reply.status} : ${excerpt(reply.body)}`);
        if (i >= 20) idle.push(reply.ms);
      }
    } catch (error) {
      notes.push(`GET /portail/planning au repos : ${error instanceof Error ? error.message : String(error)}`);
    }
    client.agent.destroy();

    say('Arrêt du serveur et vérification de la base…');
    await server.stop();
    const problems = serverProblems(server.output());
    const capacity = checkDatabase(databaseFile, manifest);
    // Nothing lost: what the confirmation pages said was booked is what the database holds, and no basket is left.
    const consistency = {
      canteen: { reports: outcomes.canteenBooked, database: capacity.canteenReservedNextMonth },
      limitedBooked: { reports: outcomes.limitedBooked, database: capacity.limitedReservedNextMonth },
      limitedWaiting: { reports: outcomes.limitedWaiting, database: capacity.limitedWaitingNextMonth },
      openBasketLines: capacity.openBasketLines,
      ok: false,
    };
    consistency.ok =
      consistency.canteen.reports === consistency.canteen.database &&
      consistency.limitedBooked.reports === consistency.limitedBooked.database &&
      consistency.limitedWaiting.reports === consistency.limitedWaiting.database &&
      (outcomes.familiesAborted > 0 || capacity.openBasketLines === 0);

    say(`Planning en processus (${options.planningCalls} appels)…`);
    const inProcess = await timePlanningInProcess(databaseFile, tempDir, manifest, options.planningCalls, options.seed).catch((error: unknown) => {
      notes.push(`planning en processus : ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
    for (const note of notes) say(`!!! ${note}`);

    const steps = Object.fromEntries(
      STEPS.map((step) => [step, { ...summarize(recorder.latencies[step]), errors: recorder.errors[step], rps: Math.round((recorder.latencies[step].length / wallSeconds) * 10) / 10 }]),
    ) as Record<Step, StepResult>;
    const all = STEPS.flatMap((step) => recorder.latencies[step]);
    const { families: _families, password: _password, file: _file, ...commune } = manifest;
    const result: BenchResult = {
      benchmark: 'booking-rush',
      startedAt,
      options,
      machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', platform: `${os.platform()} ${os.release()}`, totalMemoryMiB: Math.round(os.totalmem() / 1048576) },
      commune,
      rush: {
        wallSeconds: Math.round(wallSeconds * 100) / 100,
        steps,
        total: { ...summarize(all), errors: recorder.errorCount, rps: Math.round((all.length / wallSeconds) * 10) / 10 },
        statuses: Object.fromEntries([...recorder.statuses].sort()),
        outcomes,
        errorSamples: recorder.samples,
        serverCpuSeconds: serverCpuBefore !== null && serverCpuAfter !== null ? Math.round((serverCpuAfter - serverCpuBefore) * 10) / 10 : null,
        clientCpuSeconds: Math.round(((clientCpu.user + clientCpu.system) / 1e6) * 10) / 10,
        machineCpuSeconds,
        loadAverage: { before: loadBefore.map((n) => Math.round(n * 100) / 100), after: loadAfter.map((n) => Math.round(n * 100) / 100) },
      },
      consistency,
      capacity,
      planning: { inProcess, httpIdle: idle.length ? summarize(idle) : null },
      notes,
      serverProblems: problems.slice(0, 50),
      tempDir: options.keep ? tempDir : null,
    };

    fs.mkdirSync(resultsDir, { recursive: true });
    const stamp = startedAt.replace(/[:.]/g, '-');
    const jsonFile = path.join(resultsDir, `booking-rush-${stamp}.json`);
    fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
    const table = markdown(result);
    fs.writeFileSync(path.join(resultsDir, 'booking-rush-latest.md'), `${table}\n\nFull results: ${path.relative(root, jsonFile)}\n`);
    process.stdout.write(`\n${table}\n\n`);
    say(`Résultats : ${path.relative(root, jsonFile)} et bench/results/booking-rush-latest.md${options.keep ? ` ; dossier gardé : ${tempDir}` : ''}`);

    let code = 0;
    if (recorder.errorCount > 0) {
      process.stdout.write(`!!! ${recorder.errorCount} ERREURS pendant l’ouverture (hors « complet »). Premiers cas :\n`);
      for (const sample of recorder.samples.slice(0, 15)) {
        process.stdout.write(`  [${sample.step}] ${sample.family} statut ${sample.status ?? '–'}${sample.requestId ? ` requête ${sample.requestId}` : ''} : ${sample.message}\n`);
      }
      code = 2;
    }
    if (problems.length > 0) {
      process.stdout.write(`Journal du serveur (avertissements / erreurs, ${problems.length} lignes, extrait) :\n`);
      for (const line of problems.slice(0, 10)) process.stdout.write(`  ${line}\n`);
    }
    if (!consistency.ok) {
      process.stdout.write(`\n!!! INCOHÉRENCE entre les comptes rendus et la base : ${JSON.stringify(consistency)}\n\n`);
      code = 1;
    }
    if (capacity.overCapacity.length > 0 || capacity.counterMismatch.length > 0) {
      const banner = '!'.repeat(100);
      process.stdout.write(`\n${banner}\n`);
      for (const d of capacity.overCapacity) process.stdout.write(`!!! CAPACITÉ DÉPASSÉE : ${d.day} (${d.activityId}) ${d.reserved} réservations pour ${d.capacity} places\n`);
      for (const d of capacity.counterMismatch) process.stdout.write(`!!! COMPTEUR FAUX : ${d.day} (${d.activityId}) compteur ${d.counter}, réservations ${d.reserved}\n`);
      process.stdout.write(`${banner}\n\n`);
      code = 1;
    }
    return code;
  } catch (error) {
    if (server) {
      const problems = serverProblems(server.output());
      if (problems.length) process.stderr.write(`Journal du serveur (extrait) :\n${problems.slice(0, 20).join('\n')}\n`);
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanup();
  }
}
