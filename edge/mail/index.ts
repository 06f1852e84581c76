/**
 * @module
 * The mail API other parts of the edge use: render an e-mail, queue it in a batch.
 */
export { queueMail, type QueueOptions } from './outbox.ts';
export {
  escapeHtml,
  renderMail,
  TEMPLATE_NAMES,
  type MailValues,
  type RenderedMail,
  type TemplateName,
} from './templates.ts';
