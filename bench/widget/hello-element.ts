/**
 * @module
 * The baseline of the widget's start: a bare Lit element that renders a heading and a button.
 */
import { LitElement, html } from 'lit';

class BenchHello extends LitElement {
  override render() {
    return html`<h1>Hello</h1>
      <button type="button">OK</button>`;
  }
}
customElements.define('bench-hello', BenchHello);
