/**
 * @module
 * The new-password policy: at least NEW_PASSWORD_MIN_LENGTH characters, not the customer's
 * e-mail (nor its part before the @), and not one of the most common passwords. The list is
 * zxcvbn-ts's (`@zxcvbn-ts/language-common`, about 49,000 passwords from leaked corpora), kept
 * up to date by that project rather than copied here. It is most of the Worker's bundle (about
 * 400 KB of 1.4 MB), so it is imported on first use: the isolate starts without evaluating it.
 */
import { NEW_PASSWORD_MIN_LENGTH } from '../../contract/schemas.ts';
import type { FieldErrorCode } from '../../contract/errors.ts';

let common: Set<string> | undefined;

/**
 * Built on first use: most requests never set a password. The set is kept, never a pending
 * promise (on Workers a request may not await what another request's work settles).
 */
async function commonPasswords(): Promise<Set<string>> {
  if (common) return common;
  const { dictionary } = await import('@zxcvbn-ts/language-common');
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/**
 * A common password with digits or symbols added at the end ("password123456") is as easy to
 * guess as the word itself, so the word is checked too.
 */
async function isCommon(password: string): Promise<boolean> {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[^\p{L}]+$/u, '');
  const list = await commonPasswords();
  return list.has(lower) || (stem.length >= 4 && list.has(stem));
}

/** Why a new password is refused, or null when it is acceptable. */
export async function passwordProblem(
  password: string,
  email: string,
): Promise<FieldErrorCode | null> {
  if (password.length < NEW_PASSWORD_MIN_LENGTH) return 'too_short';
  const lower = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0] ?? '';
  if (lower === address || lower === local || (local.length >= 4 && lower.includes(local)))
    return 'same_as_email';
  if (await isCommon(password)) return 'too_common';
  return null;
}
