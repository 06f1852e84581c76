/**
 * Partner sign-on for hosts of several organizations: a partner may assert the organizations it
 * is configured for, and, when allowed (`createCustomers`, off by default), creates a customer on
 * their first sign-on from the token's claims. Every refusal has a stable code, creates and
 * spends nothing, and reads the same whether the e-mail is known or not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { ROUTES } from '../../contract/routes.ts';
import type { SessionCreated } from '../../contract/types.ts';
import { customers, usedPartnerTokens } from '../../edge/db/schema.ts';
import { startPortal, type TestPortal } from '../support/app.ts';

/** Creates customers, for two organizations of its own. */
const CREATOR = {
  id: 'creator',
  issuer: 'https://hosting.example',
  audience: 'support-portal',
  organization: 'Shop One',
  organizations: ['Shop Two'],
  createCustomers: true,
};
/** Signs in customers of two organizations, creates none. */
const MULTI = {
  id: 'multi',
  issuer: 'https://multi.example',
  audience: 'support-portal',
  organization: 'Multi One',
  organizations: ['Multi Two'],
};
/** As partners were before these settings: one organization, no creation. */
const SINGLE = {
  id: 'single',
  issuer: 'https://single.example',
  audience: 'support-portal',
  organization: 'Single Org',
};
type Partner = typeof CREATOR | typeof MULTI | typeof SINGLE;

let portal: TestPortal;
let key: CryptoKey;

before(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  key = pair.privateKey;
  const publicJwk = await exportJWK(pair.publicKey);
  portal = await startPortal({
    PARTNERS: JSON.stringify(
      [CREATOR, MULTI, SINGLE].map((partner) => ({
        ...partner,
        algorithms: ['ES256'],
        publicJwk,
      })),
    ),
  });
});
after(() => portal.close());

