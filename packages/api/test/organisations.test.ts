import { describe, expect, it } from 'vitest';
import { expectProblem, useFixture } from './helper.ts';

const f = useFixture();

const url = '/api/v1/organisations';

async function allOrganisations() {
  const res = await f.current.as('admin', { method: 'GET', url: `${url}?limit=500` });
  expect(res.statusCode).toBe(200);
  return res.json().items as { id: string; name: string; kind: string; version: number }[];
}

async function create(name: string, kind = 'partner') {
  const res = await f.current.as('admin', { method: 'POST', url, payload: { name, kind } });
  expect(res.statusCode).toBe(201);
  return { body: res.json(), etag: res.headers.etag as string };
}

describe('organisations: happy path', () => {
  it('creates, reads, lists, updates and deletes', async () => {
    const created = await f.current.as('admin', {
      method: 'POST',
      url,
      payload: { name: '  小樽公共職業安定所マザーズコーナー  ', kind: 'partner' },
    });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org).toMatchObject({ name: '小樽公共職業安定所マザーズコーナー', kind: 'partner', version: 1 });
    expect(org.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.etag).toBe('"v1"');

    const read = await f.current.as('staff', { method: 'GET', url: `${url}/${org.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(org);
    expect(read.headers.etag).toBe('"v1"');

    const list = await f.current.as('analyst', { method: 'GET', url: `${url}?kind=partner` });
    expect(list.statusCode).toBe(200);
    const names = list.json().items.map((o: { name: string }) => o.name);
    expect(names).toContain('小樽公共職業安定所マザーズコーナー');
    expect(list.json().items.every((o: { kind: string }) => o.kind === 'partner')).toBe(true);

    const updated = await f.current.as('admin', {
      method: 'PATCH',
      url: `${url}/${org.id}`,
      headers: { 'if-match': read.headers.etag as string },
      payload: { name: 'ハローワーク小樽 マザーズコーナー' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ id: org.id, name: 'ハローワーク小樽 マザーズコーナー', version: 2 });
    expect(updated.headers.etag).toBe('"v2"');

    const deleted = await f.current.as('admin', { method: 'DELETE', url: `${url}/${org.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expectProblem(await f.current.as('admin', { method: 'GET', url: `${url}/${org.id}` }), 404, 'not_found');
    expectProblem(await f.current.as('admin', { method: 'DELETE', url: `${url}/${org.id}` }), 404, 'not_found');
  });

  it('pages through the list by name without gaps or repeats', async () => {
    for (const n of ['ページ A', 'ページ B', 'ページ C', 'ページ D', 'ページ E']) await create(n);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await f.current.as('admin', { method: 'GET', url: `${url}?limit=2${q}` });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((o: { name: string }) => o.name));
      cursor = body.nextCursor;
    } while (cursor);
    const all = (await allOrganisations()).map((o) => o.name);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
  });
});

