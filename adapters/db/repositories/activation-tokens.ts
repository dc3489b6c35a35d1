/** Activation secrets in the password tokens table (purpose 'activation' or 'activation_code'); hashed, single use. */
import type { Kysely } from 'kysely';
import type { ActivationTokenRepository } from '../../../core/accounts/activation';
import type { Database } from '../schema';

export function activationTokenRepository(db: Kysely<Database>): ActivationTokenRepository {
  const usable = (tokenHash: string, purposes: readonly string[], now: Date, userId?: string) => {
    let query = db
      .selectFrom('password_reset_tokens')
      .select('user_id')
      .where('token_hash', '=', tokenHash)
      .where('purpose', 'in', [...purposes])
      .where('used_at', 'is', null)
      .where('expires_at', '>', now.toISOString());
    if (userId) query = query.where('user_id', '=', userId);
    return query;
  };
  return {
    async create(token) {
      await db
        .insertInto('password_reset_tokens')
        .values({
          token_hash: token.tokenHash,
          user_id: token.userId,
          purpose: token.purpose,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
          used_at: null,
        })
        .execute();
    },
    async revoke(userId, purposes, now) {
      await db
        .updateTable('password_reset_tokens')
        .set({ used_at: now.toISOString() })
        .where('user_id', '=', userId)
        .where('purpose', 'in', [...purposes])
        .where('used_at', 'is', null)
        .execute();
    },
    async findUsable(tokenHash, purposes, now, userId) {
      return (await usable(tokenHash, purposes, now, userId).executeTakeFirst())?.user_id ?? null;
    },
    async consume(tokenHash, purposes, now, userId) {
      // The conditional update is the single-use guarantee: two concurrent uses cannot both match.
      let update = db
        .updateTable('password_reset_tokens')
        .set({ used_at: now.toISOString() })
        .where('token_hash', '=', tokenHash)
        .where('purpose', 'in', [...purposes])
        .where('used_at', 'is', null)
        .where('expires_at', '>', now.toISOString());
      if (userId) update = update.where('user_id', '=', userId);
      const result = await update.executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return null;
      const row = await db.selectFrom('password_reset_tokens').select('user_id').where('token_hash', '=', tokenHash).executeTakeFirstOrThrow();
      return row.user_id;
    },
  };
}