function token(partner: Partner, email: string, claims: JWTPayload = {}) {
  const now = Math.floor(portal.clock.now().getTime() / 1000);
  return new SignJWT({ email, jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setIssuer(partner.issuer)
    .setAudience(partner.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 120)
    .sign(key);
}

async function signOn(partner: Partner, email: string, claims: JWTPayload = {}) {
  const response = await portal.request(ROUTES.partnerSession, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: await token(partner, email, claims) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const newEmail = () => `first-${crypto.randomUUID().slice(0, 8)}@example.com`;
const claimsOf = (organization = 'Shop Two') => ({
  name: 'Marta Ribas',
  language: 'ca',
  organization,
});

/** Customers and spent tokens: what a refusal must leave as it was. */
async function stored() {
  const [people] = await portal.db.select({ n: count() }).from(customers);
  const [tokens] = await portal.db.select({ n: count() }).from(usedPartnerTokens);
  return { customers: people!.n, tokens: tokens!.n };
}

function rowsOf(email: string) {
  return portal.db.select().from(customers).where(eq(customers.email, email));
}

const claimRefused = (fields: Record<string, string>) => ({
  status: 400,
  body: { error: { code: 'validation_failed', message: 'Some fields are not valid.', fields } },
});
const UNAUTHENTICATED = {
  status: 401,
  body: { error: { code: 'unauthenticated', message: 'Log in to continue.' } },
};

describe('partner customer creation', () => {
  test('a first sign-on creates the customer from the claims; the next one signs them in', async () => {
    const email = newEmail();
    const first = await signOn(CREATOR, email.toUpperCase(), claimsOf());
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const { customer } = first.body as unknown as SessionCreated;
    assert.equal(customer.email, email);
    assert.equal(customer.name, 'Marta Ribas');
    assert.equal(customer.language, 'ca');
    assert.equal(customer.organization, 'Shop Two');
    const [row] = await rowsOf(email);
    assert.equal(row!.passwordHash, null);
    assert.equal(row!.active, true);

    // Claims only fill in a new customer: a later token does not rewrite the profile.
    const again = await signOn(CREATOR, email, { ...claimsOf(), name: 'Someone Else' });
    assert.equal(again.status, 201);
    assert.equal((again.body as unknown as SessionCreated).customer.id, customer.id);
    const rows = await rowsOf(email);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.name, 'Marta Ribas');
  });

  test('the partner’s own organization works too, and an existing customer signs in', async () => {
    const existing = await portal.createCustomer({ organization: 'Shop One', name: 'Pau Vidal' });
    const response = await signOn(CREATOR, existing.email, claimsOf('Shop One'));
    assert.equal(response.status, 201);
    assert.equal((response.body as unknown as SessionCreated).customer.name, 'Pau Vidal');
  });

  test('an organization the partner may not assert: 400 on organization, nothing stored', async () => {
    const before = await stored();
    const known = await portal.createCustomer({ organization: 'Shop One' });
    const beforeKnown = await stored();
    assert.equal(beforeKnown.customers, before.customers + 1);
    // The same answer for an unknown e-mail and a known one: the claim is checked first.
    for (const email of [newEmail(), known.email]) {
      for (const organization of ['Multi One', 'Single Org', 'shop two', 42]) {
        assert.deepEqual(
          await signOn(CREATOR, email, { ...claimsOf(), organization }),
          claimRefused({ organization: 'not_allowed' }),
        );
      }
    }
    assert.deepEqual(await stored(), beforeKnown);
  });

  test('a missing or bad claim: 400 naming it, nothing stored, the same for a known e-mail', async () => {
    const known = await portal.createCustomer({ organization: 'Shop Two' });
    const before = await stored();
    const cases: [JWTPayload, Record<string, string>][] = [
      [{ language: 'ca', organization: 'Shop Two' }, { name: 'required' }],
      [{ name: 'Marta', organization: 'Shop Two' }, { language: 'required' }],
      [{ name: 'Marta', language: 'ca' }, { organization: 'required' }],
      [{}, { organization: 'required', name: 'required', language: 'required' }],
      [{ ...claimsOf(), name: '   ' }, { name: 'invalid' }],
      [{ ...claimsOf(), name: 7 }, { name: 'invalid' }],
      [{ ...claimsOf(), name: 'x'.repeat(121) }, { name: 'too_long' }],
      [{ ...claimsOf(), language: 'de' }, { language: 'invalid' }],
    ];
    for (const email of [newEmail(), known.email]) {
      for (const [claims, fields] of cases) {
        assert.deepEqual(await signOn(CREATOR, email, claims), claimRefused(fields));
      }
    }
    assert.deepEqual(
      await signOn(CREATOR, 'not-an-address', claimsOf()),
      claimRefused({ email: 'invalid' }),
    );
    assert.deepEqual(await stored(), before);
  });

  test('off by default: an unknown e-mail with every claim is the 401 of any refused token', async () => {
    const before = await stored();
    const otherOrganization = await portal.createCustomer({ organization: 'Shop One' });
    for (const partner of [SINGLE, MULTI]) {
      for (const email of [newEmail(), otherOrganization.email]) {
        const organization = partner.organization;
        assert.deepEqual(
          await signOn(partner, email, { ...claimsOf(), organization }),
          UNAUTHENTICATED,
        );
      }
    }
    const after = await stored();
    assert.equal(after.customers, before.customers + 1);
  });

  test('an e-mail taken elsewhere or deactivated is neither moved nor revived: 401', async () => {
    const elsewhere = await portal.createCustomer({ organization: 'Multi One' });
    const gone = await portal.createCustomer({ organization: 'Shop Two' });
    await portal.db.update(customers).set({ active: false }).where(eq(customers.id, gone.id));
    const before = await stored();
    assert.deepEqual(await signOn(CREATOR, elsewhere.email, claimsOf()), UNAUTHENTICATED);
    assert.deepEqual(await signOn(CREATOR, gone.email, claimsOf()), UNAUTHENTICATED);
    assert.equal((await rowsOf(elsewhere.email))[0]!.organization, 'Multi One');
    assert.equal((await rowsOf(gone.email))[0]!.active, false);
    // Each token was spent (a valid one, signing no one in), no customer was made.
    assert.deepEqual(await stored(), { ...before, tokens: before.tokens + 2 });
  });
});

describe('partners of several organizations', () => {
  test('a token names one of the partner’s organizations; without a claim, its own', async () => {
    const one = await portal.createCustomer({ organization: 'Multi One' });
    const two = await portal.createCustomer({ organization: 'Multi Two' });
    assert.equal((await signOn(MULTI, one.email)).status, 201);
    assert.equal((await signOn(MULTI, two.email, { organization: 'Multi Two' })).status, 201);
    // The customer must be in the organization the token names.
    assert.deepEqual(await signOn(MULTI, two.email), UNAUTHENTICATED);
    assert.deepEqual(
      await signOn(MULTI, one.email, { organization: 'Multi Two' }),
      UNAUTHENTICATED,
    );
    assert.deepEqual(
      await signOn(MULTI, one.email, { organization: 'Shop One' }),
      claimRefused({ organization: 'not_allowed' }),
    );
  });

  test('a partner of one organization ignores an organization claim, as before', async () => {
    const customer = await portal.createCustomer({ organization: 'Single Org' });
    const response = await signOn(SINGLE, customer.email, { organization: 'Shop One' });
    assert.equal(response.status, 201);
    assert.equal((response.body as unknown as SessionCreated).customer.organization, 'Single Org');
  });
});
