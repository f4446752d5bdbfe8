import { desc, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/index.ts';
import { expectProblem, PASSWORD, useFixture } from './helper.ts';

const f = useFixture();

const url = '/api/v1/audit-log';

interface Entry {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

async function entries(query: string): Promise<Entry[]> {
  const res = await f.current.as('admin', { method: 'GET', url: `${url}?limit=500&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

/** The one entry the response's request wrote, with the actor and entity expected. */
async function expectAudited(
  res: LightMyRequestResponse,
  expected: { action: string; entityType: string; entityId: string; actorId?: string; actorLabel?: string },
) {
  const requestId = res.headers['x-request-id'] as string;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const found = (await entries(`entityType=${expected.entityType}&entityId=${expected.entityId}`)).filter(
    (e) => e.requestId === requestId,
  );
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({
    actorType: 'user',
    actorId: expected.actorId ?? f.current.users.admin.id,
    actorLabel: expected.actorLabel ?? 'admin テスト',
    action: expected.action,
    entityType: expected.entityType,
    entityId: expected.entityId,
  });
  expect(Date.now() - new Date(found[0]?.at as string).getTime()).toBeLessThan(60_000);
  return found[0] as Entry;
}

describe('every change is audited with actor, action, entity and request id', () => {
  it('organisations: create, update, delete', async () => {
    const created = await f.current.as('admin', {
      method: 'POST',
      url: '/api/v1/organisations',
      payload: { name: '監査 団体', kind: 'partner' },
    });
    const id = created.json().id as string;
    await expectAudited(created, { action: 'create', entityType: 'organisation', entityId: id });
    const updated = await f.current.as('admin', {
      method: 'PATCH',
      url: `/api/v1/organisations/${id}`,
      headers: { 'if-match': created.headers.etag as string },
      payload: { kind: 'school' },
    });
    const u = await expectAudited(updated, { action: 'update', entityType: 'organisation', entityId: id });
    expect(u.details).toEqual({ fields: ['kind'] });
    const deleted = await f.current.as('admin', { method: 'DELETE', url: `/api/v1/organisations/${id}` });
    await expectAudited(deleted, { action: 'delete', entityType: 'organisation', entityId: id });
  });

  it('users: create, update, delete, never with the password', async () => {
    const created = await f.current.as('admin', {
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: 'audited@test.example',
        displayName: '監査対象',
        role: 'analyst',
        organisationId: f.current.orgs.city,
        password: 'secret-secret-secret',
      },
    });
    const id = created.json().id as string;
    const c = await expectAudited(created, { action: 'create', entityType: 'user', entityId: id });
    expect(c.details).toEqual({ role: 'analyst', organisationId: f.current.orgs.city });
    const updated = await f.current.as('admin', {
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { 'if-match': created.headers.etag as string },
      payload: { password: 'another-secret-secret', disabled: true },
    });
    const u = await expectAudited(updated, { action: 'update', entityType: 'user', entityId: id });
    expect(u.details).toEqual({ fields: ['password', 'disabled'] });
    const deleted = await f.current.as('admin', { method: 'DELETE', url: `/api/v1/users/${id}` });
    await expectAudited(deleted, { action: 'delete', entityType: 'user', entityId: id });
    const all = JSON.stringify(await entries(`entityId=${id}`));
    expect(all).not.toContain('secret-secret');
    expect(all).not.toContain('argon2');
  });

  it('API keys: create and revoke, never with the secret', async () => {
    const created = await f.current.as('admin', {
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: '監査キー', role: 'partner', organisationId: f.current.orgs.partner },
    });
    const id = created.json().id as string;
    const c = await expectAudited(created, { action: 'create', entityType: 'api_key', entityId: id });
    expect(c.details).toEqual({ name: '監査キー', role: 'partner', organisationId: f.current.orgs.partner });
    const revoked = await f.current.as('admin', { method: 'POST', url: `/api/v1/api-keys/${id}/revoke` });
    await expectAudited(revoked, { action: 'revoke', entityType: 'api_key', entityId: id });
    const secret = created.json().secret as string;
    expect(JSON.stringify(await entries(''))).not.toContain(secret.slice(12));
  });

  it('sign-in and sign-out', async () => {
    const signIn = await f.current.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'staff@test.example', password: PASSWORD },
    });
    const staff = f.current.users.staff.id;
    const who = { entityType: 'user', entityId: staff, actorId: staff, actorLabel: 'staff テスト' };
    await expectAudited(signIn, { action: 'sign_in', ...who });
    const headers = {
      cookie: `tsunagari_session=${signIn.cookies[0]?.value}`,
      'x-csrf-token': signIn.json().csrfToken,
    };
    const out = await f.current.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers });
    expect(out.statusCode).toBe(204);
    await expectAudited(out, { action: 'sign_out', ...who });
  });

  it('a refused change writes nothing', async () => {
    const before = await entries('');
    const refused = await f.current.as('admin', {
      method: 'POST',
      url: '/api/v1/organisations',
      payload: { name: 'テスト社会福祉協議会', kind: 'partner' },
    });
    expect(refused.statusCode).toBe(409);
    const stale = await f.current.as('admin', {
      method: 'PATCH',
      url: `/api/v1/organisations/${f.current.orgs.partner}`,
      headers: { 'if-match': '"v99"' },
      payload: { kind: 'school' },
    });
    expect(stale.statusCode).toBe(412);
    const after = await entries('');
    expect(after.length).toBe(before.length);
  });
});

describe('filters', () => {
  it('by actor, action, entity type and entity id', async () => {
    const org = await f.current.as('admin', {
      method: 'POST',
      url: '/api/v1/organisations',
      payload: { name: '絞り込み', kind: 'other' },
    });
    const id = org.json().id as string;
    const byEntity = await entries(`entityType=organisation&entityId=${id}`);
    expect(byEntity.map((e) => e.action)).toEqual(['create']);
    const byActor = await entries(`actorId=${f.current.users.admin.id}`);
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actorId === f.current.users.admin.id)).toBe(true);
    const byAction = await entries('action=create');
    expect(byAction.every((e) => e.action === 'create')).toBe(true);
    expect(byAction.map((e) => e.entityId)).toContain(id);
    const byType = await entries('entityType=api_key');
    expect(byType.every((e) => e.entityType === 'api_key')).toBe(true);
    expect(await entries(`actorId=${f.current.users.analyst.id}&action=delete`)).toEqual([]);
  });

  it('by Asia/Tokyo calendar day, both ends inclusive', async () => {
    const db = f.current.database.db;
    const base = { actorType: 'system' as const, action: 'tokyo_day', entityType: 'test' };
    await db.insert(auditLog).values([
      { ...base, entityId: 'before', at: new Date('2021-11-12T14:59:59.999Z') }, // 11-12 23:59:59.999 JST
      { ...base, entityId: 'first', at: new Date('2021-11-12T15:00:00.000Z') }, // 11-13 00:00 JST
      { ...base, entityId: 'last', at: new Date('2021-11-14T14:59:59.999Z') }, // 11-14 23:59:59.999 JST
      { ...base, entityId: 'after', at: new Date('2021-11-14T15:00:00.000Z') }, // 11-15 00:00 JST
    ]);
    const ids = async (q: string) => (await entries(`action=tokyo_day&${q}`)).map((e) => e.entityId);
    expect(await ids('from=2021-11-13&to=2021-11-14')).toEqual(['last', 'first']);
    expect(await ids('from=2021-11-13&to=2021-11-13')).toEqual(['first']);
    expect(await ids('from=2021-11-15')).toEqual(['after']);
    expect(await ids('to=2021-11-12')).toEqual(['before']);
    expect(await ids('')).toEqual(['after', 'last', 'first', 'before']);
  });

  it.each([
    ['from after to', 'from=2021-11-14&to=2021-11-13', 'querystring.to'],
    ['an impossible date', 'from=2021-02-30', 'querystring.from'],
    ['a date-time for a day', 'from=2021-11-13T00:00:00Z', 'querystring.from'],
    ['a bad actor id', 'actorId=admin', 'querystring.actorId'],
    ['an unknown parameter value type', 'limit=-1', 'querystring.limit'],
    ['a bad cursor', 'cursor=%%%', 'querystring.cursor'],
  ])('answers 400 for %s', async (_, query, path) => {
    const body = expectProblem(await f.current.as('admin', { method: 'GET', url: `${url}?${query}` }), 400);
    expect(body.code).toBe('validation_failed');
    expect(body.errors?.map((e) => e.path)).toContain(path);
  });
});

describe('pagination', () => {
  it('is newest first and exact, even between entries microseconds apart', async () => {
    const db = f.current.database.db;
    // Entries of one transaction share their time; others differ below the millisecond.
    await db.execute(sql`
      insert into audit_log (actor_type, action, entity_type, entity_id, at)
      select 'system', 'page_test', 'test', 'e' || n,
             timestamptz '2022-02-26 10:00:00.123400+09' + (n / 2) * interval '1 microsecond'
      from generate_series(0, 8) as n`);
    const all = await entries('action=page_test');
    expect(all).toHaveLength(9);
    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await f.current.as('admin', { method: 'GET', url: `${url}?action=page_test&limit=2${q}` });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(new Set(seen.map((e) => e.id)).size).toBe(9);
    const order = await db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(eq(auditLog.action, 'page_test'))
      .orderBy(desc(auditLog.at), desc(auditLog.id));
    expect(seen.map((e) => e.id)).toEqual(order.map((r) => r.id));
  });

  it('answers 400 to a forged cursor', async () => {
    const cursor = Buffer.from(JSON.stringify(['2021-13-01 00:00:00+09', crypto.randomUUID()])).toString('base64url');
    expectProblem(await f.current.as('admin', { method: 'GET', url: `${url}?cursor=${cursor}` }), 400);
  });
});

describe('access', () => {
  it('only admins read the audit log', async () => {
    for (const role of ['staff', 'partner', 'analyst'] as const) {
      expectProblem(await f.current.as(role, { method: 'GET', url }), 403, 'forbidden');
      const key = await f.current.apiKey(role);
      expectProblem(await f.current.app.inject({ method: 'GET', url, headers: key }), 403, 'forbidden');
    }
    expectProblem(await f.current.app.inject({ method: 'GET', url }), 401, 'unauthenticated');
  });
});
