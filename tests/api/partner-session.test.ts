import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { ROUTES } from '../../contract/routes.ts';
import type { SessionCreated } from '../../contract/types.ts';
import { customers } from '../../edge/db/schema.ts';
import { toBase64Url } from '../../edge/lib/encoding.ts';
import { restart } from '../desk/support.ts';
import { startPortal, type TestPortal } from '../support/app.ts';

const A = {
  issuer: 'https://intranet.a.example',
  audience: 'support-portal',
  organization: 'Org A',
};
const B = {
  issuer: 'https://intranet.b.example',
  audience: 'support-portal',
  organization: 'Org B',
};

let portal: TestPortal;
let jwks: Server;
let jwksUrl: string;
let keyA: CryptoKey;
let keyB: CryptoKey;
let publicB: JWK;
let stranger: CryptoKey;
let strangerJwk: JWK;
let alice: { email: string };
let bob: { email: string };

before(async () => {
  const a = await generateKeyPair('ES256', { extractable: true });
  const b = await generateKeyPair('RS256', { extractable: true });
  const s = await generateKeyPair('ES256', { extractable: true });
  keyA = a.privateKey;
  keyB = b.privateKey;
  stranger = s.privateKey;
  publicB = { ...(await exportJWK(b.publicKey)), kid: 'b-1', alg: 'RS256', use: 'sig' };
  strangerJwk = await exportJWK(s.publicKey);
  // Partner B publishes its keys at a JWKS URL, as a real identity provider does.
  jwks = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [publicB] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  portal = await startPortal({
    PARTNER_TOKEN_MAX_AGE_SECONDS: '300',
    PARTNERS: JSON.stringify([
      { id: 'a', ...A, algorithms: ['ES256'], publicJwk: await exportJWK(a.publicKey) },
      { id: 'b', ...B, algorithms: ['RS256'], jwksUrl },
    ]),
  });
  alice = await portal.createCustomer({ organization: 'Org A', language: 'pt' });
  bob = await portal.createCustomer({ organization: 'Org B' });
});
after(async () => {
  await new Promise((resolve) => jwks.close(resolve));
  portal.close();
});

const nowSeconds = () => Math.floor(portal.clock.now().getTime() / 1000);

interface TokenOptions {
  key?: CryptoKey | Uint8Array;
  alg?: string;
  header?: Record<string, unknown>;
  partner?: typeof A;
  claims?: JWTPayload;
}

function token(email: string, options: TokenOptions = {}) {
  const partner = options.partner ?? A;
  const now = nowSeconds();
  return new SignJWT({ email, jti: crypto.randomUUID(), ...options.claims })
    .setProtectedHeader({ alg: options.alg ?? 'ES256', typ: 'JWT', ...options.header })
    .setIssuer(partner.issuer)
    .setAudience(partner.audience)
    .setIssuedAt((options.claims?.iat as number | undefined) ?? now)
    .setExpirationTime((options.claims?.exp as number | undefined) ?? now + 120)
    .sign(options.key ?? keyA);
}

function partnerLogin(jwt: string) {
  return portal.request(ROUTES.partnerSession, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: jwt }),
  });
}

async function refused(jwt: string) {
  const response = await partnerLogin(jwt);
  assert.equal(response.status, 401, await response.clone().text());
  assert.equal(
    ((await response.json()) as { error: { code: string } }).error.code,
    'unauthenticated',
  );
}

