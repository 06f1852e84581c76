/**
 * @module
 * Styles of `<sp-file-picker>`, beside the shared ones.
 */
import { css } from 'lit';
import { shared } from '../styles/shared.ts';

export const filePickerStyles = [
  shared,
  css`
    .zone {
      display: grid;
      gap: 0.5rem;
      justify-items: start;
      padding: 0.75rem;
      border: 2px dashed var(--_border);
      border-radius: var(--_radius);
    }

    .zone.dragging {
      border-color: var(--_primary);
      background: var(--_surface);
    }

    .label {
      font-weight: 600;
    }

    p {
      margin: 0;
    }

    .hint,
    .size {
      color: var(--_muted);
      font-size: 0.875em;
    }

    .file {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      overflow-wrap: anywhere;
    }

    .name {
      font-weight: 600;
    }

    button.remove {
      min-height: 1.5rem;
      padding: 0.125rem 0.5rem;
    }

    .error {
      color: var(--_danger);
      font-weight: 600;
    }
  `,
];
