/**
 * @module
 * A message's text with its http(s) URLs and e-mail addresses as links, built from
 * `contract/linkify.ts`'s parts as Lit text bindings: never HTML, so a message cannot inject
 * markup, and a link's address is only ever http, https or mailto.
 */
import { html } from 'lit';
import { linkify } from '../../contract/linkify.ts';

export function messageText(text: string) {
  return linkify(text).map((part) =>
    part.kind === 'link'
      ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer nofollow"
          >${part.text}</a
        >`
      : part.text,
  );
}
