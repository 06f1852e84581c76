/**
 * @module
 * A notice shown after an action ("Información añadida al ticket."), kept as the function that
 * words it rather than as text: each render words it again, so that it follows a language
 * chosen after it appeared instead of staying in the one it was made in.
 */

/** Words the notice in the active language; null when there is nothing to say. */
export type Notice = (() => string) | null;

/** The notice's text in the active language, or an empty string. */
export function noticeText(notice: Notice): string {
  return notice?.() ?? '';
}
