/**
 * Name-based UUIDs (version 5, RFC 9562): the same record always gives the same statement id, so a
 * statement written twice is queued once and a resend is recognised by the LRS as the same statement.
 */
import { createHash } from 'node:crypto';

/** Our namespace: the v5 UUID of "urn:rapport:xapi" in the URL namespace, fixed once so ids never change. */
export const RAPPORT_NAMESPACE = 'a5c281b7-b8a3-56ea-b2f3-ac14f1c4b008';

const bytesOf = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');

export function uuidV5(name: string, namespace = RAPPORT_NAMESPACE): string {
  const hash = createHash('sha1').update(bytesOf(namespace)).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
