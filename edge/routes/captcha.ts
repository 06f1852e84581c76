/**
 * @module
 * `GET /api/captcha`: a fresh ALTCHA challenge, as the widget's `challengeurl` expects it.
 */
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import type { AppEnv } from '../env.ts';
import { newChallenge } from '../domain/captcha.ts';

export const captchaRoutes = new Hono<AppEnv>().get(ROUTES.captcha, async (c) => {
  c.header('cache-control', 'no-store');
  return c.json(await newChallenge(c.var.ports));
});
