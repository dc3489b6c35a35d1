import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { LoginThrottle, ThrottleVerdict } from '../../core/ports';
import type { DatabaseHandle } from '../db/create-db';

export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_IP = 100;
const WINDOW_SECONDS = 10 * 60;

/** A counter stored in the database (shared by every process), in rate-limiter-flexible's own table layout. */
function limiter(handle: DatabaseHandle, keyPrefix: string, points: number, duration = WINDOW_SECONDS): RateLimiterAbstract {
  const common = { keyPrefix, points, duration, tableName: 'rate_limits', tableCreated: true };
  return handle.raw.kind === 'sqlite'
    ? new RateLimiterSQLite({ ...common, storeClient: handle.raw.client, storeType: 'better-sqlite3' })
    : new RateLimiterPostgres({ ...common, storeClient: handle.raw.client, storeType: 'pool' });
}

async function consumeQuietly(l: RateLimiterAbstract, key: string): Promise<RateLimiterRes> {
  try {
    return await l.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) return error;
    throw error;
  }
}

const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** A plain request budget: `consume` answers whether this request is still within it. */
export function databaseRateLimit(handle: DatabaseHandle, keyPrefix: string, points: number, durationSeconds: number) {
  const l = limiter(handle, keyPrefix, points, durationSeconds);
  return {
    async consume(key: string): Promise<ThrottleVerdict> {
      const res = await consumeQuietly(l, key);
      return res.consumedPoints > points ? { allowed: false, retryAfterSeconds: retryAfter(res) } : { allowed: true };
    },
  };
}

export type RateLimit = ReturnType<typeof databaseRateLimit>;

/**
 * Failed logins per account and per IP. Ten failures for an account within 10 minutes are answered normally; the
 * 11th attempt is refused. A successful login or a password reset clears the account's counter.
 */
export function databaseLoginThrottle(handle: DatabaseHandle): LoginThrottle {
  const byAccount = limiter(handle, 'login_account', MAX_FAILURES_PER_ACCOUNT);
  const byIp = limiter(handle, 'login_ip', MAX_FAILURES_PER_IP);
  const wait = (res: RateLimiterRes | null, max: number) => (res !== null && res.consumedPoints >= max ? retryAfter(res) : 0);

  return {
    async check(ip, account) {
      const [a, i] = await Promise.all([byAccount.get(account || '-'), byIp.get(ip)]);
      const seconds = Math.max(wait(a, MAX_FAILURES_PER_ACCOUNT), wait(i, MAX_FAILURES_PER_IP));
      return seconds > 0 ? { allowed: false, retryAfterSeconds: seconds } : { allowed: true };
    },
    async recordFailure(ip, account) {
      await Promise.all([consumeQuietly(byAccount, account || '-'), consumeQuietly(byIp, ip)]);
    },
    async clearAccount(account) {
      await byAccount.delete(account);
    },
  };
}
