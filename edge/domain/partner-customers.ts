/**
 * @module
 * Whom a verified partner token signs in. A token may name one of the organizations its partner
 * may assert (its `organization` claim; without one, the partner's own organization), and the
 * active customer with its e-mail there is signed in. A partner with `createCustomers` also
 * creates that customer on their first sign-on, from the token's `name`, `language` and
 * `organization`, which every token of such a partner must then carry.
 *
 * The claims are checked before anyone is looked up, so a refused claim says nothing about
 * whether the e-mail is known. An e-mail already taken outside those organizations, or by a
 * deactivated customer, is never moved nor revived on a partner's word: that is the same 401 as
 * a bad token.
 */
import { and, eq } from 'drizzle-orm';
import * as z from 'zod/mini';
import { newCustomerSchema } from '../../contract/customer-schema.ts';
import { LANGUAGES, type Language } from '../../contract/domain.ts';
import type { FieldErrorCode } from '../../contract/errors.ts';
import { createCustomer } from '../db/customers.ts';
import { customers } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import type { PartnerIdentity } from '../lib/partner-tokens.ts';
import type { Database } from '../ports.ts';

type CustomerRow = typeof customers.$inferSelect;

/** What a token asserts, once its claims are checked. */
export interface PartnerAssertion {
  email: string;
  organization: string;
  /** The profile of a customer to create on first sign-on; null when the partner creates none. */
  profile: { name: string; language: Language } | null;
}

/** As the desk API's new customers (contract/customer-schema.ts). */
const MAX_NAME_LENGTH = 120;

/**
 * The token's claims checked against its partner's settings. Throws `validation_failed` with
 * one field code per refused claim: `organization` `not_allowed` (one the partner may not
 * assert) or `required`; `name` and `language` `required`, `invalid` or `too_long`.
 */
export function checkPartnerClaims(identity: PartnerIdentity): PartnerAssertion {
  const fields: Record<string, FieldErrorCode> = {};
  // A partner of one organization that creates no one reads no claim, as before these settings.
  const claims =
    identity.organizations.length > 1 || identity.createCustomers ? identity.claims : {};
  if (
    claims.organization !== undefined &&
    !identity.organizations.includes(claims.organization as string)
  ) {
    fields.organization = 'not_allowed';
  }
  const organization = (claims.organization as string | undefined) ?? identity.organization;
  if (!identity.createCustomers) {
    if (Object.keys(fields).length) throw new ApiError('validation_failed', fields);
    return { email: identity.email, organization, profile: null };
  }

  if (claims.organization === undefined) fields.organization = 'required';
  const name = typeof claims.name === 'string' ? claims.name.trim() : '';
  if (claims.name === undefined) fields.name = 'required';
  else if (!name || !name.isWellFormed()) fields.name = 'invalid';
  else if (name.length > MAX_NAME_LENGTH) fields.name = 'too_long';
  if (claims.language === undefined) fields.language = 'required';
  else if (!LANGUAGES.includes(claims.language as Language)) {
    fields.language = 'invalid';
  }
  // Partners sign any string as `email`; only a well-formed address makes a customer.
  if (!z.safeParse(newCustomerSchema.shape.email, identity.email).success) fields.email = 'invalid';
  if (Object.keys(fields).length) throw new ApiError('validation_failed', fields);
  return {
    email: identity.email,
    organization,
    profile: { name, language: claims.language as Language },
  };
}

/**
 * The active customer with the e-mail in the asserted organization; else, when the partner
 * creates customers and no one has that e-mail, a new one (no password: partner sign-on, or
 * later the forgotten-password flow). Null when the token signs no one in.
 */
export async function partnerCustomer(
  db: Database,
  assertion: PartnerAssertion,
  iterations: number,
  now: Date,
): Promise<CustomerRow | null> {
  const [known] = await db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.email, assertion.email),
        eq(customers.organization, assertion.organization),
        eq(customers.active, true),
      ),
    )
    .limit(1);
  if (known || !assertion.profile) return known ?? null;
  const [taken] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.email, assertion.email))
    .limit(1);
  if (taken) return null;
  try {
    return await createCustomer(
      db,
      { email: assertion.email, organization: assertion.organization, ...assertion.profile },
      iterations,
      now,
    );
  } catch (error) {
    // Another first sign-on of the same e-mail won the race: that one signed in, this one not.
    if (emailTaken(error)) return null;
    throw error;
  }
}

/** The database refused a second customer with the e-mail (the message, or drizzle's cause). */
function emailTaken(error: unknown): boolean {
  for (let link = error, depth = 0; link instanceof Error && depth < 4; depth++) {
    if (/UNIQUE constraint failed: customers\.email/.test(link.message)) return true;
    link = link.cause;
  }
  return false;
}
