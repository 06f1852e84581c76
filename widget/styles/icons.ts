/**
 * @module
 * The few icons the screens use, inline so no request is made; always `aria-hidden`, the button
 * around each carries the words.
 */
import { svg } from 'lit';

const icon = (path: ReturnType<typeof svg>) =>
  svg`<svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${path}</svg>`;

export const penIcon = icon(
  svg`<path d="M12 20h9"/><path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z"/>`,
);
export const tickIcon = icon(svg`<path d="M20 6 9 17l-5-5"/>`);
export const downloadIcon = icon(
  svg`<path d="M12 3v12"/><path d="m7 10 5 5 5-5"/><path d="M5 21h14"/>`,
);
/** A speech bubble with a dot: a new reply from support. */
export const replyIcon = icon(
  svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z"/><circle cx="12" cy="12" r="1.5" fill="currentColor"/>`,
);
