/**
 * @module
 * `support-portal-language-change`: the portal now speaks another language.
 */
import type { Language } from '../../contract/domain.ts';

/** The detail of {@link LanguageChangeEvent}. */
export interface LanguageChangeDetail {
  /** The active language: es, pt, en, fr, it or ca. */
  language: Language;
}

/** The active language changed. Fired on `<support-portal>`; bubbles and is composed. */
export class LanguageChangeEvent extends CustomEvent<LanguageChangeDetail> {
  static readonly type = 'support-portal-language-change';

  constructor(detail: LanguageChangeDetail) {
    super(LanguageChangeEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-portal-language-change': LanguageChangeEvent;
  }
}
