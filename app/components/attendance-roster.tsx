/**
 * The attendance list at the canteen door. Without JavaScript every « Présent » / « Absent » is a small form posted
 * to the page (and the page comes back). With JavaScript each tap is stored at once in a queue on the device
 * (localStorage), shown as done, and sent in the background to /admin/pointage/marques; when the connection drops
 * the queue waits and is sent when it returns (on the browser's « online » event, and every few seconds). Each tap
 * has its own idempotency key, so a queue sent twice is applied once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttendanceStatus, RosterChild } from '../../core/backoffice/ports';
import type { SheetRow } from '../../core/backoffice/attendance';
import { useT } from '../i18n';

export const QUEUE_KEY = 'tartine.pointage.v1';
const ENDPOINT = '/admin/pointage/marques';
const RETRY_MS = 4_000;

interface QueuedMark {
  key: string;
  childId: string;
  activityId: string;
  day: string;
  status: AttendanceStatus;
  markedAt: string;
}

function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function readQueue(): QueuedMark[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(QUEUE_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as QueuedMark[]).filter((m) => m && typeof m.key === 'string') : [];
  } catch {
    return [];
  }
}

function writeQueue(queue: QueuedMark[]) {
  try {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
  } catch {
    // Storage full or refused (private mode): the marks still go when the network is there.
  }
}

type RowState = Pick<SheetRow, 'childId' | 'firstName' | 'lastName' | 'level' | 'diet' | 'hasPai' | 'booked' | 'status' | 'justified' | 'attendanceId' | 'hasCertificate'>;

export interface RosterProps {
  day: string;
  activityId: string;
  rows: SheetRow[];
  candidates: RosterChild[];
  /** Keys for the forms posted without JavaScript (one per button, made by the server). */
  keys: Record<string, string>;
  markable: boolean;
  maxBytes: number;
}

