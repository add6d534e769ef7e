/** The version stored on a certificate: a short hash of its path's definition, so a later change shows. */
import { createHash } from 'node:crypto';

export function pathVersion(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
}
