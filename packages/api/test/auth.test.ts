import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { sessions } from '../src/db/schema/index.ts';
import { sha256 } from '../src/lib/tokens.ts';
import { expectProblem, type Fixture, PASSWORD, useFixture } from './helper.ts';

const f = useFixture();
const limited = useFixture({ RATE_LIMIT: 'on', SIGNIN_RATE_LIMIT: 3, COOKIE_SECURE: 'always' });

const signIn = (fx: Fixture, email: string, password: string) =>
  fx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });

/** A fresh session, not the helper's cached one, for tests that end or expire it. */
async function freshSession(email = 'staff@test.example') {
  const res = await signIn(f.current, email, PASSWORD);
  expect(res.statusCode).toBe(200);
  const token = res.cookies.find((c) => c.name === 'tsunagari_session')?.value as string;
  return { token, cookie: `tsunagari_session=${token}`, csrf: res.json().csrfToken as string };
}

const me = (headers: Record<string, string>) =>
  f.current.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

/** The problem body without the fields that legitimately differ per request. */
const comparable = (res: LightMyRequestResponse) => ({
  status: res.statusCode,
  type: res.headers['content-type'],
  body: res.json(),
});

async function auditEntries(query: string) {
  const res = await f.current.as('admin', { method: 'GET', url: `/api/v1/audit-log?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json().items as Record<string, unknown>[];
}

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Lax session cookie and answers who signed in', async () => {
    const res = await signIn(f.current, 'Staff@Test.Example', PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'user',
      id: f.current.users.staff.id,
      email: 'staff@test.example',
      role: 'staff',
      organisationId: f.current.orgs.city,
      organisationName: 'テスト市 男女共同参画課',
    });
    expect(res.json().csrfToken).toMatch(/^[\w-]{32,}$/);
    const cookie = res.cookies.find((c) => c.name === 'tsunagari_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.value).toMatch(/^[\w-]{32,}$/);
    // Over plain http with COOKIE_SECURE=auto the cookie cannot be Secure, or the browser would drop it.
    expect(cookie?.secure).toBeFalsy();
    expect(new Date(cookie?.expires as Date).getTime()).toBeGreaterThan(Date.now() + 11 * 3_600_000);
  });

  it('does not store the session token in clear', async () => {
    const { token } = await freshSession();
    const rows = await f.current.database.db.select().from(sessions);
    expect(rows.some((r) => r.id === sha256(token))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('answers a wrong password and an unknown e-mail with the same 401', async () => {
    const wrongPassword = await signIn(f.current, 'staff@test.example', 'not-the-password');
    const unknownEmail = await signIn(f.current, 'nobody@test.example', PASSWORD);
    expectProblem(wrongPassword, 401, 'invalid_credentials');
    expectProblem(unknownEmail, 401, 'invalid_credentials');
    expect(comparable(wrongPassword)).toEqual(comparable(unknownEmail));
    expect(wrongPassword.cookies).toEqual([]);
    expect(unknownEmail.cookies).toEqual([]);
  });

  it('refuses a disabled user with the same 401, even with the right password', async () => {
    const created = await f.current.as('admin', {
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: 'leaver@test.example',
        displayName: '退職者',
        role: 'staff',
        organisationId: f.current.orgs.city,
        password: PASSWORD,
      },
    });
    expect(created.statusCode).toBe(201);
    expect((await signIn(f.current, 'leaver@test.example', PASSWORD)).statusCode).toBe(200);
    const disabled = await f.current.as('admin', {
      method: 'PATCH',
      url: `/api/v1/users/${created.json().id}`,
      headers: { 'if-match': created.headers.etag as string },
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    const refused = await signIn(f.current, 'leaver@test.example', PASSWORD);
    expectProblem(refused, 401, 'invalid_credentials');
    expect(comparable(refused)).toEqual(comparable(await signIn(f.current, 'nobody@test.example', PASSWORD)));
  });

  it.each([
    ['a missing password', { email: 'staff@test.example' }],
    ['an unknown field', { email: 'staff@test.example', password: PASSWORD, remember: true }],
    ['a wrong type', { email: 'staff@test.example', password: 12345 }],
    ['an empty e-mail', { email: '', password: PASSWORD }],
  ])('refuses %s with 400', async (_, payload) => {
    const res = await f.current.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload });
    expectProblem(res, 400, 'validation_failed');
    expect(res.cookies).toEqual([]);
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await f.current.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expectProblem(res, 400, 'malformed_json');
  });

  it('writes sign-ins and failures to the audit log, without the password', async () => {
    const ok = await signIn(f.current, 'analyst@test.example', PASSWORD);
    const bad = await signIn(f.current, 'analyst@test.example', 'guess-guess-guess');
    const [signedIn] = await auditEntries(`action=sign_in&actorId=${f.current.users.analyst.id}&limit=1`);
    expect(signedIn).toMatchObject({
      actorType: 'user',
      actorId: f.current.users.analyst.id,
      action: 'sign_in',
      entityType: 'user',
      entityId: f.current.users.analyst.id,
      requestId: ok.headers['x-request-id'],
    });
    const failures = await auditEntries('action=sign_in_failed');
    const failure = failures.find((e) => e.requestId === bad.headers['x-request-id']);
    expect(failure).toMatchObject({
      actorType: 'anonymous',
      actorId: null,
      details: { email: 'analyst@test.example' },
    });
    expect(JSON.stringify(failures)).not.toContain('guess-guess-guess');
  });
});

describe('sign-in rate limit', () => {
  it(`answers 429 after SIGNIN_RATE_LIMIT attempts, right password or not`, async () => {
    const first = await signIn(limited.current, 'staff@test.example', PASSWORD);
    expect(first.statusCode).toBe(200);
    // COOKIE_SECURE=always: the cookie is Secure even though the test speaks plain http.
    expect(first.cookies.find((c) => c.name === 'tsunagari_session')?.secure).toBe(true);
    expectProblem(await signIn(limited.current, 'staff@test.example', 'wrong-one-1'), 401, 'invalid_credentials');
    expectProblem(await signIn(limited.current, 'staff@test.example', 'wrong-one-2'), 401, 'invalid_credentials');
    const blocked = await signIn(limited.current, 'staff@test.example', PASSWORD);
    expectProblem(blocked, 429, 'rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.cookies).toEqual([]);
  });

  it('limits sign-in only, not the rest of the API', async () => {
    const res = await limited.current.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
  });
});

describe('me', () => {
  it('describes a signed-in user with the CSRF token', async () => {
    const s = await freshSession('partner@test.example');
    const res = await me({ cookie: s.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      kind: 'user',
      id: f.current.users.partner.id,
      displayName: 'partner テスト',
      email: 'partner@test.example',
      role: 'partner',
      organisationId: f.current.orgs.partner,
      organisationName: 'テスト社会福祉協議会',
      csrfToken: s.csrf,
    });
  });

  it('describes an API key, with no e-mail and no CSRF token', async () => {
    const res = await me(await f.current.apiKey('analyst'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'api_key',
      role: 'analyst',
      organisationId: f.current.orgs.city,
      email: null,
      csrfToken: null,
    });
  });

  it('answers 401 without credentials, or with an unknown cookie', async () => {
    expectProblem(await me({}), 401, 'unauthenticated');
    expectProblem(await me({ cookie: 'tsunagari_session=forged-token' }), 401, 'unauthenticated');
  });
});

describe('sessions end', () => {
  it('sign-out ends the session and clears the cookie', async () => {
    const s = await freshSession();
    const out = await f.current.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'tsunagari_session');
    expect(cleared?.value).toBe('');
    expect(new Date(cleared?.expires as Date).getTime()).toBeLessThanOrEqual(Date.now());
    expectProblem(await me({ cookie: s.cookie }), 401, 'unauthenticated');
    const rows = await f.current.database.db.select().from(sessions);
    expect(rows.some((r) => r.id === sha256(s.token))).toBe(false);
    const [entry] = await auditEntries(`action=sign_out&limit=1`);
    expect(entry).toMatchObject({ actorId: f.current.users.staff.id, requestId: out.headers['x-request-id'] });
  });

  it('an expired session is refused with 401', async () => {
    const s = await freshSession();
    expect((await me({ cookie: s.cookie })).statusCode).toBe(200);
    await f.current.database.db.execute(
      sql`update sessions set expires_at = now() - interval '1 second' where id = ${sha256(s.token)}`,
    );
    expectProblem(await me({ cookie: s.cookie }), 401, 'unauthenticated');
  });
});

describe('cross-site request forgery', () => {
  const write = (headers: Record<string, string>) =>
    f.current.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers,
      payload: { name: `CSRF ${Math.random()}`, kind: 'other' },
    });

  it('refuses a cookie-authenticated write without or with a wrong X-CSRF-Token', async () => {
    const admin = await freshSession('admin@test.example');
    const other = await freshSession('admin@test.example');
    expectProblem(await write({ cookie: admin.cookie }), 403, 'csrf_failed');
    expectProblem(await write({ cookie: admin.cookie, 'x-csrf-token': 'wrong' }), 403, 'csrf_failed');
    expectProblem(await write({ cookie: admin.cookie, 'x-csrf-token': '' }), 403, 'csrf_failed');
    // Another session's token belongs to that session only.
    expectProblem(await write({ cookie: admin.cookie, 'x-csrf-token': other.csrf }), 403, 'csrf_failed');
    expectProblem(
      await f.current.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie: admin.cookie } }),
      403,
      'csrf_failed',
    );
    expect((await me({ cookie: admin.cookie })).statusCode).toBe(200);
    expect((await write({ cookie: admin.cookie, 'x-csrf-token': admin.csrf })).statusCode).toBe(201);
  });

  it('needs no token for reads, nor for writes with an API key', async () => {
    const s = await freshSession();
    expect((await me({ cookie: s.cookie })).statusCode).toBe(200);
    const key = await f.current.apiKey('partner');
    const out = await f.current.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: key });
    expect(out.statusCode).toBe(204);
    expect((await me(key)).statusCode).toBe(200);
  });
});

describe('Authorization header', () => {
  it.each([
    ['Basic credentials', `Basic ${Buffer.from(`admin@test.example:${PASSWORD}`).toString('base64')}`],
    ['a bearer without a key', 'Bearer'],
    ['a malformed key', 'Bearer not-a-key'],
    ['an unknown key', 'Bearer tsk_abcdef_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG'],
    ['a key with a wrong secret', 'WRONG_SECRET'],
  ])('answers 401 for %s', async (_, header) => {
    let authorization = header;
    if (header === 'WRONG_SECRET') {
      const real = (await f.current.apiKey('partner')).authorization as string;
      authorization = `${real.slice(0, -4)}AAAA`;
    }
    expectProblem(await me({ authorization }), 401, 'unauthenticated');
  });

  it('a bad Authorization header is refused even next to a valid session cookie', async () => {
    const s = await freshSession();
    expectProblem(await me({ cookie: s.cookie, authorization: 'Basic eDp5' }), 401, 'unauthenticated');
  });

  it('a revoked key gets 401', async () => {
    const created = await f.current.as('admin', {
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: '失効テスト', role: 'partner', organisationId: f.current.orgs.partner },
    });
    expect(created.statusCode).toBe(201);
    const key = { authorization: `Bearer ${created.json().secret}` };
    expect((await me(key)).statusCode).toBe(200);
    const revoked = await f.current.as('admin', {
      method: 'POST',
      url: `/api/v1/api-keys/${created.json().id}/revoke`,
    });
    expect(revoked.statusCode).toBe(200);
    expectProblem(await me(key), 401, 'unauthenticated');
  });
});
