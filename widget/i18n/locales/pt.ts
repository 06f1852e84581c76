// Do not modify this file by hand!
// Re-generate this file by running lit-localize

/* eslint-disable no-irregular-whitespace */
/* eslint-disable @typescript-eslint/no-explicit-any */

export const templates = {
  'error.validation_failed': `Revise los campos marcados.`,
  'error.invalid_json': `La solicitud no es válida. Vuelva a intentarlo.`,
  'error.unauthenticated': `Su sesión ha terminado. Entre de nuevo para continuar.`,
  'error.invalid_credentials': `El correo electrónico o la contraseña no son correctos.`,
  'error.not_found': `No encontramos lo que busca. Puede que ya no exista.`,
  'error.method_not_allowed': `Esta acción no está disponible.`,
  'error.wrong_state': `El estado del ticket ya no permite esta acción. Actualice la página del ticket.`,
  'error.payload_too_large': `El archivo es demasiado grande.`,
  'error.unsupported_file_type': `No se admite este tipo de archivo.`,
  'error.unsupported_media_type': `La solicitud no tiene un formato admitido.`,
  'error.rate_limited': `Demasiados intentos. Espere unos minutos y vuelva a intentarlo.`,
  'error.internal': `Algo ha fallado por nuestra parte. Vuelva a intentarlo más tarde.`,
  'error.network': `No hay conexión con el servicio. Compruebe su conexión y vuelva a intentarlo.`,
  'field.required': `Este campo es obligatorio.`,
  'field.invalid': `El valor no es válido.`,
  'field.too_short': `El texto es demasiado corto.`,
  'field.too_long': `El texto es demasiado largo.`,
  'field.not_allowed': `Este valor no está permitido.`,
  'field.unknown_field': `Este campo no se esperaba.`,
};