describe('partner single sign-on', () => {
  test('a good token logs the partner organization’s customer in', async () => {
    const response = await partnerLogin(await token(alice.email.toUpperCase()));
    assert.equal(response.status, 201);
    const session = (await response.json()) as SessionCreated;
    assert.equal(session.customer.email, alice.email);
    assert.equal(session.customer.organization, 'Org A');
    const me = await portal.request(ROUTES.me, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    assert.equal(me.status, 200);
  });

  test('the profile says whether the customer has a password (single sign-on only: none)', async () => {
    const withPassword = (await (
      await partnerLogin(await token(alice.email))
    ).json()) as SessionCreated;
    assert.equal(withPassword.customer.hasPassword, true);
    const carla = await portal.createCustomer({ organization: 'Org A' });
    await portal.db
      .update(customers)
      .set({ passwordHash: null })
      .where(eq(customers.email, carla.email));
    const session = (await (await partnerLogin(await token(carla.email))).json()) as SessionCreated;
    assert.equal(session.customer.hasPassword, false);
    const me = await portal.request(ROUTES.me, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    assert.equal(((await me.json()) as { hasPassword: boolean }).hasPassword, false);
  });

  test('a partner with a JWKS URL: a good RS256 token logs in', async () => {
    const jwt = await token(bob.email, {
      key: keyB,
      alg: 'RS256',
      partner: B,
      header: { kid: 'b-1' },
    });
    assert.equal((await partnerLogin(jwt)).status, 201);
  });

  test('expired', async () => {
    const now = nowSeconds();
    await refused(await token(alice.email, { claims: { iat: now - 200, exp: now - 100 } }));
  });

  test('not valid yet (nbf in the future)', async () => {
    await refused(await token(alice.email, { claims: { nbf: nowSeconds() + 600 } }));
  });

  test('issued too long ago, even with a far expiry', async () => {
    const now = nowSeconds();
    await refused(await token(alice.email, { claims: { iat: now - 3600, exp: now + 3600 } }));
  });

  test('wrong audience', async () => {
    await refused(await token(alice.email, { partner: { ...A, audience: 'another-app' } }));
  });

  test('wrong issuer', async () => {
    await refused(await token(alice.email, { partner: { ...A, issuer: 'https://evil.example' } }));
  });

  test("another partner's key (B's key, A's issuer), and a stranger's key", async () => {
    await refused(await token(alice.email, { key: keyB, alg: 'RS256' }));
    await refused(await token(alice.email, { key: stranger }));
  });

  test('alg: none', async () => {
    const encode = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
    const now = nowSeconds();
    const payload = { email: alice.email, iss: A.issuer, aud: A.audience, iat: now, exp: now + 60 };
    await refused(`${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`);
  });

  test('HS256 signed with the partner’s public key', async () => {
    const { importJWK } = await import('jose');
    const pem = await exportSPKI((await importJWK(publicB, 'RS256')) as CryptoKey);
    for (const secret of [pem, JSON.stringify(publicB)]) {
      const key = new TextEncoder().encode(secret);
      await refused(await token(bob.email, { key, alg: 'HS256', partner: B }));
    }
  });

  test('keys named by the token itself (jwk, jku headers) are never used', async () => {
    await refused(await token(alice.email, { key: stranger, header: { jwk: strangerJwk } }));
    // An RS256 key of the attacker's, published at a URL the token names.
    const attacker = await generateKeyPair('RS256', { extractable: true });
    const published = { ...(await exportJWK(attacker.publicKey)), kid: 'b-1', alg: 'RS256' };
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [published] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const jku = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    try {
      const header = { kid: 'b-1', jku, x5u: jku, jwk: published };
      await refused(
        await token(bob.email, { key: attacker.privateKey, alg: 'RS256', partner: B, header }),
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a customer of another organization, an unknown e-mail, an inactive customer', async () => {
    await refused(await token(bob.email));
    await refused(await token('nobody@example.com'));
    const carol = await portal.createCustomer({ organization: 'Org A' });
    await portal.db
      .update(customers)
      .set({ active: false })
      .where(eq(customers.email, carol.email));
    await refused(await token(carol.email));
  });

  test('a token used once is refused the second time, in this process and in another', async () => {
    const jwt = await token(alice.email);
    assert.equal((await partnerLogin(jwt)).status, 201);
    await refused(jwt);
    // Remembered in the database: another process (or Worker isolate) refuses it too.
    const other = restart(portal);
    const again = await other.app.request(ROUTES.partnerSession, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: jwt }),
    });
    other.client.close();
    assert.equal(again.status, 401);
    assert.equal((await partnerLogin(await token(alice.email))).status, 201, 'a new token works');
  });

  test('a token without a jti is refused', async () => {
    await refused(await token(alice.email, { claims: { jti: undefined } }));
  });

  test('garbage and a token without an e-mail', async () => {
    await refused('not-a-jwt');
    const now = nowSeconds();
    const noEmail = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(A.issuer)
      .setAudience(A.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(keyA);
    await refused(noEmail);
  });
});
