/**
 * @module
 * The acknowledgement e-mail sent when a ticket is registered, in the six portal languages
 * (kept apart from ./texts.ts for its length). `{title}` and `{due}` are filled in like `{name}`:
 * the ticket's title, and the localized date by which the first answer is due.
 */
import type { Language } from '../../contract/domain.ts';
import type { MailText } from './texts.ts';

export const ACKNOWLEDGEMENT: Record<Language, MailText> = {
  es: {
    subject: 'Hemos recibido su ticket {number}',
    intro: [
      'Hemos registrado su ticket {number}: «{title}».',
      'El equipo de soporte le dará una primera respuesta antes del {due}. Le avisaremos por correo cuando responda.',
    ],
    action: 'Ver el ticket {number}',
  },
  pt: {
    subject: 'Recebemos o seu pedido {number}',
    intro: [
      'Registámos o seu pedido {number}: «{title}».',
      'A equipa de suporte dará uma primeira resposta até {due}. Avisaremos por e-mail quando responder.',
    ],
    action: 'Ver o pedido {number}',
  },
  en: {
    subject: 'We have received your ticket {number}',
    intro: [
      'We have registered your ticket {number}: “{title}”.',
      'The support team will give you a first answer by {due}. We will e-mail you when they reply.',
    ],
    action: 'View ticket {number}',
  },
  fr: {
    subject: 'Nous avons bien reçu votre demande {number}',
    intro: [
      'Nous avons enregistré votre demande {number} : « {title} ».',
      'L’équipe d’assistance vous donnera une première réponse avant le {due}. Nous vous préviendrons par e-mail dès qu’elle répondra.',
    ],
    action: 'Voir la demande {number}',
  },
  it: {
    subject: 'Abbiamo ricevuto il Suo ticket {number}',
    intro: [
      'Abbiamo registrato il Suo ticket {number}: «{title}».',
      'Il team di assistenza Le darà una prima risposta entro il {due}. La avviseremo via e-mail quando risponderà.',
    ],
    action: 'Apri il ticket {number}',
  },
  ca: {
    subject: 'Hem rebut el seu tiquet {number}',
    intro: [
      'Hem registrat el seu tiquet {number}: «{title}».',
      'L’equip de suport li donarà una primera resposta abans del {due}. L’avisarem per correu quan respongui.',
    ],
    action: 'Veure el tiquet {number}',
  },
};
