/**
 * @module
 * The frame around `<support-portal>`'s screens: what it shows while it starts, the header bar
 * (the title, the way home, the language menu and the customer's account menu) and the footer's
 * contact link. Its parts are the element's own (documented in support-portal.ts); what its
 * controls do is the element's to decide.
 */
import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { LANGUAGES, type Language } from '../contract/domain.ts';
import type { Customer } from '../contract/types.ts';
import type { ApiClient } from './api/client.ts';
import './components/account-menu.ts';
import type { ProfileChangedEvent } from './events/profile-changed.ts';
import { LANGUAGE_NAMES } from './i18n/labels.ts';
import { currentLanguage, isLanguage } from './i18n/localization.ts';
import type { NavigateEvent, Route } from './navigation.ts';
import { exportParts } from './parts.ts';

interface HeaderProps {
  client: ApiClient;
  /** The customer logged in: the way home and the account menu are theirs. */
  customer: Customer | null;
  onNavigate: (event: NavigateEvent) => void;
  onProfileChanged: (event: ProfileChangedEvent) => void;
  onHome: () => void;
  /** The customer chose a language in the menu. */
  onLanguage: (language: Language) => void;
  logout: () => void;
}

/** Until the session and the first screen are known. */
export function renderLoading() {
  return html`<div class="portal" part="base" aria-busy="true">
    <div class="main" part="main">${msg('Cargando…', { id: 'portal.loading' })}</div>
  </div>`;
}

export function renderHeader(props: HeaderProps) {
  const { client, customer } = props;
  const chooseLanguage = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    if (isLanguage(value)) props.onLanguage(value);
  };
  return html`<header
    part="header"
    @sp-navigate=${props.onNavigate}
    @sp-profile-changed=${props.onProfileChanged}
  >
    <span class="title" part="title">${msg('Atención al cliente', { id: 'portal.title' })}</span>
    ${
      customer
        ? html`<button class="link" type="button" @click=${props.onHome}>
            ${msg('Inicio', { id: 'portal.home' })}
          </button>`
        : nothing
    }
    <label>
      <span class="language-label">${msg('Idioma', { id: 'portal.language' })}</span>
      <select part="language" @change=${chooseLanguage}>
        ${LANGUAGES.map(
          (language) =>
            html`<option
              value=${language}
              lang=${language}
              ?selected=${language === currentLanguage()}
            >
              ${LANGUAGE_NAMES[language]}
            </option>`,
        )}
      </select>
    </label>
    ${
      customer
        ? html`<sp-account-menu
            class="who"
            exportparts=${exportParts('account-menu')}
            .client=${client}
            .customer=${customer}
            .logout=${props.logout}
          ></sp-account-menu>`
        : nothing
    }
  </header>`;
}

/** The contact link, except on the contact screen: no link to the screen the customer is on. */
export function renderFooter(route: Route, onContact: () => void) {
  if (route.screen === 'contact') return nothing;
  return html`<footer part="footer">
    <button class="link" type="button" @click=${onContact}>
      ${msg('Contacto', { id: 'portal.contact' })}
    </button>
  </footer>`;
}
