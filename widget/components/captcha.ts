/**
 * @module
 * `<sp-captcha>`: the proof-of-work captcha of the forgotten-password screen. It loads the
 * ALTCHA widget lazily (see altcha-loader.ts), renders it inside its own shadow root, solves the
 * challenge by itself as soon as it is shown (no puzzle, no click: WCAG 2.2's accessible
 * authentication, 3.3.8) and reports the solved payload. Two workers solve it: enough for a
 * challenge sized for a phone, without taking every core of the host page's machine.
 */
import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defineElement } from '../define.ts';

/** Fired whenever the payload changes: the solved one, or null while unsolved or expired. */
export class CaptchaChangeEvent extends Event {
  constructor(readonly payload: string | null) {
    super('sp-captcha-change', { bubbles: true, composed: true });
  }
}

/** ALTCHA's stylesheet, adopted by each captcha's shadow root (its `:root` rules on `:host`). */
let altchaSheet: Promise<CSSStyleSheet> | null = null;

function loadAltcha(): Promise<CSSStyleSheet> {
  altchaSheet ??= (async () => {
    const { ALTCHA_CSS } = await import('./altcha-loader.ts');
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(ALTCHA_CSS.replaceAll(':root', ':host'));
    return sheet;
  })();
  return altchaSheet;
}

/**
 * @summary A self-solving ALTCHA proof-of-work captcha.
 * @fires {CaptchaChangeEvent} sp-captcha-change - The solved payload, or null.
 */
export class Captcha extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }

    /*
     * On the widget itself: ALTCHA's own sheet, adopted after this one, sets its defaults on
     * :host. The portal's colours, not ALTCHA's light-dark() ones (light here, as no
     * color-scheme is set), so that it follows the portal's scheme.
     */
    altcha-widget {
      --altcha-max-width: 100%;
      --altcha-color-primary: var(--_primary, #0b57d0);
      --altcha-border-radius: var(--_radius, 0.5em);
      --altcha-color-base: var(--_background, #ffffff);
      --altcha-color-base-content: var(--_text, #1b1f24);
      --altcha-color-neutral: var(--_border, #6b7480);
      --altcha-color-neutral-content: var(--_muted, #4a5361);
      --altcha-checkbox-border-color: var(--_border, #6b7480);
    }
  `;

  /** Where the challenge is fetched: the API's captcha route. */
  @property() challengeUrl = '';

  /** The language of the widget's labels: es, pt, en, fr, it or ca. */
  @property() language = 'es';

  @state() private loaded = false;

  /** The solved payload, or null. */
  payload: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void loadAltcha().then((sheet) => {
      const root = this.renderRoot as ShadowRoot;
      if (!root.adoptedStyleSheets.includes(sheet)) {
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      }
      this.loaded = true;
    });
  }

  /** Starts again with a fresh challenge (a payload is accepted only once). */
  reset(): void {
    this.setPayload(null);
    const widget = this.renderRoot.querySelector('altcha-widget');
    widget?.reset();
    // Aborted when the screen goes away meanwhile; failures show in the widget itself.
    widget?.verify().catch(() => {});
  }

  override render() {
    if (!this.loaded) return nothing;
    return html`<altcha-widget
      challenge=${this.challengeUrl}
      language=${this.language}
      auto="onload"
      workers="2"
      name="captcha"
      @statechange=${this.handleStateChange}
    ></altcha-widget>`;
  }

  private handleStateChange(event: CustomEvent<{ payload?: string; state: string }>) {
    event.stopPropagation();
    const { payload, state } = event.detail;
    this.setPayload(state === 'verified' && payload ? payload : null);
  }

  private setPayload(payload: string | null) {
    if (payload === this.payload) return;
    this.payload = payload;
    this.dispatchEvent(new CaptchaChangeEvent(payload));
  }
}

defineElement('sp-captcha', Captcha);

declare global {
  interface HTMLElementTagNameMap {
    'sp-captcha': Captcha;
  }
}
