import { describe, expect, it } from 'vitest';
import { apiKeys } from '../src/db/schema/index.ts';
import { expectProblem, useFixture } from './helper.ts';

const f = useFixture();

const url = '/api/v1/api-keys';

interface KeyBody {
  id: string;
  name: string;
  prefix: string;
  role: string;
  organisationId: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  secret?: string;
}

async function createKey(payload: Partial<{ name: string; role: string; organisationId: string }> = {}) {
  const res = await f.current.as('admin', {
    method: 'POST',
    url,
    payload: { name: '社協 記録用', role: 'partner', organisationId: f.current.orgs.partner, ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json() as KeyBody & { secret: string };
  return { key: body, auth: { authorization: `Bearer ${body.secret}` }, requestId: res.headers['x-request-id'] };
}

const revoke = (id: string) => f.current.as('admin', { method: 'POST', url: `${url}/${id}/revoke` });
const read = (id: string) => f.current.as('admin', { method: 'GET', url: `${url}/${id}` });

async function allKeys(query = '') {
  const res = await f.current.as('admin', { method: 'GET', url: `${url}?limit=500${query}` });
  expect(res.statusCode).toBe(200);
  return res.json().items as KeyBody[];
}

describe('API keys: create and use', () => {
  it('shows the whole secret once, and never again', async () => {
    const { key } = await createKey();
    expect(key).toMatchObject({
      name: '社協 記録用',
      role: 'partner',
      organisationId: f.current.orgs.partner,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(key.secret).toMatch(/^tsk_[A-Za-z0-9]+_[\w-]{40,}$/);
    expect(key.secret?.startsWith(`${key.prefix}_`)).toBe(true);

    const one = await read(key.id);
    expect(one.statusCode).toBe(200);
    const { secret: _, ...shown } = key;
    expect(one.json()).toEqual(shown);
    expect(one.body).not.toContain(key.secret);
    const list = await f.current.as('admin', { method: 'GET', url });
    expect(list.body).not.toContain(key.secret);
    expect(list.json().items.every((k: KeyBody) => !('secret' in k))).toBe(true);
  });

  it('does not store the secret in clear: no column of api_keys holds it', async () => {
    const { key } = await createKey();
    const secret = key.secret as string;
    const hidden = secret.slice(key.prefix.length + 1);
    const rows = await f.current.database.db.select().from(apiKeys);
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(hidden);
    expect(dump).not.toContain(hidden.slice(0, 16));
  });

  it('a partner key authenticates as its organisation and role', async () => {
    const { key, auth } = await createKey();
    const res = await f.current.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      kind: 'api_key',
      id: key.id,
      displayName: '社協 記録用',
      email: null,
      role: 'partner',
      organisationId: f.current.orgs.partner,
      organisationName: 'テスト社会福祉協議会',
      csrfToken: null,
    });
  });

  it('a partner key is refused (403) on users, API keys and the audit log', async () => {
    const { auth } = await createKey();
    for (const path of ['/api/v1/users', '/api/v1/audit-log', url]) {
      expectProblem(await f.current.app.inject({ method: 'GET', url: path, headers: auth }), 403, 'forbidden');
    }
    expectProblem(
      await f.current.app.inject({
        method: 'POST',
        url,
        headers: auth,
        payload: { name: 'self-made', role: 'staff', organisationId: f.current.orgs.partner },
      }),
      403,
      'forbidden',
    );
  });

  it('records the last use', async () => {
    const { key, auth } = await createKey();
    expect((await read(key.id)).json().lastUsedAt).toBeNull();
    const before = Date.now();
    expect((await f.current.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth })).statusCode).toBe(200);
    const lastUsedAt = (await read(key.id)).json().lastUsedAt as string;
    expect(lastUsedAt).not.toBeNull();
    expect(new Date(lastUsedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('makes keys for analysts and staff too, each in its organisation', async () => {
    const { auth: analyst } = await createKey({ name: '分析', role: 'analyst', organisationId: f.current.orgs.city });
    const { auth: staff } = await createKey({ name: '職員', role: 'staff', organisationId: f.current.orgs.city });
    const a = await f.current.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: analyst });
    const s = await f.current.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: staff });
    expect(a.json()).toMatchObject({ role: 'analyst', organisationId: f.current.orgs.city });
    expect(s.json()).toMatchObject({ role: 'staff', organisationId: f.current.orgs.city });
  });
});

describe('API keys: revoke', () => {
  it('a revoked key gets 401 and stays listed with revokedAt', async () => {
    const { key, auth } = await createKey();
    const res = await revoke(key.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().revokedAt).not.toBeNull();
    expect(res.body).not.toContain(key.secret);
    expectProblem(
      await f.current.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth }),
      401,
      'unauthenticated',
    );
    expect((await allKeys('&status=revoked')).map((k) => k.id)).toContain(key.id);
    expect((await allKeys('&status=active')).map((k) => k.id)).not.toContain(key.id);
  });

  it('revoking twice changes nothing and is audited once', async () => {
    const { key } = await createKey();
    const first = await revoke(key.id);
    const second = await revoke(key.id);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    const log = await f.current.as('admin', {
      method: 'GET',
      url: `/api/v1/audit-log?entityType=api_key&entityId=${key.id}&action=revoke`,
    });
    expect(log.json().items).toHaveLength(1);
    expect(log.json().items[0].requestId).toBe(first.headers['x-request-id']);
  });

  it('answers 404 for an unknown key and 400 for a bad id', async () => {
    expectProblem(await revoke('00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    expectProblem(await read('00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    expectProblem(await revoke('tsk_abc'), 400, 'validation_failed');
    expectProblem(await read('1'), 400, 'validation_failed');
  });
});

describe('API keys: list', () => {
  it('lists newest first and pages without gaps or repeats', async () => {
    for (let i = 0; i < 3; i++) await createKey({ name: `page ${i}` });
    const all = await allKeys();
    const times = all.map((k) => k.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await f.current.as('admin', { method: 'GET', url: `${url}?limit=2${q}` });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((k: KeyBody) => k.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((k) => k.id));
  });

  it('filters by organisation, role and status', async () => {
    await createKey({ name: 'other shop', organisationId: f.current.orgs.otherPartner });
    const shop = await allKeys(`&organisationId=${f.current.orgs.otherPartner}`);
    expect(shop.length).toBeGreaterThan(0);
    expect(shop.every((k) => k.organisationId === f.current.orgs.otherPartner)).toBe(true);
    const analysts = await allKeys('&role=analyst');
    expect(analysts.every((k) => k.role === 'analyst')).toBe(true);
    expect(analysts.length).toBeGreaterThan(0);
    expect((await allKeys('&status=active')).every((k) => k.revokedAt === null)).toBe(true);
  });

  it.each(['status=gone', 'role=admin', 'organisationId=shop', 'limit=0', 'cursor=abc'])(
    'answers 400 for the query %s',
    async (query) => {
      expectProblem(await f.current.as('admin', { method: 'GET', url: `${url}?${query}` }), 400, 'validation_failed');
    },
  );

  it('answers 400 to a forged cursor rather than failing in the database', async () => {
    for (const values of [
      ['2021-02-30 10:00:00+09', '00000000-0000-4000-8000-000000000000'],
      ['yesterday', '00000000-0000-4000-8000-000000000000'],
      ['2021-02-01 10:00:00+09', 'not-a-uuid'],
    ]) {
      const cursor = Buffer.from(JSON.stringify(values)).toString('base64url');
      expectProblem(
        await f.current.as('admin', { method: 'GET', url: `${url}?cursor=${cursor}` }),
        400,
        'validation_failed',
      );
    }
  });
});

describe('API keys: bad input creates nothing', () => {
  it.each([
    ['an admin key', { name: 'x', role: 'admin', organisationId: 'ORG' }, 'body.role'],
    ['an unknown field', { name: 'x', role: 'partner', organisationId: 'ORG', secret: 'mine' }, 'body'],
    ['a missing name', { role: 'partner', organisationId: 'ORG' }, 'body.name'],
    ['an empty name', { name: ' ', role: 'partner', organisationId: 'ORG' }, 'body.name'],
    ['a name too long', { name: 'x'.repeat(101), role: 'partner', organisationId: 'ORG' }, 'body.name'],
    ['a wrong type', { name: 'x', role: 'partner', organisationId: 7 }, 'body.organisationId'],
  ])('refuses %s with 400', async (_, payload, path) => {
    const before = await allKeys();
    const body = {
      ...payload,
      ...(payload.organisationId === 'ORG' ? { organisationId: f.current.orgs.partner } : {}),
    };
    const res = await f.current.as('admin', { method: 'POST', url, payload: body });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors?.map((e) => e.path)).toContain(path);
    expect(await allKeys()).toEqual(before);
  });

  it('refuses an organisation that does not exist with 422', async () => {
    const before = await allKeys();
    const res = await f.current.as('admin', {
      method: 'POST',
      url,
      payload: { name: 'x', role: 'partner', organisationId: '00000000-0000-4000-8000-000000000000' },
    });
    const problem = expectProblem(res, 422, 'unknown_organisation');
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.organisationId']);
    expect(res.body).not.toContain('tsk_');
    expect(await allKeys()).toEqual(before);
  });

  it('refuses a partner key for a city department with 422, and gives out no secret', async () => {
    const before = await allKeys();
    const res = await f.current.as('admin', {
      method: 'POST',
      url,
      payload: { name: '誤り', role: 'partner', organisationId: f.current.orgs.city },
    });
    const problem = expectProblem(res, 422, 'partner_organisation_required');
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.organisationId']);
    expect(res.body).not.toContain('tsk_');
    expect(await allKeys()).toEqual(before);
    // An analyst or staff key for the city is fine.
    const { key } = await createKey({ name: '分析', role: 'analyst', organisationId: f.current.orgs.city });
    expect(key).toMatchObject({ role: 'analyst', organisationId: f.current.orgs.city });
  });

  it('refuses malformed JSON (400), a wrong content type (415) and an oversized body (413)', async () => {
    const before = await allKeys();
    const send = (payload: string, type = 'application/json') =>
      f.current.as('admin', { method: 'POST', url, headers: { 'content-type': type }, payload });
    expectProblem(await send('{"name":"x"'), 400, 'malformed_json');
    expectProblem(await send('name=x', 'text/plain'), 415, 'unsupported_media_type');
    expectProblem(await send(JSON.stringify({ name: 'x'.repeat(300_000) })), 413, 'payload_too_large');
    expect(await allKeys()).toEqual(before);
  });
});

describe('API keys: access', () => {
  it('only admins manage keys', async () => {
    const { key } = await createKey();
    for (const role of ['staff', 'partner', 'analyst'] as const) {
      expectProblem(await f.current.as(role, { method: 'GET', url }), 403, 'forbidden');
      expectProblem(await f.current.as(role, { method: 'GET', url: `${url}/${key.id}` }), 403, 'forbidden');
      expectProblem(
        await f.current.as(role, {
          method: 'POST',
          url,
          payload: { name: 'x', role: 'partner', organisationId: f.current.orgs.partner },
        }),
        403,
        'forbidden',
      );
      expectProblem(await f.current.as(role, { method: 'POST', url: `${url}/${key.id}/revoke` }), 403, 'forbidden');
    }
    expectProblem(await f.current.app.inject({ method: 'GET', url }), 401, 'unauthenticated');
    expectProblem(
      await f.current.app.inject({ method: 'POST', url: `${url}/${key.id}/revoke` }),
      401,
      'unauthenticated',
    );
    expect((await read(key.id)).json().revokedAt).toBeNull();
  });
});
