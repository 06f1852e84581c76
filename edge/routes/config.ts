/**
 * @module
 * `GET /api/config`: what the widget needs before anyone logs in (public, no secrets).
 */
import { Hono } from 'hono';
import { LANGUAGES } from '../../contract/domain.ts';
import { ROUTES } from '../../contract/routes.ts';
import type { PublicConfig } from '../../contract/types.ts';
import type { AppEnv } from '../env.ts';
import { ALLOWED_EXTENSIONS } from '../lib/files.ts';

export const configRoutes = new Hono<AppEnv>().get(ROUTES.config, (c) => {
  const config = c.var.ports.config;
  const body: PublicConfig = {
    languages: [...LANGUAGES],
    defaultLanguage: config.DEFAULT_LANGUAGE,
    limits: {
      maxAttachmentBytes: config.MAX_ATTACHMENT_BYTES,
      attachmentExtensions: ALLOWED_EXTENSIONS,
      maxDescriptionLength: config.MAX_DESCRIPTION_LENGTH,
      maxInformationLength: config.MAX_INFORMATION_LENGTH,
    },
    contact: {
      name: config.CONTACT_NAME ?? null,
      email: config.CONTACT_EMAIL ?? null,
      phone: config.CONTACT_PHONE ?? null,
      hours: config.CONTACT_HOURS ?? null,
      url: config.CONTACT_URL ?? null,
    },
    autoAcceptDays: config.AUTO_ACCEPT_DAYS,
    firstResponseHours: config.FIRST_RESPONSE_HOURS,
    followUpDays: config.FOLLOW_UP_DAYS,
    urgencyDefinitions: config.URGENCY_DEFINITIONS,
  };
  c.header('Cache-Control', 'public, max-age=60');
  return c.json(body);
});