export function AttendanceRoster({ day, activityId, rows: initial, candidates: initialCandidates, keys, markable, maxBytes }: RosterProps) {
  const t = useT();
  const a = t.backoffice.attendance;
  const diet = t.backoffice.common.diet;
  const [rows, setRows] = useState<RowState[]>(initial);
  const [candidates, setCandidates] = useState(initialCandidates);
  const [pending, setPending] = useState(0);
  const [offline, setOffline] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [enhanced, setEnhanced] = useState(false);
  const sending = useRef(false);
  const again = useRef(false);

  useEffect(() => {
    setRows(initial);
    setCandidates(initialCandidates);
  }, [initial, initialCandidates]);

  const apply = useCallback(
    (mark: Pick<QueuedMark, 'childId' | 'status'>, child?: RosterChild) => {
      setRows((current) => {
        const known = current.some((r) => r.childId === mark.childId);
        if (!known && child) {
          const added: RowState = { ...child, booked: false, status: 'present_unbooked', justified: false, attendanceId: null, hasCertificate: false };
          return [...current, added].sort((x, y) => x.lastName.localeCompare(y.lastName, 'fr') || x.firstName.localeCompare(y.firstName, 'fr'));
        }
        return current.map((r) =>
          r.childId === mark.childId ? { ...r, status: r.booked && mark.status === 'present_unbooked' ? 'present' : !r.booked && mark.status === 'present' ? 'present_unbooked' : mark.status } : r,
        );
      });
      if (child) setCandidates((current) => current.filter((c) => c.childId !== child.childId));
    },
    [],
  );

  const flush = useCallback(async () => {
    if (sending.current) {
      again.current = true;
      return;
    }
    const queue = readQueue();
    setPending(queue.length);
    if (queue.length === 0) return;
    sending.current = true;
    try {
      const response = await fetch(ENDPOINT, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ marks: queue }),
      });
      if (!response.ok || !(response.headers.get('content-type') ?? '').includes('application/json')) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { results: { key: string; outcome: string; reason?: string }[] };
      const done = new Set(body.results.map((r) => r.key));
      const rejected = body.results.filter((r) => r.outcome === 'rejected');
      setProblem(rejected.length > 0 ? (a.errors[(rejected[0].reason ?? 'invalid') as 'invalid'] ?? a.errors.invalid) : null);
      // Only what the server answered leaves the queue (taps made meanwhile stay).
      const rest = readQueue().filter((m) => !done.has(m.key));
      writeQueue(rest);
      setPending(rest.length);
      setOffline(false);
    } catch {
      setOffline(true);
    } finally {
      sending.current = false;
    }
    if (again.current) {
      again.current = false;
      void flush();
    }
  }, [a.errors]);

  useEffect(() => {
    setEnhanced(true);
    // Marks of this list still waiting on the device (a reload while offline) are shown as taken.
    for (const mark of readQueue()) {
      if (mark.activityId === activityId && mark.day === day) apply(mark, initialCandidates.find((c) => c.childId === mark.childId));
    }
    void flush();
    const online = () => void flush();
    window.addEventListener('online', online);
    const timer = window.setInterval(() => {
      if (readQueue().length > 0) void flush();
    }, RETRY_MS);
    return () => {
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
    // Once per list: the queue is read from storage each time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activityId, day]);

  const mark = (childId: string, status: AttendanceStatus, child?: RosterChild) => {
    const queued: QueuedMark = { key: randomKey(), childId, activityId, day, status, markedAt: new Date().toISOString() };
    writeQueue([...readQueue(), queued]);
    apply(queued, child);
    setPending(readQueue().length);
    void flush();
  };

  const onMark = (event: React.FormEvent<HTMLFormElement>) => {
    if (!markable) return;
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    mark(String(form.get('childId')), String(form.get('status')) as AttendanceStatus);
  };

  const onAdd = (event: React.FormEvent<HTMLFormElement>) => {
    if (!markable) return;
    const form = new FormData(event.currentTarget);
    const child = candidates.find((c) => c.childId === form.get('childId'));
    if (!child) return; // the server answers with its error message
    event.preventDefault();
    mark(child.childId, 'present_unbooked', child);
    event.currentTarget.reset();
  };

  const counts = {
    booked: rows.filter((r) => r.booked).length,
    present: rows.filter((r) => r.status === 'present' || r.status === 'present_unbooked').length,
    absent: rows.filter((r) => r.status === 'absent').length,
    unmarked: rows.filter((r) => r.status === null).length,
    unbooked: rows.filter((r) => !r.booked && r.status === 'present_unbooked').length,
  };
  const statusText = problem ?? (pending > 0 ? `${offline ? `${a.offline} ` : ''}${a.pending(pending)}` : enhanced && !offline ? a.synced : '');

  return (
    <>
      <p className="lead">{a.counts(counts)}</p>
      <div className={`sync-status notice ${problem || pending > 0 ? 'notice--info' : 'notice--success'}`} role="status" aria-live="polite" data-pending={pending}>
        {statusText}
      </div>
      {rows.length === 0 ? <p>{a.empty}</p> : null}
      <ul className="roster" aria-label={a.listLabel}>
        {rows.map((row) => {
          const name = `${row.firstName} ${row.lastName}`;
          const present = row.status === 'present' || row.status === 'present_unbooked';
          return (
            <li key={row.childId} id={`enfant-${row.childId}`} className="roster__child" data-status={row.status ?? 'unmarked'}>
              <div>
                <div className="roster__name">{name}</div>
                <div className="roster__meta">
                  <span>{row.level}</span>
                  {row.diet !== 'standard' ? <span className="badge badge--diet">{diet[row.diet] ?? row.diet}</span> : null}
                  {row.hasPai ? (
                    <span className="badge badge--pai" title={a.paiTitle}>
                      {a.pai}
                    </span>
                  ) : null}
                  {!row.booked ? <span className="badge badge--muted">{a.unbooked}</span> : null}
                  <span className="roster__state">
                    {a.statusLabel[row.status ?? 'null']}
                    {row.status === 'absent' && row.justified ? ` – ${a.justified}` : ''}
                  </span>
                </div>
              </div>
              {markable ? (
                <div className="roster__buttons">
                  {(['present', 'absent'] as const).map((status) => (
                    <form method="post" onSubmit={onMark} key={status}>
                      <input type="hidden" name="intent" value="mark" />
                      <input type="hidden" name="childId" value={row.childId} />
                      <input type="hidden" name="status" value={status} />
                      <input type="hidden" name="key" value={keys[`${row.childId}:${status}`] ?? ''} />
                      <button
                        type="submit"
                        className={`mark-button mark-button--${status}`}
                        aria-pressed={status === 'present' ? present : row.status === 'absent'}
                      >
                        {status === 'present' ? a.present : a.absent}
                        <span className="visually-hidden">{a.named(name)}</span>
                      </button>
                    </form>
                  ))}
                </div>
              ) : null}
              {markable && row.status === 'absent' && row.attendanceId ? (
                <details className="roster__justify">
                  <summary>
                    {row.justified ? a.justified : a.justify}
                    <span className="visually-hidden">{a.named(name)}</span>
                  </summary>
                  {row.hasCertificate ? (
                    <p>
                      <a href={`/admin/pointage/justificatifs/${row.attendanceId}`} download>
                        {a.certificate}
                        <span className="visually-hidden">{a.named(name)}</span>
                      </a>
                    </p>
                  ) : null}
                  <form method="post" encType="multipart/form-data">
                    <input type="hidden" name="intent" value="justify" />
                    <input type="hidden" name="attendanceId" value={row.attendanceId} />
                    <div className="field">
                      <label htmlFor={`certificat-${row.childId}`}>{`${a.certificateFile}${a.named(name)}`}</label>
                      <p className="field__hint" id={`certificat-${row.childId}-hint`}>
                        {t.admin.documents.fields.fileHint(t.common.bytes(maxBytes))}
                      </p>
                      <input
                        type="file"
                        id={`certificat-${row.childId}`}
                        name="file"
                        accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                        aria-describedby={`certificat-${row.childId}-hint`}
                        required
                      />
                    </div>
                    <button type="submit" className="button button--secondary">
                      {a.justifySubmit}
                      <span className="visually-hidden">{a.named(name)}</span>
                    </button>
                  </form>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
      {markable ? (
        <section aria-labelledby="sans-reservation" className="card">
          <h2 id="sans-reservation">{a.addTitle}</h2>
          <p>{a.addIntro}</p>
          {candidates.length === 0 ? (
            <p>{a.addNone}</p>
          ) : (
            <form method="post" onSubmit={onAdd}>
              <input type="hidden" name="intent" value="add" />
              <input type="hidden" name="key" value={keys.add ?? ''} />
              <div className="field">
                <label htmlFor="ajout-enfant">{a.addChild}</label>
                <select id="ajout-enfant" name="childId" defaultValue="">
                  <option value="">{a.choose}</option>
                  {candidates.map((c) => (
                    <option key={c.childId} value={c.childId}>
                      {`${c.lastName} ${c.firstName} (${c.level})`}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button">
                {a.addSubmit}
              </button>
            </form>
          )}
        </section>
      ) : null}
    </>
  );
}
