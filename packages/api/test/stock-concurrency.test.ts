import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useFixture } from './helper.ts';
import {
  countRows,
  createItem,
  createPoint,
  expectBalancesMatchLedger,
  ledgerSum,
  levelOf,
  receive,
} from './stock-fixture.ts';

// On PostgreSQL the fixture opens a pool of 20: enough for writers to queue on the row lock for real.
// The long timeouts are for loaded CI machines, not for the expected run time.
const f = useFixture();

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => {
    acc[s] = (acc[s] ?? 0) + 1;
    return acc;
  }, {});

async function stocked(level: number) {
  const point = await createPoint(f.current);
  const item = await createItem(f.current);
  await receive(f.current, point.id, item.id, level);
  return { point, item };
}

async function expectExactlyHundred(pointId: string, itemId: string, answers: { status: number; body: string }[]) {
  expect(tally(answers.map((a) => a.status))).toEqual({ 201: 100, 409: 100 });
  for (const a of answers.filter((x) => x.status === 409)) {
    expect(JSON.parse(a.body)).toMatchObject({ code: 'out_of_stock', available: 0 });
  }
  const levelsLeft = answers.filter((x) => x.status === 201).map((a) => JSON.parse(a.body).level as number);
  // Each success saw a distinct level: the writes were serialised, not lost.
  expect(new Set(levelsLeft).size).toBe(100);
  expect(Math.min(...levelsLeft)).toBe(0);
  expect(await levelOf(f.current, pointId, itemId)).toBe(0);
  expect(await ledgerSum(f.current.database, pointId, itemId)).toBe(0);
  await expectBalancesMatchLedger(f.current.database);
}

describe('no oversell under concurrency', () => {
  it('200 hand-outs at once at a point holding 100 (inject): 100 succeed, 100 get 409 out_of_stock', async () => {
    const { point, item } = await stocked(100);
    const auth = await f.current.apiKey('partner');
    const before = await countRows(f.current.database, 'distributions');
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        f.current.app.inject({
          method: 'POST',
          url: '/api/v1/distributions',
          payload: { pointId: point.id, itemId: item.id, requestMethod: 'flyer' },
          headers: auth,
        }),
      ),
    );
    await expectExactlyHundred(
      point.id,
      item.id,
      answers.map((a) => ({ status: a.statusCode, body: a.body })),
    );
    expect(await countRows(f.current.database, 'distributions')).toBe(before + 100);
  }, 120_000);

  it('200 hand-outs at once over real HTTP connections: 100 succeed, 100 get 409 out_of_stock', async () => {
    const { point, item } = await stocked(100);
    const session = await f.current.session('staff');
    await f.current.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = f.current.app.server.address() as AddressInfo;
    const answers = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/distributions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...session },
          body: JSON.stringify({ pointId: point.id, itemId: item.id, requestMethod: 'phone_screen' }),
        });
        return { status: res.status, body: await res.text() };
      }),
    );
    await expectExactlyHundred(point.id, item.id, answers);
  }, 120_000);

  it('transfers in both directions, hand-outs and stocktakes at once neither deadlock nor break the ledger', async () => {
    const item = await createItem(f.current);
    const a = await createPoint(f.current);
    const b = await createPoint(f.current);
    await receive(f.current, a.id, item.id, 60);
    await receive(f.current, b.id, item.id, 60);
    const auth = await f.current.apiKey('staff');
    const post = (url: string, payload: object) =>
      f.current.app.inject({ method: 'POST', url: `/api/v1/${url}`, payload, headers: auth });
    const transfer = (from: string, to: string) =>
      post('stock-movements', { kind: 'transfer', fromPointId: from, toPointId: to, itemId: item.id, quantity: 3 });
    const handout = (pointId: string) =>
      post('distributions', { pointId, itemId: item.id, requestMethod: 'none', sets: 2 });
    const jobs = Array.from({ length: 120 }, (_, i) => {
      switch (i % 4) {
        case 0:
          return transfer(a.id, b.id);
        case 1:
          return transfer(b.id, a.id);
        case 2:
          return handout(i % 8 === 2 ? a.id : b.id);
        default:
          return i === 59
            ? post('stock-movements', {
                kind: 'adjustment',
                pointId: a.id,
                itemId: item.id,
                countedLevel: 50,
                reason: '棚卸',
              })
            : handout(a.id);
      }
    });
    const answers = await Promise.all(jobs);
    const statuses = tally(answers.map((r) => r.statusCode));
    expect(Object.keys(statuses).every((s) => s === '201' || s === '409')).toBe(true);
    for (const r of answers.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('out_of_stock');
    expect(await levelOf(f.current, a.id, item.id)).toBeGreaterThanOrEqual(0);
    expect(await levelOf(f.current, b.id, item.id)).toBeGreaterThanOrEqual(0);
    expect(await levelOf(f.current, a.id, item.id)).toBe(await ledgerSum(f.current.database, a.id, item.id));
    expect(await levelOf(f.current, b.id, item.id)).toBe(await ledgerSum(f.current.database, b.id, item.id));
    await expectBalancesMatchLedger(f.current.database);
  }, 120_000);
});
