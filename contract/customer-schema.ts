/**
 * @module
 * A new customer as the admin command and the desk API accept it. There is no sign-up: the
 * company creates customers, with a password or without one.
 */
import * as z from 'zod/mini';
import { LANGUAGES } from './domain.ts';

export const newCustomerSchema = z.strictObject({
  email: z.pipe(
    z.email().check(z.maxLength(254)),
    z.transform((email: string) => email.trim().toLowerCase()),
  ),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  organization: z.optional(z.string().check(z.trim(), z.maxLength(120))),
  language: z._default(z.enum(LANGUAGES), 'es'),
  password: z.optional(z.string().check(z.minLength(8), z.maxLength(256))),
});

export type NewCustomer = z.input<typeof newCustomerSchema>;
