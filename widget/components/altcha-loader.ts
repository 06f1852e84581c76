/**
 * @module
 * The ALTCHA widget and its labels in the portal's six languages, in one module that only
 * `captcha.ts` imports, dynamically: the widget weighs as much as the rest of the portal, so it
 * is a lazy chunk fetched when the forgotten-password screen is shown, never at first load.
 * Importing it registers `<altcha-widget>` (once per page) and adds its stylesheet to the page's
 * head, which the captcha copies into its own shadow root.
 */
import 'altcha';
import 'altcha/i18n/ca';
import 'altcha/i18n/en';
import 'altcha/i18n/es-es';
import 'altcha/i18n/fr-fr';
import 'altcha/i18n/it';
import 'altcha/i18n/pt-pt';

/** The id under which ALTCHA adds its stylesheet to the document's head. */
export const ALTCHA_STYLE_ID = 'altcha-css';
