/**
 * @module
 * A localized sentence for every error the API (or the network) can fail with, and for every
 * reason a single field can be refused. The `Record` types make a new contract code a compile
 * error here until it has its message.
 */
import { msg, str } from '@lit/localize';
import type { FieldErrorCode } from '../../contract/errors.ts';
import { ApiRequestError, type ClientErrorCode } from '../api/errors.ts';
import { currentLanguage } from './localization.ts';

const ERROR_MESSAGES: Record<ClientErrorCode, () => string> = {
  validation_failed: () => msg('Revise los campos marcados.', { id: 'error.validation_failed' }),
  invalid_json: () =>
    msg('La solicitud no es válida. Vuelva a intentarlo.', { id: 'error.invalid_json' }),
  captcha_failed: () =>
    msg('No se pudo comprobar que no es un robot. Vuelva a intentarlo.', {
      id: 'error.captcha_failed',
    }),
  invalid_link: () =>
    msg(
      'Este enlace ya no es válido. Pida uno nuevo desde «¿Ha olvidado su contraseña?», en la pantalla de acceso.',
      {
        id: 'error.invalid_link',
      },
    ),
  unauthenticated: () =>
    msg('Su sesión ha terminado. Entre de nuevo para continuar.', { id: 'error.unauthenticated' }),
  invalid_credentials: () =>
    msg('El correo electrónico o la contraseña no son correctos.', {
      id: 'error.invalid_credentials',
    }),
  requester_only: () =>
    msg('Solo quien abrió el ticket puede hacer esto.', { id: 'error.requester_only' }),
  not_found: () =>
    msg('No encontramos lo que busca. Puede que ya no exista.', { id: 'error.not_found' }),
  method_not_allowed: () =>
    msg('Esta acción no está disponible.', { id: 'error.method_not_allowed' }),
  wrong_state: () =>
    msg('El estado del ticket ya no permite esta acción. Actualice la página del ticket.', {
      id: 'error.wrong_state',
    }),
  payload_too_large: () =>
    msg('El archivo es demasiado grande.', { id: 'error.payload_too_large' }),
  unsupported_file_type: () =>
    msg('No se admite este tipo de archivo.', { id: 'error.unsupported_file_type' }),
  unsupported_media_type: () =>
    msg('La solicitud no tiene un formato admitido.', { id: 'error.unsupported_media_type' }),
  rate_limited: () =>
    msg('Demasiados intentos. Espere unos minutos y vuelva a intentarlo.', {
      id: 'error.rate_limited',
    }),
  internal: () =>
    msg('Algo ha fallado por nuestra parte. Vuelva a intentarlo más tarde.', {
      id: 'error.internal',
    }),
  service_unavailable: () =>
    msg('El servicio no está disponible en este momento. Vuelva a intentarlo en unos segundos.', {
      id: 'error.service_unavailable',
    }),
  network: () =>
    msg('No hay conexión con el servicio. Compruebe su conexión y vuelva a intentarlo.', {
      id: 'error.network',
    }),
};

const FIELD_MESSAGES: Record<FieldErrorCode, () => string> = {
  required: () => msg('Este campo es obligatorio.', { id: 'field.required' }),
  invalid: () => msg('El valor no es válido.', { id: 'field.invalid' }),
  too_short: () => msg('El texto es demasiado corto.', { id: 'field.too_short' }),
  too_long: () => msg('El texto es demasiado largo.', { id: 'field.too_long' }),
  not_allowed: () => msg('Este valor no está permitido.', { id: 'field.not_allowed' }),
  unknown_field: () => msg('Este campo no se esperaba.', { id: 'field.unknown_field' }),
  too_common: () =>
    msg('Esta contraseña es demasiado común. Elija otra más difícil de adivinar.', {
      id: 'field.too_common',
    }),
  same_as_email: () =>
    msg('La contraseña no puede ser su correo electrónico.', { id: 'field.same_as_email' }),
  incorrect: () => msg('La contraseña actual no es correcta.', { id: 'field.incorrect' }),
};

/** What to tell the customer about a failure; anything unexpected reads as our fault. */
export function errorMessage(error: unknown): string {
  const code = error instanceof ApiRequestError ? error.code : 'internal';
  const wait = error instanceof ApiRequestError ? error.retryAfterSeconds : undefined;
  if (code === 'rate_limited' && wait !== undefined && wait > 0) return tryAgainIn(wait);
  return ERROR_MESSAGES[code]();
}

/**
 * "Try again in N minutes", rounded up to whole minutes. The six languages have only the `one`
 * and `other` plural forms that matter here, picked by `Intl.PluralRules` in the active language.
 */
function tryAgainIn(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const count = new Intl.NumberFormat(currentLanguage()).format(minutes);
  return new Intl.PluralRules(currentLanguage()).select(minutes) === 'one'
    ? msg(str`Demasiados intentos. Vuelva a intentarlo dentro de ${count} minuto.`, {
        id: 'error.rate_limited_wait.one',
      })
    : msg(str`Demasiados intentos. Vuelva a intentarlo dentro de ${count} minutos.`, {
        id: 'error.rate_limited_wait.other',
      });
}

export function fieldMessage(code: FieldErrorCode): string {
  return FIELD_MESSAGES[code]();
}
