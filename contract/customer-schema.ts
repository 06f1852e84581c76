/**
 * @module
 * A new customer as the admin command and the desk API accept it. There is no sign-up: the
 * company creates customers, with a password or without one.
 */
import * as z from 'zod';
import { LANGUAGES } from './domain.ts';

export const newCustomerSchema = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((email) => email.trim().toLowerCase()),
  name: z.string().trim().min(1).max(120),
  organization: z.string().trim().max(120).optional(),
  language: z.enum(LANGUAGES).default('es'),
  password: z.string().min(8).max(256).optional(),
});

export type NewCustomer = z.input<typeof newCustomerSchema>;
