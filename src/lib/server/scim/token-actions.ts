/** The form posts of /admin/scim-tokens: create a token (shown once) or revoke one. */
import type { Db } from '../db/db.ts';
import { createScimToken, revokeScimToken } from './tokens.ts';

export const MAX_TOKEN_LABEL = 80;

export interface TokenOutcome {
  status: number;
  error?: string;
  message?: string;
  /** The new token's value: on this answer only, never stored or shown again. */
  created?: { label: string; value: string };
}

export async function handleTokenPost(db: Db, form: FormData, adminId: string): Promise<TokenOutcome> {
  const intent = form.get('intent');
  if (intent === 'create') {
    const label = String(form.get('label') ?? '').trim();
    if (!label)
      return { status: 400, error: 'Give the token a name, such as "Entra ID production", so you know which to revoke later.' };
    if (label.length > MAX_TOKEN_LABEL) return { status: 400, error: `Keep the name under ${MAX_TOKEN_LABEL} characters.` };
    return { status: 200, created: { label, value: await createScimToken(db, label, adminId) } };
  }
  if (intent === 'revoke') {
    const revoked = await revokeScimToken(db, String(form.get('tokenId') ?? ''), adminId);
    return revoked
      ? { status: 200, message: 'Token revoked: requests that use it are refused from now on.' }
      : { status: 404, error: 'That token does not exist or was revoked already. Reload the page.' };
  }
  return { status: 400, error: 'That request was not understood. Use the forms on this page.' };
}
