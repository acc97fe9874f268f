/**
 * The signed-in staff member's row, needed by every request (role, active flag). Kept
 * while `users` has not been written since it was read (server/data/tableChanges.ts: by this
 * process, or on PostgreSQL by any instance, heard before the row is reused) — an account
 * change by an admin takes effect on the next request, whichever instance serves it — and at
 * most `TTL_MS`, the bound for another process writing the SQLite file.
 */
import type { Knex } from 'knex';
import type { UsersRow } from '../data/tables';
import { tableChanges } from '../data/tableChanges';

const TTL_MS = 2_000;

/** The columns every request needs of the signed-in account. */
export type StaffUserRow = Pick<UsersRow, 'id' | 'email' | 'fullName' | 'role' | 'active' | 'totpEnrolledAt'>;

export function staffUserCache(db: Knex) {
  const recent = new Map<number, { stamp: string; at: number; row: StaffUserRow | undefined }>();
  return {
    async get(userId: number): Promise<StaffUserRow | undefined> {
      const changes = tableChanges(db);
      const heard = await changes.sync();
      const stamp = changes.stampOfTables(['users']);
      const hit = recent.get(userId);
      if (heard && hit && hit.stamp === stamp && Date.now() - hit.at < TTL_MS) return hit.row;
      const row: StaffUserRow | undefined = await db<UsersRow>('users').select('id', 'email', 'fullName', 'role', 'active', 'totpEnrolledAt').where('id', userId).first();
      // Staff accounts are few (dozens): no eviction needed beyond replacing entries.
      recent.set(userId, { stamp, at: Date.now(), row });
      return row;
    },
  };
}
