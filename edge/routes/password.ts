/**
 * @module
 * Forgotten password / first access (`POST /api/password/forgot`), setting a password from the
 * e-mailed link (`POST /api/password/reset`) and changing it while logged in
 * (`POST /api/password/change`). Each successful change ends every other session.
 */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import {
  changePasswordBody,
  forgotPasswordBody,
  resetPasswordBody,
} from '../../contract/schemas.ts';
import { customers } from '../db/schema.ts';
import {
  customerForToken,
  hashToken,
  requestReset,
  setPassword,
} from '../domain/password-resets.ts';
import { clearWindow } from '../domain/rate-limits.ts';
import { startSession } from '../domain/sessions.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { verifyCaptcha } from '../domain/captcha.ts';
import { hashPassword, verifyPassword } from '../lib/password.ts';
import { passwordProblem } from '../lib/password-policy.ts';
import { requireCustomer } from '../middleware/customer-auth.ts';
import { emailLimit, loginWindows, rateLimit } from '../middleware/rate-limit.ts';
import { validate } from '../middleware/validate.ts';
import { inPasswordTurn } from '../ports.ts';

/** The page to link back to, if its origin is allowed; never derived from Host headers. */
function allowedReturnTo(value: string, allowed: string[]): URL {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // Reported below as not allowed, like any other origin outside the list.
  }
  if (!url || !allowed.includes(url.origin))
    throw new ApiError('validation_failed', { returnTo: 'not_allowed' });
  return url;
}

export const passwordRoutes = new Hono<AppEnv>()
  .post(
    ROUTES.passwordForgot,
    validate('json', forgotPasswordBody),
    rateLimit('forgot', { emailCountedByRoute: true }),
    async (c) => {
      const { ports } = c.var;
      const { email, captcha, returnTo } = c.req.valid('json');
      const page = allowedReturnTo(returnTo, ports.config.ALLOWED_ORIGINS);
      const solved = await verifyCaptcha(ports, captcha);
      if (!solved) throw new ApiError('captcha_failed');
      const address = email.toLowerCase();
      const limited = await emailLimit(c, 'forgot', address);
      if (limited) return limited;
      const [customer] = await ports.db
        .select()
        .from(customers)
        .where(eq(customers.email, address))
        .limit(1);
      const spent = await requestReset(
        ports,
        solved,
        customer,
        address,
        page,
        ports.config.DEFAULT_LANGUAGE,
      );
      if (!spent) throw new ApiError('captcha_failed');
      return c.json({ status: 'accepted' }, 202);
    },
  )
  .post(
    ROUTES.passwordReset,
    validate('json', resetPasswordBody),
    rateLimit('reset'),
    async (c) => {
      const { ports } = c.var;
      const { token, password } = c.req.valid('json');
      const customer = await customerForToken(ports, token);
      if (!customer) throw new ApiError('invalid_link');
      const problem = await passwordProblem(password, customer.email);
      if (problem) throw new ApiError('validation_failed', { password: problem });
      const hash = await inPasswordTurn(ports, () =>
        hashPassword(password, ports.config.PBKDF2_ITERATIONS),
      );
      const updated = await setPassword(ports, customer, hash, await hashToken(token));
      if (!updated) throw new ApiError('invalid_link');
      // Whoever failed logins under this e-mail, its owner has just proved the mailbox theirs:
      // a lockout someone else caused must not keep them out with their new password.
      for (const key of loginWindows(updated.email)) await clearWindow(ports.db, key);
      return c.json(await startSession(ports, updated), 200);
    },
  )
  .post(ROUTES.passwordChange, requireCustomer, validate('json', changePasswordBody), async (c) => {
    const { ports, customer } = c.var;
    const { currentPassword, newPassword } = c.req.valid('json');
    const stored = customer.passwordHash;
    const matches =
      stored !== null &&
      (await inPasswordTurn(ports, () => verifyPassword(currentPassword, stored)));
    if (!matches) throw new ApiError('validation_failed', { currentPassword: 'incorrect' });
    const problem = await passwordProblem(newPassword, customer.email);
    if (problem) throw new ApiError('validation_failed', { newPassword: problem });
    const hash = await inPasswordTurn(ports, () =>
      hashPassword(newPassword, ports.config.PBKDF2_ITERATIONS),
    );
    const updated = await setPassword(ports, customer, hash);
    // Changed meanwhile by another request: this session has just ended with it.
    if (!updated) throw new ApiError('unauthenticated');
    return c.json(await startSession(ports, updated), 200);
  });
