/**
 * @module
 * The words of every e-mail in the six portal languages, with the widget's terms (es "ticket",
 * pt "pedido", fr "demande", it "ticket", ca "tiquet") and its formal address. `{name}` and
 * `{number}` (and `{title}`, `{due}`) are filled in, escaped, by ./templates.ts; the quoted text and the link are added
 * by the layout.
 */
import type { Language } from '../../contract/domain.ts';
import { ACKNOWLEDGEMENT } from './acknowledgement-texts.ts';

export const TEMPLATE_NAMES = [
  'set-password',
  'password-changed',
  'ticket-solution-proposed',
  'ticket-comment',
  'ticket-closed',
  'ticket-auto-accepted',
  'ticket-created',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface MailText {
  subject: string;
  /** Paragraphs before the quoted text. */
  intro: string[];
  /** Paragraphs after the quoted text and before the link's button. */
  outro?: string[];
  /** The link's label. */
  action?: string;
}

export interface LanguageTexts {
  greeting: string;
  signature: string;
  /** The one-click rating links of the closing e-mails: the question, then a label per score. */
  rating: { question: string; scores: [string, string, string, string, string] };
  templates: Record<TemplateName, MailText>;
}

export const TEXTS: Record<Language, LanguageTexts> = {
  es: {
    greeting: 'Hola, {name}:',
    signature: 'Atentamente,\nEl equipo de soporte',
    rating: {
      question:
        '¿Qué le ha parecido nuestra atención? Valórela con un clic (puede añadir un comentario después):',
      scores: [
        '1 · Muy insatisfecho',
        '2 · Insatisfecho',
        '3 · Normal',
        '4 · Satisfecho',
        '5 · Muy satisfecho',
      ],
    },
    templates: {
      'set-password': {
        subject: 'Establezca su contraseña del portal de soporte',
        intro: [
          'Hemos recibido una solicitud para establecer la contraseña de su cuenta en el portal de soporte.',
          'Por seguridad, el enlace caduca en poco tiempo y solo puede usarse una vez. Si no ha sido usted, ignore este mensaje: su contraseña no cambiará.',
        ],
        action: 'Establecer la contraseña',
      },
      'password-changed': {
        subject: 'Se ha cambiado su contraseña',
        intro: [
          'La contraseña de su cuenta en el portal de soporte se acaba de cambiar y se han cerrado las demás sesiones.',
          'Si no ha sido usted, restablézcala cuanto antes con «¿Ha olvidado su contraseña?» y avísenos.',
        ],
      },
      'ticket-solution-proposed': {
        subject: 'Solución propuesta para su ticket {number}',
        intro: ['El equipo de soporte ha propuesto esta solución para su ticket {number}:'],
        outro: [
          'Revísela en el portal y acéptela o recházela. Si no responde, se dará por aceptada pasados unos días.',
        ],
        action: 'Ver el ticket {number}',
      },
      'ticket-comment': {
        subject: 'Nuevo comentario en su ticket {number}',
        intro: ['El equipo de soporte ha añadido un comentario a su ticket {number}:'],
        action: 'Ver el ticket {number}',
      },
      'ticket-closed': {
        subject: 'Su ticket {number} se ha cerrado',
        intro: ['El equipo de soporte ha cerrado su ticket {number}.'],
        outro: ['Si el problema continúa, puede abrir un ticket nuevo desde el portal.'],
        action: 'Ver el ticket {number}',
      },
      'ticket-auto-accepted': {
        subject: 'Su ticket {number} se ha cerrado',
        intro: [
          'Como no hemos recibido respuesta a la solución propuesta, la hemos dado por aceptada y su ticket {number} se ha cerrado.',
        ],
        outro: ['Si el problema continúa, puede abrir un ticket nuevo desde el portal.'],
        action: 'Ver el ticket {number}',
      },
      'ticket-created': ACKNOWLEDGEMENT.es,
    },
  },
  pt: {
    greeting: 'Olá, {name},',
    signature: 'Com os melhores cumprimentos,\nA equipa de suporte',
    rating: {
      question:
        'O que achou do nosso atendimento? Avalie-o com um clique (pode acrescentar um comentário depois):',
      scores: [
        '1 · Muito insatisfeito',
        '2 · Insatisfeito',
        '3 · Razoável',
        '4 · Satisfeito',
        '5 · Muito satisfeito',
      ],
    },
    templates: {
      'set-password': {
        subject: 'Defina a sua palavra-passe do portal de suporte',
        intro: [
          'Recebemos um pedido para definir a palavra-passe da sua conta no portal de suporte.',
          'Por segurança, a ligação expira em pouco tempo e só pode ser usada uma vez. Se não foi o próprio, ignore esta mensagem: a sua palavra-passe não será alterada.',
        ],
        action: 'Definir a palavra-passe',
      },
      'password-changed': {
        subject: 'A sua palavra-passe foi alterada',
        intro: [
          'A palavra-passe da sua conta no portal de suporte acabou de ser alterada e as restantes sessões foram terminadas.',
          'Se não foi o próprio, reponha-a quanto antes em «Esqueceu-se da palavra-passe?» e contacte-nos.',
        ],
      },
      'ticket-solution-proposed': {
        subject: 'Solução proposta para o seu pedido {number}',
        intro: ['A equipa de suporte propôs esta solução para o seu pedido {number}:'],
        outro: [
          'Consulte-a no portal e aceite-a ou rejeite-a. Se não responder, será considerada aceite ao fim de alguns dias.',
        ],
        action: 'Ver o pedido {number}',
      },
      'ticket-comment': {
        subject: 'Novo comentário no seu pedido {number}',
        intro: ['A equipa de suporte acrescentou um comentário ao seu pedido {number}:'],
        action: 'Ver o pedido {number}',
      },
      'ticket-closed': {
        subject: 'O seu pedido {number} foi fechado',
        intro: ['A equipa de suporte fechou o seu pedido {number}.'],
        outro: ['Se o problema persistir, pode abrir um novo pedido no portal.'],
        action: 'Ver o pedido {number}',
      },
      'ticket-auto-accepted': {
        subject: 'O seu pedido {number} foi fechado',
        intro: [
          'Como não recebemos resposta à solução proposta, esta foi considerada aceite e o seu pedido {number} foi fechado.',
        ],
        outro: ['Se o problema persistir, pode abrir um novo pedido no portal.'],
        action: 'Ver o pedido {number}',
      },
      'ticket-created': ACKNOWLEDGEMENT.pt,
    },
  },
  en: {
    greeting: 'Dear {name},',
    signature: 'Kind regards,\nThe support team',
    rating: {
      question:
        'How did we do? Rate our support with one click (you can add a comment afterwards):',
      scores: ['1 · Very unhappy', '2 · Unhappy', '3 · Okay', '4 · Happy', '5 · Very happy'],
    },
    templates: {
      'set-password': {
        subject: 'Set your support portal password',
        intro: [
          'We received a request to set the password of your support portal account.',
          'For your security, the link expires soon and works only once. If this was not you, ignore this message: your password will not change.',
        ],
        action: 'Set your password',
      },
      'password-changed': {
        subject: 'Your password was changed',
        intro: [
          'The password of your support portal account has just been changed, and your other sessions have been signed out.',
          'If this was not you, reset it at once with "Forgot your password?" and let us know.',
        ],
      },
      'ticket-solution-proposed': {
        subject: 'A solution was proposed for your ticket {number}',
        intro: ['The support team has proposed this solution for your ticket {number}:'],
        outro: [
          'Please review it in the portal and accept or reject it. Without an answer it is accepted after a few days.',
        ],
        action: 'View ticket {number}',
      },
      'ticket-comment': {
        subject: 'New comment on your ticket {number}',
        intro: ['The support team has added a comment to your ticket {number}:'],
        action: 'View ticket {number}',
      },
      'ticket-closed': {
        subject: 'Your ticket {number} was closed',
        intro: ['The support team has closed your ticket {number}.'],
        outro: ['If the problem persists, you can open a new ticket in the portal.'],
        action: 'View ticket {number}',
      },
      'ticket-auto-accepted': {
        subject: 'Your ticket {number} was closed',
        intro: [
          'As we did not hear back about the proposed solution, it has been accepted and your ticket {number} is now closed.',
        ],
        outro: ['If the problem persists, you can open a new ticket in the portal.'],
        action: 'View ticket {number}',
      },
      'ticket-created': ACKNOWLEDGEMENT.en,
    },
  },
  fr: {
    greeting: 'Bonjour {name},',
    signature: 'Cordialement,\nL’équipe d’assistance',
    rating: {
      question:
        'Comment jugez-vous notre assistance ? Évaluez-la en un clic (vous pourrez ajouter un commentaire ensuite) :',
      scores: [
        '1 · Très insatisfait',
        '2 · Insatisfait',
        '3 · Correct',
        '4 · Satisfait',
        '5 · Très satisfait',
      ],
    },
    templates: {
      'set-password': {
        subject: 'Définissez votre mot de passe du portail d’assistance',
        intro: [
          'Nous avons reçu une demande de définition du mot de passe de votre compte sur le portail d’assistance.',
          'Par sécurité, le lien expire rapidement et ne peut servir qu’une fois. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe ne changera pas.',
        ],
        action: 'Définir le mot de passe',
      },
      'password-changed': {
        subject: 'Votre mot de passe a été modifié',
        intro: [
          'Le mot de passe de votre compte sur le portail d’assistance vient d’être modifié et vos autres sessions ont été fermées.',
          'Si vous n’êtes pas à l’origine de ce changement, réinitialisez-le sans attendre via « Mot de passe oublié ? » et prévenez-nous.',
        ],
      },
      'ticket-solution-proposed': {
        subject: 'Solution proposée pour votre demande {number}',
        intro: ['L’équipe d’assistance propose cette solution pour votre demande {number} :'],
        outro: [
          'Consultez-la sur le portail pour l’accepter ou la refuser. Sans réponse de votre part, elle sera considérée comme acceptée au bout de quelques jours.',
        ],
        action: 'Voir la demande {number}',
      },
      'ticket-comment': {
        subject: 'Nouveau commentaire sur votre demande {number}',
        intro: ['L’équipe d’assistance a ajouté un commentaire à votre demande {number} :'],
        action: 'Voir la demande {number}',
      },
      'ticket-closed': {
        subject: 'Votre demande {number} a été clôturée',
        intro: ['L’équipe d’assistance a clôturé votre demande {number}.'],
        outro: ['Si le problème persiste, vous pouvez ouvrir une nouvelle demande sur le portail.'],
        action: 'Voir la demande {number}',
      },
      'ticket-auto-accepted': {
        subject: 'Votre demande {number} a été clôturée',
        intro: [
          'Faute de réponse de votre part, la solution proposée a été considérée comme acceptée et votre demande {number} a été clôturée.',
        ],
        outro: ['Si le problème persiste, vous pouvez ouvrir une nouvelle demande sur le portail.'],
        action: 'Voir la demande {number}',
      },
      'ticket-created': ACKNOWLEDGEMENT.fr,
    },
  },
  it: {
    greeting: 'Gentile {name},',
    signature: 'Cordiali saluti,\nIl team di assistenza',
    rating: {
      question:
        'Come valuta la nostra assistenza? La valuti con un clic (potrà aggiungere un commento dopo):',
      scores: [
        '1 · Molto insoddisfatto',
        '2 · Insoddisfatto',
        '3 · Nella media',
        '4 · Soddisfatto',
        '5 · Molto soddisfatto',
      ],
    },
    templates: {
      'set-password': {
        subject: 'Imposti la password del portale di assistenza',
        intro: [
          'Abbiamo ricevuto una richiesta di impostare la password del Suo account sul portale di assistenza.',
          'Per sicurezza, il link scade a breve e si può usare una sola volta. Se non è stato Lei, ignori questo messaggio: la password non cambierà.',
        ],
        action: 'Imposta la password',
      },
      'password-changed': {
        subject: 'La Sua password è stata modificata',
        intro: [
          'La password del Suo account sul portale di assistenza è appena stata modificata e le altre sessioni sono state chiuse.',
          'Se non è stato Lei, la reimposti subito con «Password dimenticata?» e ci avvisi.',
        ],
      },
      'ticket-solution-proposed': {
        subject: 'Soluzione proposta per il Suo ticket {number}',
        intro: ['Il team di assistenza ha proposto questa soluzione per il Suo ticket {number}:'],
        outro: [
          'La esamini nel portale e la accetti o la rifiuti. Senza risposta, sarà considerata accettata dopo alcuni giorni.',
        ],
        action: 'Apri il ticket {number}',
      },
      'ticket-comment': {
        subject: 'Nuovo commento sul Suo ticket {number}',
        intro: ['Il team di assistenza ha aggiunto un commento al Suo ticket {number}:'],
        action: 'Apri il ticket {number}',
      },
      'ticket-closed': {
        subject: 'Il Suo ticket {number} è stato chiuso',
        intro: ['Il team di assistenza ha chiuso il Suo ticket {number}.'],
        outro: ['Se il problema persiste, può aprire un nuovo ticket dal portale.'],
        action: 'Apri il ticket {number}',
      },
      'ticket-auto-accepted': {
        subject: 'Il Suo ticket {number} è stato chiuso',
        intro: [
          'Non avendo ricevuto risposta sulla soluzione proposta, la consideriamo accettata e il Suo ticket {number} è stato chiuso.',
        ],
        outro: ['Se il problema persiste, può aprire un nuovo ticket dal portale.'],
        action: 'Apri il ticket {number}',
      },
      'ticket-created': ACKNOWLEDGEMENT.it,
    },
  },
  ca: {
    greeting: 'Hola, {name}:',
    signature: 'Atentament,\nL’equip de suport',
    rating: {
      question:
        'Què us ha semblat la nostra atenció? Valoreu-la amb un clic (podeu afegir un comentari després):',
      scores: [
        '1 · Molt insatisfet',
        '2 · Insatisfet',
        '3 · Normal',
        '4 · Satisfet',
        '5 · Molt satisfet',
      ],
    },
    templates: {
      'set-password': {
        subject: 'Estableixi la contrasenya del portal de suport',
        intro: [
          'Hem rebut una sol·licitud per establir la contrasenya del seu compte al portal de suport.',
          'Per seguretat, l’enllaç caduca aviat i només es pot fer servir una vegada. Si no ha estat vostè, ignori aquest missatge: la contrasenya no canviarà.',
        ],
        action: 'Establir la contrasenya',
      },
      'password-changed': {
        subject: 'S’ha canviat la seva contrasenya',
        intro: [
          'La contrasenya del seu compte al portal de suport s’acaba de canviar i s’han tancat les altres sessions.',
          'Si no ha estat vostè, restableixi-la com més aviat millor amb «Ha oblidat la contrasenya?» i avisi’ns.',
        ],
      },
      'ticket-solution-proposed': {
        subject: 'Solució proposada per al seu tiquet {number}',
        intro: ['L’equip de suport ha proposat aquesta solució per al seu tiquet {number}:'],
        outro: [
          'Revisi-la al portal i accepti-la o rebutgi-la. Si no respon, es donarà per acceptada al cap d’uns dies.',
        ],
        action: 'Veure el tiquet {number}',
      },
      'ticket-comment': {
        subject: 'Nou comentari al seu tiquet {number}',
        intro: ['L’equip de suport ha afegit un comentari al seu tiquet {number}:'],
        action: 'Veure el tiquet {number}',
      },
      'ticket-closed': {
        subject: 'S’ha tancat el seu tiquet {number}',
        intro: ['L’equip de suport ha tancat el seu tiquet {number}.'],
        outro: ['Si el problema continua, pot obrir un tiquet nou des del portal.'],
        action: 'Veure el tiquet {number}',
      },
      'ticket-auto-accepted': {
        subject: 'S’ha tancat el seu tiquet {number}',
        intro: [
          'Com que no hem rebut resposta a la solució proposada, l’hem donada per acceptada i el seu tiquet {number} s’ha tancat.',
        ],
        outro: ['Si el problema continua, pot obrir un tiquet nou des del portal.'],
        action: 'Veure el tiquet {number}',
      },
      'ticket-created': ACKNOWLEDGEMENT.ca,
    },
  },
};
