import { css } from 'lit';

/**
 * The look of a control in the portal's header (the language menu, the account menu's button):
 * declarations for a rule, shared by the portal's sheet and the account menu's shadow root.
 */
export const headerControl = css`
  font: inherit;
  color: var(--_text);
  background: var(--_background);
  border: 1px solid var(--_border);
  border-radius: calc(var(--_radius) * 0.75);
  min-height: 2.75em;
  padding: 0.25em 0.75em;
  cursor: pointer;
`;