describe('organisations: concurrency and conflicts', () => {
  it('refuses an update without If-Match (428) and a stale one (412), changing nothing', async () => {
    const { body: org, etag } = await create('ETag 確認');
    const missing = await f.current.as('admin', { method: 'PATCH', url: `${url}/${org.id}`, payload: { name: 'x' } });
    expectProblem(missing, 428, 'precondition_required');

    const first = await f.current.as('admin', {
      method: 'PATCH',
      url: `${url}/${org.id}`,
      headers: { 'if-match': etag },
      payload: { name: 'ETag 確認 1' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await f.current.as('admin', {
      method: 'PATCH',
      url: `${url}/${org.id}`,
      headers: { 'if-match': etag },
      payload: { name: 'ETag 確認 2' },
    });
    expectProblem(stale, 412, 'precondition_failed');
    const garbage = await f.current.as('admin', {
      method: 'PATCH',
      url: `${url}/${org.id}`,
      headers: { 'if-match': 'whatever' },
      payload: { name: 'ETag 確認 3' },
    });
    expectProblem(garbage, 412, 'precondition_failed');

    const now = await f.current.as('admin', { method: 'GET', url: `${url}/${org.id}` });
    expect(now.json()).toMatchObject({ name: 'ETag 確認 1', version: 2 });
  });

  it('answers 404 for an update of an unknown organisation', async () => {
    const res = await f.current.as('admin', {
      method: 'PATCH',
      url: `${url}/00000000-0000-4000-8000-000000000000`,
      headers: { 'if-match': '"v1"' },
      payload: { name: 'nobody' },
    });
    expectProblem(res, 404, 'not_found');
  });

  it('refuses a duplicate name with 409 on create and on update', async () => {
    await create('重複テスト');
    const dup = await f.current.as('admin', { method: 'POST', url, payload: { name: '重複テスト', kind: 'school' } });
    const body = expectProblem(dup, 409, 'conflict');
    expect(body.errors).toEqual([{ path: 'body.name', message: 'already taken' }]);

    const { body: other, etag } = await create('重複テスト 2');
    const rename = await f.current.as('admin', {
      method: 'PATCH',
      url: `${url}/${other.id}`,
      headers: { 'if-match': etag },
      payload: { name: '重複テスト' },
    });
    expectProblem(rename, 409, 'conflict');
    const still = await f.current.as('admin', { method: 'GET', url: `${url}/${other.id}` });
    expect(still.json()).toMatchObject({ name: '重複テスト 2', version: 1 });
  });

  it('refuses to delete an organisation that still has users (409)', async () => {
    const res = await f.current.as('admin', { method: 'DELETE', url: `${url}/${f.current.orgs.city}` });
    expectProblem(res, 409, 'conflict');
    expect((await f.current.as('admin', { method: 'GET', url: `${url}/${f.current.orgs.city}` })).statusCode).toBe(200);
  });
});

describe('organisations: bad input changes nothing', () => {
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    f.current.as('admin', {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  it.each([
    ['an unknown field', { name: 'X', kind: 'partner', colour: 'red' }, 'body'],
    ['a missing field', { name: 'X' }, 'body.kind'],
    ['a wrong type', { name: 42, kind: 'partner' }, 'body.name'],
    ['an unknown kind', { name: 'X', kind: 'club' }, 'body.kind'],
    ['an empty name', { name: '   ', kind: 'partner' }, 'body.name'],
    ['a name too long', { name: 'あ'.repeat(201), kind: 'partner' }, 'body.name'],
    ['an array body', [{ name: 'X', kind: 'partner' }], 'body'],
  ])('refuses %s with 400 validation_failed', async (_, payload, path) => {
    const before = await allOrganisations();
    const body = expectProblem(await post(payload), 400, 'validation_failed');
    expect(body.errors?.some((e) => e.path === path)).toBe(true);
    expect(await allOrganisations()).toEqual(before);
  });

  it('refuses malformed JSON with 400 malformed_json', async () => {
    const before = await allOrganisations();
    expectProblem(await post('{"name": "X", "kind": '), 400, 'malformed_json');
    expect(await allOrganisations()).toEqual(before);
  });

  it('refuses a body over 256 KB with 413', async () => {
    const before = await allOrganisations();
    expectProblem(await post({ name: 'x'.repeat(300 * 1024), kind: 'partner' }), 413, 'payload_too_large');
    expect(await allOrganisations()).toEqual(before);
  });

  it.each([
    ['text/plain', 'name=X'],
    ['application/xml', '<organisation name="X"/>'],
    ['application/x-www-form-urlencoded', 'name=X&kind=partner'],
  ])('refuses %s with 415', async (type, payload) => {
    const before = await allOrganisations();
    expectProblem(await post(payload, { 'content-type': type }), 415, 'unsupported_media_type');
    expect(await allOrganisations()).toEqual(before);
  });

  it('answers 400 for an id that is not a UUID, on every method', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await f.current.as('admin', {
        method,
        url: `${url}/not-a-uuid`,
        headers: { 'if-match': '"v1"' },
        ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
      });
      const body = expectProblem(res, 400, 'validation_failed');
      expect(body.errors?.[0]?.path).toBe('params.id');
    }
  });

  it.each([
    ['limit=0', 'querystring.limit'],
    ['limit=501', 'querystring.limit'],
    ['limit=ten', 'querystring.limit'],
    ['kind=club', 'querystring.kind'],
    ['cursor=not-a-cursor', 'querystring.cursor'],
  ])('answers 400 for the query %s', async (query, path) => {
    const body = expectProblem(await f.current.as('staff', { method: 'GET', url: `${url}?${query}` }), 400);
    expect(body.errors?.[0]?.path).toBe(path);
  });
});

describe('organisations: access', () => {
  it('lets every signed-in role read, and only admins write', async () => {
    const { body: org, etag } = await create('アクセス確認');
    for (const role of ['staff', 'partner', 'analyst'] as const) {
      expect((await f.current.as(role, { method: 'GET', url })).statusCode).toBe(200);
      expect((await f.current.as(role, { method: 'GET', url: `${url}/${org.id}` })).statusCode).toBe(200);
      expectProblem(
        await f.current.as(role, { method: 'POST', url, payload: { name: `by ${role}`, kind: 'other' } }),
        403,
        'forbidden',
      );
      expectProblem(
        await f.current.as(role, {
          method: 'PATCH',
          url: `${url}/${org.id}`,
          headers: { 'if-match': etag },
          payload: { name: 'taken over' },
        }),
        403,
        'forbidden',
      );
      expectProblem(await f.current.as(role, { method: 'DELETE', url: `${url}/${org.id}` }), 403, 'forbidden');
    }
    const key = await f.current.apiKey('staff');
    expectProblem(
      await f.current.app.inject({ method: 'POST', url, headers: key, payload: { name: 'by key', kind: 'other' } }),
      403,
      'forbidden',
    );
    const now = await f.current.as('admin', { method: 'GET', url: `${url}/${org.id}` });
    expect(now.json()).toMatchObject({ name: 'アクセス確認', version: 1 });
  });

  it('answers 401 to anonymous callers, reads and writes alike', async () => {
    const { body: org } = await create('匿名確認');
    for (const [method, path] of [
      ['GET', url],
      ['GET', `${url}/${org.id}`],
      ['POST', url],
      ['PATCH', `${url}/${org.id}`],
      ['DELETE', `${url}/${org.id}`],
    ] as const) {
      expectProblem(
        await f.current.app.inject({ method, url: path, payload: { name: 'anon', kind: 'other' } }),
        401,
        'unauthenticated',
      );
    }
    expect((await f.current.as('admin', { method: 'GET', url: `${url}/${org.id}` })).statusCode).toBe(200);
  });
});
