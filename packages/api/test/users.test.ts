import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiKeys, users } from '../src/db/schema/index.ts';
import { expectProblem, PASSWORD, useFixture } from './helper.ts';

const f = useFixture();

const url = '/api/v1/users';
const NEW_PASSWORD = 'a-brand-new-passphrase';

interface UserBody {
  id: string;
  email: string;
  displayName: string;
  role: string;
  organisationId: string;
  disabled: boolean;
  version: number;
  lastSignInAt: string | null;
}

let counter = 0;
async function createUser(overrides: Record<string, unknown> = {}) {
  counter += 1;
  const res = await f.current.as('admin', {
    method: 'POST',
    url,
    payload: {
      email: `user${counter}@test.example`,
      displayName: `利用者 ${counter}`,
      role: 'staff',
      organisationId: f.current.orgs.city,
      password: PASSWORD,
      ...overrides,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { user: res.json() as UserBody, etag: res.headers.etag as string };
}

const patch = (id: string, etag: string | undefined, payload: unknown, who: 'admin' = 'admin') =>
  f.current.as(who, {
    method: 'PATCH',
    url: `${url}/${id}`,
    headers: etag ? { 'if-match': etag } : {},
    payload: payload as Record<string, unknown>,
  });

const signIn = (email: string, password: string) =>
  f.current.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });

async function sessionOf(email: string, password = PASSWORD) {
  const res = await signIn(email, password);
  expect(res.statusCode).toBe(200);
  return { cookie: `tsunagari_session=${res.cookies[0]?.value}`, 'x-csrf-token': res.json().csrfToken as string };
}

const me = (headers: Record<string, string>) =>
  f.current.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

async function allUsers() {
  const res = await f.current.as('admin', { method: 'GET', url: `${url}?limit=500` });
  expect(res.statusCode).toBe(200);
  return res.json().items as UserBody[];
}

describe('users: read', () => {
  it('lists users by e-mail and never shows a password hash', async () => {
    const res = await f.current.as('admin', { method: 'GET', url });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as UserBody[];
    expect(items.map((u) => u.email)).toEqual([
      'admin@test.example',
      'analyst@test.example',
      'partner@test.example',
      'staff@test.example',
    ]);
    expect(Object.keys(items[0] as object).sort()).toEqual(
      [
        'createdAt',
        'disabled',
        'displayName',
        'email',
        'id',
        'lastSignInAt',
        'organisationId',
        'role',
        'updatedAt',
        'version',
      ].sort(),
    );
    expect(res.body).not.toMatch(/argon2|password/i);
  });

  it('filters by role and organisation', async () => {
    const partners = await f.current.as('admin', { method: 'GET', url: `${url}?role=partner` });
    expect(partners.json().items.map((u: UserBody) => u.email)).toEqual(['partner@test.example']);
    const inCity = await f.current.as('admin', { method: 'GET', url: `${url}?organisationId=${f.current.orgs.city}` });
    expect(inCity.json().items.every((u: UserBody) => u.organisationId === f.current.orgs.city)).toBe(true);
    expect(inCity.json().items.map((u: UserBody) => u.email)).not.toContain('partner@test.example');
    const both = await f.current.as('admin', {
      method: 'GET',
      url: `${url}?role=analyst&organisationId=${f.current.orgs.partner}`,
    });
    expect(both.json()).toEqual({ items: [], nextCursor: null });
  });

  it('pages through every user without gaps or repeats', async () => {
    await createUser();
    await createUser();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await f.current.as('admin', { method: 'GET', url: `${url}?limit=2${q}` });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((u: UserBody) => u.email));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual((await allUsers()).map((u) => u.email));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('reads one user with its ETag; 404 when unknown, 400 for a bad id or query', async () => {
    const res = await f.current.as('admin', { method: 'GET', url: `${url}/${f.current.users.staff.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: 'staff@test.example', role: 'staff', disabled: false });
    expect(res.headers.etag).toBe(`"v${res.json().version}"`);
    expect(res.body).not.toMatch(/argon2/);
    expectProblem(
      await f.current.as('admin', { method: 'GET', url: `${url}/00000000-0000-4000-8000-000000000000` }),
      404,
      'not_found',
    );
    expectProblem(await f.current.as('admin', { method: 'GET', url: `${url}/42` }), 400, 'validation_failed');
    expectProblem(await f.current.as('admin', { method: 'GET', url: `${url}?role=root` }), 400, 'validation_failed');
    expectProblem(
      await f.current.as('admin', { method: 'GET', url: `${url}?organisationId=city` }),
      400,
      'validation_failed',
    );
  });
});

describe('users: create', () => {
  it('creates a user who can then sign in; the e-mail is kept in lower case', async () => {
    const res = await f.current.as('admin', {
      method: 'POST',
      url,
      payload: {
        email: 'New.Counsellor@Test.Example',
        displayName: ' 新しい相談員 ',
        role: 'staff',
        organisationId: f.current.orgs.city,
        password: NEW_PASSWORD,
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      email: 'new.counsellor@test.example',
      displayName: '新しい相談員',
      role: 'staff',
      disabled: false,
      version: 1,
    });
    expect(res.headers.etag).toBe('"v1"');
    expect(res.body).not.toMatch(/argon2|password/i);
    const [stored] = await f.current.database.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, res.json().id));
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await signIn('new.counsellor@test.example', NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses an e-mail address in use, whatever its case (409)', async () => {
    const before = await allUsers();
    const res = await f.current.as('admin', {
      method: 'POST',
      url,
      payload: {
        email: 'STAFF@test.example',
        displayName: '重複',
        role: 'staff',
        organisationId: f.current.orgs.city,
        password: PASSWORD,
      },
    });
    const body = expectProblem(res, 409, 'conflict');
    expect(body.errors).toEqual([{ path: 'body.email', message: 'already taken' }]);
    expect(await allUsers()).toEqual(before);
  });

  const valid = () => ({
    email: 'valid@test.example',
    displayName: '検証',
    role: 'staff',
    organisationId: f.current.orgs.city,
    password: PASSWORD,
  });

  it.each([
    ['an unknown field', (v: Record<string, unknown>) => ({ ...v, isAdmin: true }), 'body'],
    ['a missing role', ({ role: _, ...v }: Record<string, unknown>) => v, 'body.role'],
    ['an unknown role', (v: Record<string, unknown>) => ({ ...v, role: 'root' }), 'body.role'],
    ['a malformed e-mail', (v: Record<string, unknown>) => ({ ...v, email: 'not-an-email' }), 'body.email'],
    ['a short password', (v: Record<string, unknown>) => ({ ...v, password: 'short' }), 'body.password'],
    ['a wrong type', (v: Record<string, unknown>) => ({ ...v, displayName: ['x'] }), 'body.displayName'],
    ['an empty name', (v: Record<string, unknown>) => ({ ...v, displayName: '  ' }), 'body.displayName'],
    [
      'a bad organisation id',
      (v: Record<string, unknown>) => ({ ...v, organisationId: 'city' }),
      'body.organisationId',
    ],
  ])('refuses %s with 400 and creates nothing', async (_, change, path) => {
    const before = await allUsers();
    const res = await f.current.as('admin', { method: 'POST', url, payload: change(valid()) });
    const body = expectProblem(res, 400, 'validation_failed');
    expect(body.errors?.map((e) => e.path)).toContain(path);
    expect(res.body).not.toContain(PASSWORD);
    expect(await allUsers()).toEqual(before);
  });

  it('refuses an organisation that does not exist with 422 and creates nothing', async () => {
    const before = await allUsers();
    const res = await f.current.as('admin', {
      method: 'POST',
      url,
      payload: { ...valid(), organisationId: '00000000-0000-4000-8000-000000000000' },
    });
    const body = expectProblem(res, 422, 'unknown_organisation');
    expect(body.errors?.map((e) => e.path)).toEqual(['body.organisationId']);
    expect(await allUsers()).toEqual(before);
  });

  it('refuses malformed JSON, an oversized body and a wrong content type', async () => {
    const before = await allUsers();
    const send = (payload: string, type = 'application/json') =>
      f.current.as('admin', { method: 'POST', url, headers: { 'content-type': type }, payload });
    expectProblem(await send('{"email": "x@y.z",'), 400, 'malformed_json');
    expectProblem(await send(JSON.stringify({ ...valid(), displayName: 'x'.repeat(300_000) })), 413);
    expectProblem(await send('email=x@y.z', 'application/x-www-form-urlencoded'), 415);
    expect(await allUsers()).toEqual(before);
  });
});

describe('users: update', () => {
  it('needs If-Match (428), refuses a stale one (412) and changes nothing then', async () => {
    const { user, etag } = await createUser();
    expectProblem(await patch(user.id, undefined, { displayName: 'x' }), 428, 'precondition_required');
    const ok = await patch(user.id, etag, { displayName: '変更後' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ displayName: '変更後', version: 2 });
    expect(ok.headers.etag).toBe('"v2"');
    expectProblem(await patch(user.id, etag, { displayName: '古い版から' }), 412, 'precondition_failed');
    const now = await f.current.as('admin', { method: 'GET', url: `${url}/${user.id}` });
    expect(now.json()).toMatchObject({ displayName: '変更後', version: 2 });
  });

  it('answers 404 for an unknown user and 400 for a bad id', async () => {
    expectProblem(await patch('00000000-0000-4000-8000-000000000000', '"v1"', { displayName: 'x' }), 404);
    expectProblem(await patch('nope', '"v1"', { displayName: 'x' }), 400, 'validation_failed');
  });

  it.each([
    ['an unknown field', { passwordHash: 'x' }, 'body'],
    ['a short password', { password: 'short' }, 'body.password'],
    ['a wrong type', { disabled: 'yes' }, 'body.disabled'],
    ['an unknown role', { role: 'superuser' }, 'body.role'],
    ['a malformed e-mail', { email: '@' }, 'body.email'],
  ])('refuses %s with 400 and changes nothing', async (_, payload, path) => {
    const { user, etag } = await createUser();
    const body = expectProblem(await patch(user.id, etag, payload), 400, 'validation_failed');
    expect(body.errors?.map((e) => e.path)).toContain(path);
    const now = await f.current.as('admin', { method: 'GET', url: `${url}/${user.id}` });
    expect(now.json()).toEqual(user);
  });

  it('refuses a move to an organisation that does not exist (422)', async () => {
    const { user, etag } = await createUser();
    const res = await patch(user.id, etag, { organisationId: '00000000-0000-4000-8000-000000000000' });
    expectProblem(res, 422, 'unknown_organisation');
    expect((await f.current.as('admin', { method: 'GET', url: `${url}/${user.id}` })).json()).toEqual(user);
  });

  it('refuses an e-mail address in use (409)', async () => {
    const { user, etag } = await createUser();
    const body = expectProblem(await patch(user.id, etag, { email: 'analyst@test.example' }), 409, 'conflict');
    expect(body.errors?.[0]?.path).toBe('body.email');
  });

  it('a role or organisation change applies to the next request of that user', async () => {
    const { user, etag } = await createUser();
    const s = await sessionOf(user.email);
    expect((await f.current.app.inject({ method: 'GET', url: '/api/v1/users', headers: s })).statusCode).toBe(403);
    const res = await patch(user.id, etag, { role: 'partner', organisationId: f.current.orgs.partner });
    expect(res.statusCode).toBe(200);
    expect((await me(s)).json()).toMatchObject({ role: 'partner', organisationId: f.current.orgs.partner });
  });

  it('a new password ends the user’s sessions; only the new password signs in', async () => {
    const { user, etag } = await createUser();
    const s = await sessionOf(user.email);
    const res = await patch(user.id, etag, { password: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(NEW_PASSWORD);
    expectProblem(await me(s), 401, 'unauthenticated');
    expectProblem(await signIn(user.email, PASSWORD), 401, 'invalid_credentials');
    expect((await signIn(user.email, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('disabling a user ends their sessions and refuses sign-in; enabling lets them back', async () => {
    const { user, etag } = await createUser();
    const s = await sessionOf(user.email);
    const off = await patch(user.id, etag, { disabled: true });
    expect(off.json()).toMatchObject({ disabled: true });
    expectProblem(await me(s), 401, 'unauthenticated');
    expectProblem(await signIn(user.email, PASSWORD), 401, 'invalid_credentials');
    const on = await patch(user.id, off.headers.etag as string, { disabled: false });
    expect(on.json()).toMatchObject({ disabled: false, version: 3 });
    expect((await signIn(user.email, PASSWORD)).statusCode).toBe(200);
  });

  it('an admin changing their own password stays signed in on this device only', async () => {
    const { user } = await createUser({ role: 'admin' });
    const here = await sessionOf(user.email);
    const elsewhere = await sessionOf(user.email);
    const read = await f.current.app.inject({ method: 'GET', url: `${url}/${user.id}`, headers: here });
    const res = await f.current.app.inject({
      method: 'PATCH',
      url: `${url}/${user.id}`,
      headers: { ...here, 'if-match': read.headers.etag as string },
      payload: { password: NEW_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(here)).statusCode).toBe(200);
    expectProblem(await me(elsewhere), 401, 'unauthenticated');
    // Leave the fixture with its single admin again.
    const again = await f.current.as('admin', { method: 'GET', url: `${url}/${user.id}` });
    const del = await f.current.as('admin', { method: 'DELETE', url: `${url}/${user.id}` });
    expect(again.statusCode).toBe(200);
    expect(del.statusCode).toBe(204);
  });
});

describe('users: delete', () => {
  it('deletes a user and their sessions; keys they created stay', async () => {
    const { user } = await createUser({ role: 'admin' });
    const s = await sessionOf(user.email);
    const key = await f.current.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: s,
      payload: { name: '作成者削除', role: 'analyst', organisationId: f.current.orgs.city },
    });
    expect(key.statusCode).toBe(201);
    const res = await f.current.as('admin', { method: 'DELETE', url: `${url}/${user.id}` });
    expect(res.statusCode).toBe(204);
    expectProblem(await f.current.as('admin', { method: 'GET', url: `${url}/${user.id}` }), 404);
    expectProblem(await me(s), 401, 'unauthenticated');
    expect((await me({ authorization: `Bearer ${key.json().secret}` })).statusCode).toBe(200);
    const keys = await f.current.database.db.select().from(apiKeys);
    expect(keys.find((k) => k.id === key.json().id)?.createdBy).toBeNull();
    expectProblem(await f.current.as('admin', { method: 'DELETE', url: `${url}/${user.id}` }), 404);
  });

  it('refuses to delete a user that records still refer to (409)', async () => {
    const { user } = await createUser();
    // Stands in for any table of the programme that names who recorded a row.
    await f.current.database.db.execute(sql`create table test_user_refs (user_id uuid not null references users(id))`);
    await f.current.database.db.execute(sql`insert into test_user_refs values (${user.id})`);
    expectProblem(await f.current.as('admin', { method: 'DELETE', url: `${url}/${user.id}` }), 409, 'conflict');
    expect((await f.current.as('admin', { method: 'GET', url: `${url}/${user.id}` })).statusCode).toBe(200);
  });

  it('answers 400 for a bad id', async () => {
    expectProblem(await f.current.as('admin', { method: 'DELETE', url: `${url}/x` }), 400, 'validation_failed');
  });
});

describe('users: the last admin', () => {
  it('cannot be demoted, disabled or deleted (409); with a second admin it can', async () => {
    const adminId = f.current.users.admin.id;
    const read = await f.current.as('admin', { method: 'GET', url: `${url}/${adminId}` });
    const etag = read.headers.etag as string;
    expectProblem(await patch(adminId, etag, { role: 'staff' }), 409, 'conflict');
    expectProblem(await patch(adminId, etag, { disabled: true }), 409, 'conflict');
    expectProblem(await f.current.as('admin', { method: 'DELETE', url: `${url}/${adminId}` }), 409, 'conflict');
    const unchanged = await f.current.as('admin', { method: 'GET', url: `${url}/${adminId}` });
    expect(unchanged.json()).toEqual(read.json());

    // A disabled admin does not count as one.
    const { user: dormant, etag: dormantEtag } = await createUser({ role: 'admin' });
    expect((await patch(dormant.id, dormantEtag, { disabled: true })).statusCode).toBe(200);
    expectProblem(await patch(adminId, etag, { role: 'staff' }), 409, 'conflict');

    const { user: second } = await createUser({ role: 'admin', email: 'second-admin@test.example' });
    const demoted = await patch(adminId, etag, { role: 'staff' });
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json()).toMatchObject({ role: 'staff' });

    // Now the second admin is the last one, and the old admin may no longer manage users.
    expectProblem(await f.current.as('admin', { method: 'GET', url }), 403, 'forbidden');
    const s = await sessionOf('second-admin@test.example');
    const self = await f.current.app.inject({ method: 'GET', url: `${url}/${second.id}`, headers: s });
    expectProblem(
      await f.current.app.inject({
        method: 'PATCH',
        url: `${url}/${second.id}`,
        headers: { ...s, 'if-match': self.headers.etag as string },
        payload: { role: 'analyst' },
      }),
      409,
      'conflict',
    );
    const restore = await f.current.app.inject({
      method: 'PATCH',
      url: `${url}/${adminId}`,
      headers: { ...s, 'if-match': demoted.headers.etag as string },
      payload: { role: 'admin' },
    });
    expect(restore.statusCode).toBe(200);
  });

  it('two admins demoting each other at once leave one admin', async () => {
    const extra = (await allUsers()).filter(
      (u) => u.role === 'admin' && !u.disabled && u.id !== f.current.users.admin.id,
    );
    for (const u of extra) expect((await patch(u.id, `"v${u.version}"`, { disabled: true })).statusCode).toBe(200);
    const { user: other } = await createUser({ role: 'admin', email: 'rival-admin@test.example' });
    const s = await sessionOf('rival-admin@test.example');
    const mine = await f.current.as('admin', { method: 'GET', url: `${url}/${f.current.users.admin.id}` });
    const theirs = await f.current.as('admin', { method: 'GET', url: `${url}/${other.id}` });
    const [a, b] = await Promise.all([
      patch(other.id, theirs.headers.etag as string, { role: 'staff' }),
      f.current.app.inject({
        method: 'PATCH',
        url: `${url}/${f.current.users.admin.id}`,
        headers: { ...s, 'if-match': mine.headers.etag as string },
        payload: { role: 'staff' },
      }),
    ]);
    const statuses = [a.statusCode, b.statusCode];
    expect(statuses.filter((code) => code === 200)).toHaveLength(1);
    // The loser is refused as the last admin, or, demoted already, is no admin any more.
    expect(statuses.filter((code) => code === 409 || code === 403)).toHaveLength(1);
    const admins = (await f.current.database.db.select().from(users)).filter((u) => u.role === 'admin' && !u.disabled);
    expect(admins).toHaveLength(1);
    if (admins[0]?.id !== f.current.users.admin.id) {
      const read = await f.current.app.inject({ method: 'GET', url: `${url}/${f.current.users.admin.id}`, headers: s });
      const back = await f.current.app.inject({
        method: 'PATCH',
        url: `${url}/${f.current.users.admin.id}`,
        headers: { ...s, 'if-match': read.headers.etag as string },
        payload: { role: 'admin' },
      });
      expect(back.statusCode).toBe(200);
    }
  });
});

describe('users: last sign-in', () => {
  it('is null until the user signs in, then the time of the last successful sign-in', async () => {
    const { user, etag } = await createUser();
    expect(user.lastSignInAt).toBeNull();
    const before = Date.now();
    expect((await signIn(user.email, PASSWORD)).statusCode).toBe(200);
    const after = Date.now();
    // A failed attempt is no sign-in.
    expect((await signIn(user.email, 'not-the-password')).statusCode).toBe(401);

    const one = (await f.current.as('admin', { method: 'GET', url: `${url}/${user.id}` })).json() as UserBody;
    const at = Date.parse(one.lastSignInAt ?? '');
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(after + 1000);
    expect((await allUsers()).find((u) => u.id === user.id)?.lastSignInAt).toBe(one.lastSignInAt);
    // An edit answers the user with it too, and does not move it.
    const edited = await patch(user.id, etag, { displayName: '名前を変更' });
    expect(edited.json().lastSignInAt).toBe(one.lastSignInAt);
    // Nobody else's sign-in counts for this user.
    const other = (await allUsers()).find((u) => u.email === 'analyst@test.example');
    expect(other?.lastSignInAt ?? null).not.toBe(one.lastSignInAt);
  });
});

describe('users: a partner belongs to a partner organisation', () => {
  it('refuses a partner in a city department (422 on organisationId) and creates nothing', async () => {
    const before = await allUsers();
    const res = await f.current.as('admin', {
      method: 'POST',
      url,
      payload: {
        email: 'partner-in-city@test.example',
        displayName: '誤り',
        role: 'partner',
        organisationId: f.current.orgs.city,
        password: PASSWORD,
      },
    });
    const body = expectProblem(res, 422, 'partner_organisation_required');
    expect(body.errors?.map((e) => e.path)).toEqual(['body.organisationId']);
    expect(res.body).not.toContain(PASSWORD);
    expect(await allUsers()).toEqual(before);
    expectProblem(await signIn('partner-in-city@test.example', PASSWORD), 401, 'invalid_credentials');
  });

  it('accepts a partner in a partner organisation and any other role in a city department', async () => {
    const { user } = await createUser({ role: 'partner', organisationId: f.current.orgs.otherPartner });
    expect(user).toMatchObject({ role: 'partner', organisationId: f.current.orgs.otherPartner });
    const { user: analyst } = await createUser({ role: 'analyst', organisationId: f.current.orgs.city });
    expect(analyst.role).toBe('analyst');
  });

  it('refuses an edit that would leave a partner in a city department, and changes nothing', async () => {
    const { user: staff, etag: staffEtag } = await createUser();
    expectProblem(await patch(staff.id, staffEtag, { role: 'partner' }), 422, 'partner_organisation_required');
    const { user: partner, etag: partnerEtag } = await createUser({
      role: 'partner',
      organisationId: f.current.orgs.partner,
    });
    const moved = await patch(partner.id, partnerEtag, { organisationId: f.current.orgs.city });
    expect(expectProblem(moved, 422, 'partner_organisation_required').errors?.[0]?.path).toBe('body.organisationId');
    for (const u of [staff, partner]) {
      expect((await f.current.as('admin', { method: 'GET', url: `${url}/${u.id}` })).json()).toEqual(u);
    }
    // Role and organisation changed together, the right way round, pass.
    const ok = await patch(partner.id, partnerEtag, { role: 'staff', organisationId: f.current.orgs.city });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ role: 'staff', organisationId: f.current.orgs.city });
  });

  it('does not block a password reset of an older account that breaks the rule', async () => {
    const { user, etag } = await createUser();
    // An account from before the rule: written behind the API's back.
    await f.current.database.db.update(users).set({ role: 'partner', version: 2 }).where(eq(users.id, user.id));
    expect(etag).toBe('"v1"');
    const res = await patch(user.id, '"v2"', { password: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect((await signIn(user.email, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('only an admin gets as far as the rule', async () => {
    for (const role of ['staff', 'partner', 'analyst'] as const) {
      expectProblem(
        await f.current.as(role, {
          method: 'POST',
          url,
          payload: {
            email: 'rule-by-non-admin@test.example',
            displayName: 'x',
            role: 'partner',
            organisationId: f.current.orgs.city,
            password: PASSWORD,
          },
        }),
        403,
        'forbidden',
      );
    }
    expect((await allUsers()).some((u) => u.email === 'rule-by-non-admin@test.example')).toBe(false);
  });
});

describe('users: access', () => {
  it('only admins may read or change users', async () => {
    const target = f.current.users.analyst.id;
    for (const role of ['staff', 'partner', 'analyst'] as const) {
      expectProblem(await f.current.as(role, { method: 'GET', url }), 403, 'forbidden');
      expectProblem(await f.current.as(role, { method: 'GET', url: `${url}/${target}` }), 403, 'forbidden');
      expectProblem(
        await f.current.as(role, {
          method: 'POST',
          url,
          payload: {
            email: `by-${role}@test.example`,
            displayName: 'x',
            role: 'admin',
            organisationId: f.current.orgs.city,
            password: PASSWORD,
          },
        }),
        403,
        'forbidden',
      );
      expectProblem(
        await f.current.as(role, {
          method: 'PATCH',
          url: `${url}/${target}`,
          headers: { 'if-match': '"v1"' },
          payload: { role: 'admin' },
        }),
        403,
        'forbidden',
      );
      expectProblem(await f.current.as(role, { method: 'DELETE', url: `${url}/${target}` }), 403, 'forbidden');
    }
    for (const role of ['staff', 'partner', 'analyst'] as const) {
      const key = await f.current.apiKey(role);
      expectProblem(await f.current.app.inject({ method: 'GET', url, headers: key }), 403, 'forbidden');
    }
    expectProblem(await f.current.app.inject({ method: 'GET', url }), 401, 'unauthenticated');
    expectProblem(await f.current.app.inject({ method: 'DELETE', url: `${url}/${target}` }), 401, 'unauthenticated');
    const analyst = await f.current.as('admin', { method: 'GET', url: `${url}/${target}` });
    expect(analyst.json()).toMatchObject({ role: 'analyst', disabled: false });
    expect((await allUsers()).some((u) => u.email.startsWith('by-'))).toBe(false);
  });
});
