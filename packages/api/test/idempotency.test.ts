import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expectProblem, useFixture } from './helper.ts';
import { countRows, createItem, createPoint, expectBalancesMatchLedger, levelOf, receive } from './stock-fixture.ts';

const f = useFixture();
const url = '/api/v1/distributions';

async function stocked(level: number) {
  const point = await createPoint(f.current);
  const item = await createItem(f.current);
  if (level > 0) await receive(f.current, point.id, item.id, level);
  return { point, item };
}

describe('Idempotency-Key', () => {
  it('answers a retried POST with the first answer and writes once', async () => {
    const { point, item } = await stocked(10);
    const key = randomUUID();
    const payload = { pointId: point.id, itemId: item.id, requestMethod: 'flyer' };
    const before = await countRows(f.current.database, 'stock_movements');
    const first = await f.current.as('partner', { method: 'POST', url, payload, headers: { 'idempotency-key': key } });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await f.current.as('partner', { method: 'POST', url, payload, headers: { 'idempotency-key': key } });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(first.body);
    expect(await countRows(f.current.database, 'stock_movements')).toBe(before + 1);
    expect(await levelOf(f.current, point.id, item.id)).toBe(9);

    // Key order and defaults spelled out do not make another request.
    const reordered = await f.current.as('partner', {
      method: 'POST',
      url,
      payload: { requestMethod: 'flyer', sets: 1, itemId: item.id, cardEnclosed: true, pointId: point.id },
      headers: { 'idempotency-key': key },
    });
    expect(reordered.statusCode).toBe(201);
    expect(reordered.headers['idempotent-replayed']).toBe('true');
    expect(await levelOf(f.current, point.id, item.id)).toBe(9);
  });

  it('refuses the same key with another body or on another route (422) and writes nothing', async () => {
    const { point, item } = await stocked(10);
    const key = randomUUID();
    await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { pointId: point.id, itemId: item.id, requestMethod: 'none' },
      headers: { 'idempotency-key': key },
    });
    const before = await countRows(f.current.database, 'stock_movements');
    const other = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { pointId: point.id, itemId: item.id, requestMethod: 'none', sets: 2 },
      headers: { 'idempotency-key': key },
    });
    expectProblem(other, 422, 'idempotency_key_reused');
    const elsewhere = await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/stock-movements',
      payload: { kind: 'receipt', pointId: point.id, itemId: item.id, quantity: 1, source: 'purchase' },
      headers: { 'idempotency-key': key },
    });
    expectProblem(elsewhere, 422, 'idempotency_key_reused');
    expect(await countRows(f.current.database, 'stock_movements')).toBe(before);
    expect(await levelOf(f.current, point.id, item.id)).toBe(9);
  });

  it('keeps the keys of different callers apart', async () => {
    const { point, item } = await stocked(10);
    const key = randomUUID();
    const payload = { pointId: point.id, itemId: item.id, requestMethod: 'none' };
    const a = await f.current.as('staff', { method: 'POST', url, payload, headers: { 'idempotency-key': key } });
    const b = await f.current.as('admin', { method: 'POST', url, payload, headers: { 'idempotency-key': key } });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.json().id).not.toBe(a.json().id);
    expect(await levelOf(f.current, point.id, item.id)).toBe(8);
  });

  it('lets concurrent duplicates write once, all getting the same answer', async () => {
    const { point, item } = await stocked(10);
    const key = randomUUID();
    const auth = await f.current.apiKey('partner');
    const payload = { pointId: point.id, itemId: item.id, requestMethod: 'phone_screen' };
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        f.current.app.inject({ method: 'POST', url, payload, headers: { ...auth, 'idempotency-key': key } }),
      ),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    expect(new Set(answers.map((r) => r.json().id)).size).toBe(1);
    expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(11);
    expect(await levelOf(f.current, point.id, item.id)).toBe(9);
  });

  it('keeps no refused answer: a retry after the stock arrived succeeds', async () => {
    const { point, item } = await stocked(0);
    const key = randomUUID();
    const payload = { pointId: point.id, itemId: item.id, requestMethod: 'none' };
    const refused = await f.current.as('staff', { method: 'POST', url, payload, headers: { 'idempotency-key': key } });
    expectProblem(refused, 409, 'out_of_stock');
    await receive(f.current, point.id, item.id, 1);
    const retry = await f.current.as('staff', { method: 'POST', url, payload, headers: { 'idempotency-key': key } });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await levelOf(f.current, point.id, item.id)).toBe(0);
  });

  it('forgets a key after 24 hours', async () => {
    const { point, item } = await stocked(5);
    const key = randomUUID();
    const payload = { pointId: point.id, itemId: item.id, requestMethod: 'none' };
    await f.current.as('staff', { method: 'POST', url, payload, headers: { 'idempotency-key': key } });
    await f.current.database.db.execute(
      sql`update idempotency_keys set created_at = now() - interval '25 hours' where key = ${key}`,
    );
    const later = await f.current.as('staff', { method: 'POST', url, payload, headers: { 'idempotency-key': key } });
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(await levelOf(f.current, point.id, item.id)).toBe(3);
  });

  it('replays stock movements and undo too', async () => {
    const { point, item } = await stocked(5);
    const key = randomUUID();
    const payload = { kind: 'receipt', pointId: point.id, itemId: item.id, quantity: 4, source: 'donation' };
    const movements = '/api/v1/stock-movements';
    const a = await f.current.as('staff', {
      method: 'POST',
      url: movements,
      payload,
      headers: { 'idempotency-key': key },
    });
    const b = await f.current.as('staff', {
      method: 'POST',
      url: movements,
      payload,
      headers: { 'idempotency-key': key },
    });
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.body).toBe(a.body);
    expect(await levelOf(f.current, point.id, item.id)).toBe(9);

    const handout = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { pointId: point.id, itemId: item.id, requestMethod: 'none' },
    });
    const undoKey = randomUUID();
    const undo = `${url}/${handout.json().id}/undo`;
    const u1 = await f.current.as('staff', { method: 'POST', url: undo, headers: { 'idempotency-key': undoKey } });
    const u2 = await f.current.as('staff', { method: 'POST', url: undo, headers: { 'idempotency-key': undoKey } });
    expect([u1.statusCode, u2.statusCode]).toEqual([200, 200]);
    expect(u2.headers['idempotent-replayed']).toBe('true');
    expect(await levelOf(f.current, point.id, item.id)).toBe(9);
  });

  it('refuses a malformed key with 400', async () => {
    const { point, item } = await stocked(5);
    const payload = { pointId: point.id, itemId: item.id, requestMethod: 'none' };
    for (const key of ['x'.repeat(256), 'with space']) {
      const res = await f.current.as('staff', { method: 'POST', url, payload, headers: { 'idempotency-key': key } });
      expect(expectProblem(res, 400, 'validation_failed').errors?.[0]?.path).toBe('headers.idempotency-key');
    }
    expect(await levelOf(f.current, point.id, item.id)).toBe(5);
  });

  it('writes twice without a key, and documents the header in OpenAPI', async () => {
    const { point, item } = await stocked(5);
    const payload = { pointId: point.id, itemId: item.id, requestMethod: 'none' };
    await f.current.as('staff', { method: 'POST', url, payload });
    await f.current.as('staff', { method: 'POST', url, payload });
    expect(await levelOf(f.current, point.id, item.id)).toBe(3);
    await expectBalancesMatchLedger(f.current.database);

    const doc = (await f.current.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const path of ['/api/v1/distributions', '/api/v1/stock-movements', '/api/v1/distributions/{id}/undo']) {
      const params = doc.paths[path].post.parameters as { in: string; name: string }[];
      expect(params).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key' }));
    }
  });
});
