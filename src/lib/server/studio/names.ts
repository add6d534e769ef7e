/** Display names for the user ids drafts record as their authors. */
import { db } from '../db/db.ts';
import { findUserById } from '../people/users.ts';

export async function authorNames(ids: Iterable<string>): Promise<Map<string, string>> {
  const database = await db();
  const unique = [...new Set(ids)];
  const rows = await Promise.all(unique.map((id) => findUserById(database, id)));
  return new Map(unique.flatMap((id, i) => (rows[i] ? [[id, rows[i]!.displayName] as [string, string]] : [])));
}
