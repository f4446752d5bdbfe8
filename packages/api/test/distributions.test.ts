import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expectProblem, useFixture } from './helper.ts';
import {
  countRows,
  createItem,
  createPoint,
  expectBalancesMatchLedger,
  ledgerSum,
  levelOf,
  receive,
} from './stock-fixture.ts';

const f = useFixture();
const url = '/api/v1/distributions';
const NO_SUCH = '00000000-0000-4000-8000-000000000000';

async function stocked(level: number, overrides: Parameters<typeof createPoint>[1] = {}) {
  const point = await createPoint(f.current, overrides);
  const item = await createItem(f.current);
  if (level > 0) await receive(f.current, point.id, item.id, level);
  return { point, item };
}

async function ledgerUnchanged<T>(pointId: string, itemId: string, run: () => Promise<T>): Promise<T> {
  const rows = await countRows(f.current.database, 'stock_movements');
  const handouts = await countRows(f.current.database, 'distributions');
  const level = await levelOf(f.current, pointId, itemId);
  const result = await run();
  expect(await countRows(f.current.database, 'stock_movements')).toBe(rows);
  expect(await countRows(f.current.database, 'distributions')).toBe(handouts);
  expect(await levelOf(f.current, pointId, itemId)).toBe(level);
  return result;
}

describe('recording hand-outs', () => {
  it('hands out one set by default, with the card, and answers with the level left', async () => {
    const { point, item } = await stocked(10);
    const res = await f.current.as('partner', {
      method: 'POST',
      url,
      payload: { pointId: point.id, itemId: item.id, requestMethod: 'flyer' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      pointId: point.id,
      pointName: point.name,
      pointKind: 'partner_site',
      itemId: item.id,
      sets: 1,
      requestMethod: 'flyer',
      cardEnclosed: true,
      periodFrom: null,
      periodTo: null,
      undoneAt: null,
      madeUp: false,
      level: 9,
    });
    expect(Date.parse(body.undoableUntil) - Date.parse(body.createdAt)).toBe(10 * 60_000);
    expect(Math.abs(Date.parse(body.occurredAt) - Date.now())).toBeLessThan(60_000);
    const movement = await f.current.as('staff', { method: 'GET', url: `/api/v1/stock-movements/${body.movementId}` });
    expect(movement.json()).toMatchObject({ kind: 'handout', quantity: -1, distributionId: body.id });
    const read = await f.current.as('partner', { method: 'GET', url: `${url}/${body.id}` });
    const { level: _, ...recorded } = body;
    expect(read.json()).toEqual(recorded);
    expect(await levelOf(f.current, point.id, item.id)).toBe(9);
  });

  it('refuses a hand-out beyond the stock with 409 out_of_stock and the level left', async () => {
    const { point, item } = await stocked(2);
    const res = await ledgerUnchanged(point.id, item.id, () =>
      f.current.as('staff', {
        method: 'POST',
        url,
        payload: { pointId: point.id, itemId: item.id, sets: 3, requestMethod: 'none' },
      }),
    );
    const problem = expectProblem(res, 409, 'out_of_stock') as { available?: number; detail?: string };
    expect(problem.available).toBe(2);
    const empty = await stocked(0);
    const none = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { pointId: empty.point.id, itemId: empty.item.id, requestMethod: 'none' },
    });
    expect((expectProblem(none, 409, 'out_of_stock') as { available?: number }).available).toBe(0);
  });

  it.each([
    ['zero sets', { sets: 0 }],
    ['negative sets', { sets: -1 }],
    ['fractional sets', { sets: 1.5 }],
    ['more sets than any hand-out', { sets: 1001 }],
    ['sets as a string', { sets: '1' }],
    ['no request method', { requestMethod: undefined }],
    ['an unknown request method', { requestMethod: 'email' }],
    ['a time in the future', { occurredAt: '2999-01-01T10:00:00+09:00' }],
    ['a time before 2000', { occurredAt: '1990-01-01T10:00:00+09:00' }],
    ['a batch without its end', { periodFrom: '2021-12-01' }],
    ['a batch ending before it starts', { periodFrom: '2021-12-10', periodTo: '2021-12-01' }],
    ['a batch over more than a year', { periodFrom: '2021-01-01', periodTo: '2022-02-01' }],
    ['an invalid batch date', { periodFrom: '2021-12-01', periodTo: '2021-12-32' }],
    ['an unknown field', { note: 'x' }],
    ['cardEnclosed as a string', { cardEnclosed: 'yes' }],
  ])('refuses %s with 400 and leaves the ledger unchanged', async (_, patch) => {
    const { point, item } = await stocked(5);
    const res = await ledgerUnchanged(point.id, item.id, () =>
      f.current.as('staff', {
        method: 'POST',
        url,
        payload: { pointId: point.id, itemId: item.id, requestMethod: 'none', ...patch },
      }),
    );
    expectProblem(res, 400, 'validation_failed');
  });

  it('refuses an unknown point or item (422) and malformed JSON (400)', async () => {
    const { point, item } = await stocked(5);
    await ledgerUnchanged(point.id, item.id, async () => {
      expectProblem(
        await f.current.as('staff', {
          method: 'POST',
          url,
          payload: { pointId: NO_SUCH, itemId: item.id, requestMethod: 'none' },
        }),
        422,
        'unknown_point',
      );
      expectProblem(
        await f.current.as('staff', {
          method: 'POST',
          url,
          payload: { pointId: point.id, itemId: NO_SUCH, requestMethod: 'none' },
        }),
        422,
        'unknown_item',
      );
      expectProblem(
        await f.current.as('staff', {
          method: 'POST',
          url,
          payload: '{',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'malformed_json',
      );
      expectProblem(
        await f.current.as('staff', {
          method: 'POST',
          url,
          payload: 'sets=1',
          headers: { 'content-type': 'text/plain' },
        }),
        415,
      );
    });
  });

  it('refuses a hand-out outside the point’s period (422 point_inactive)', async () => {
    const { point, item } = await stocked(5, { validFrom: '2021-11-18', validTo: '2022-02-28' });
    await ledgerUnchanged(point.id, item.id, async () => {
      for (const occurredAt of ['2021-11-17T16:00:00+09:00', '2022-03-01T09:30:00+09:00']) {
        const res = await f.current.as('staff', {
          method: 'POST',
          url,
          payload: { pointId: point.id, itemId: item.id, requestMethod: 'none', occurredAt },
        });
        expectProblem(res, 422, 'point_inactive');
      }
      // Today is after the point's period ended.
      const now = await f.current.as('staff', {
        method: 'POST',
        url,
        payload: { pointId: point.id, itemId: item.id, requestMethod: 'none' },
      });
      expectProblem(now, 422, 'point_inactive');
    });
    const inside = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: {
        pointId: point.id,
        itemId: item.id,
        requestMethod: 'phone_screen',
        occurredAt: '2021-11-18T09:00:00+09:00',
      },
    });
    expect(inside.statusCode).toBe(201);
  });

  it('takes a batch for a period only at a school nurse office', async () => {
    const shop = await stocked(50, { kind: 'store' });
    await ledgerUnchanged(shop.point.id, shop.item.id, async () => {
      const res = await f.current.as('staff', {
        method: 'POST',
        url,
        payload: {
          pointId: shop.point.id,
          itemId: shop.item.id,
          requestMethod: 'none',
          sets: 12,
          periodFrom: '2021-12-01',
          periodTo: '2021-12-24',
        },
      });
      expect(expectProblem(res, 422, 'batch_not_allowed').errors?.[0]?.path).toBe('body.periodFrom');
    });

    const school = await stocked(50, {
      kind: 'school_nurse_office',
      schoolLevel: 'junior_high',
      name: '小樽市立〇〇中学校 保健室（架空）',
    });
    const batch = {
      pointId: school.point.id,
      itemId: school.item.id,
      requestMethod: 'none',
      sets: 12,
      periodFrom: '2021-12-01',
      periodTo: '2021-12-24',
      occurredAt: '2021-12-24T15:00:00+09:00',
    };
    await ledgerUnchanged(school.point.id, school.item.id, async () => {
      for (const patch of [
        { periodFrom: '2020-12-01', periodTo: '2020-12-24' },
        { occurredAt: '2021-12-20T15:00:00+09:00' },
      ]) {
        const res = await f.current.as('staff', { method: 'POST', url, payload: { ...batch, ...patch } });
        expectProblem(res, 422, 'period_out_of_range');
      }
    });
    const ok = await f.current.as('staff', { method: 'POST', url, payload: batch });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ sets: 12, periodFrom: '2021-12-01', periodTo: '2021-12-24', level: 38 });
  });

  it('lets a partner record only at its own points', async () => {
    const foreign = await stocked(5, { organisationId: f.current.orgs.otherPartner });
    const payload = { pointId: foreign.point.id, itemId: foreign.item.id, requestMethod: 'none' };
    await ledgerUnchanged(foreign.point.id, foreign.item.id, async () => {
      expectProblem(await f.current.as('partner', { method: 'POST', url, payload }), 403, 'forbidden');
      const key = await f.current.apiKey('partner');
      expectProblem(await f.current.app.inject({ method: 'POST', url, payload, headers: key }), 403, 'forbidden');
      expectProblem(await f.current.as('analyst', { method: 'POST', url, payload }), 403, 'forbidden');
      expectProblem(await f.current.as('anonymous', { method: 'POST', url, payload }), 401, 'unauthenticated');
      const noCsrf = await f.current.session('partner');
      expectProblem(
        await f.current.app.inject({ method: 'POST', url, payload, headers: { cookie: noCsrf.cookie ?? '' } }),
        403,
        'csrf_failed',
      );
    });
    const key = await f.current.apiKey('partner', f.current.orgs.otherPartner);
    const own = await f.current.app.inject({ method: 'POST', url, payload, headers: key });
    expect(own.statusCode).toBe(201);
  });
});

describe('undo', () => {
  it('reverses a hand-out within the window and restores the level, once', async () => {
    const { point, item } = await stocked(3);
    const handout = await f.current.as('partner', {
      method: 'POST',
      url,
      payload: { pointId: point.id, itemId: item.id, requestMethod: 'flyer_stub' },
    });
    const id = handout.json().id;
    expect(await levelOf(f.current, point.id, item.id)).toBe(2);
    const undo = await f.current.as('partner', { method: 'POST', url: `${url}/${id}/undo` });
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({ id, level: 3, undoableUntil: null });
    expect(undo.json().undoneAt).toEqual(expect.any(String));
    expect(await levelOf(f.current, point.id, item.id)).toBe(3);
    expectProblem(await f.current.as('partner', { method: 'POST', url: `${url}/${id}/undo` }), 409, 'already_reversed');
    const ledger = await f.current.as('staff', {
      method: 'GET',
      url: `/api/v1/stock-movements?pointId=${point.id}&kind=reversal`,
    });
    expect(ledger.json().items).toEqual([
      expect.objectContaining({
        kind: 'reversal',
        quantity: 1,
        reversesId: handout.json().movementId,
        distributionId: id,
      }),
    ]);
    expect(await levelOf(f.current, point.id, item.id)).toBe(await ledgerSum(f.current.database, point.id, item.id));
  });

  it('refuses after the window (409 undo_window_passed), for unknown ids and at other organisations’ points', async () => {
    const { point, item } = await stocked(3);
    const handout = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { pointId: point.id, itemId: item.id, requestMethod: 'none' },
    });
    const id = handout.json().id;
    await f.current.database.db.execute(
      sql`update distributions set created_at = now() - interval '11 minutes' where id = ${id}`,
    );
    await ledgerUnchanged(point.id, item.id, async () => {
      expectProblem(
        await f.current.as('staff', { method: 'POST', url: `${url}/${id}/undo` }),
        409,
        'undo_window_passed',
      );
      expectProblem(await f.current.as('staff', { method: 'POST', url: `${url}/${NO_SUCH}/undo` }), 404, 'not_found');
      expectProblem(await f.current.as('staff', { method: 'POST', url: `${url}/nope/undo` }), 400, 'validation_failed');
    });
    const foreign = await stocked(3, { organisationId: f.current.orgs.otherPartner });
    const theirs = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { pointId: foreign.point.id, itemId: foreign.item.id, requestMethod: 'none' },
    });
    expectProblem(
      await f.current.as('partner', { method: 'POST', url: `${url}/${theirs.json().id}/undo` }),
      404,
      'not_found',
    );
    expectProblem(
      await f.current.as('analyst', { method: 'POST', url: `${url}/${theirs.json().id}/undo` }),
      403,
      'forbidden',
    );
    expect(await levelOf(f.current, foreign.point.id, foreign.item.id)).toBe(2);
  });
});

describe('correcting a hand-out later', () => {
  it('is a reversal at /stock-movements: the level comes back and the hand-out shows as undone', async () => {
    const { point, item } = await stocked(4);
    const handout = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { pointId: point.id, itemId: item.id, requestMethod: 'none', sets: 3 },
    });
    const { id, movementId } = handout.json();
    await f.current.database.db.execute(
      sql`update distributions set created_at = now() - interval '2 days' where id = ${id}`,
    );
    expect(await levelOf(f.current, point.id, item.id)).toBe(1);
    const reversal = await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/stock-movements',
      payload: { kind: 'reversal', reversesId: movementId, reason: '二重入力' },
    });
    expect(reversal.statusCode).toBe(201);
    expect(reversal.json().movements[0]).toMatchObject({ quantity: 3, distributionId: id });
    expect(await levelOf(f.current, point.id, item.id)).toBe(4);
    const read = await f.current.as('staff', { method: 'GET', url: `${url}/${id}` });
    expect(read.json().undoneAt).toEqual(expect.any(String));
    expect(read.json().undoableUntil).toBeNull();
    expectProblem(await f.current.as('staff', { method: 'POST', url: `${url}/${id}/undo` }), 409, 'already_reversed');
  });
});

describe('the hand-out list', () => {
  it('filters by point, method and dates, pages newest first and scopes partners', async () => {
    const { point, item } = await stocked(20);
    const days = ['2021-12-01T10:00:00+09:00', '2021-12-02T10:00:00+09:00', '2021-12-03T10:00:00+09:00'];
    for (const [i, occurredAt] of days.entries()) {
      const res = await f.current.as('staff', {
        method: 'POST',
        url,
        payload: { pointId: point.id, itemId: item.id, requestMethod: i === 1 ? 'flyer' : 'none', occurredAt },
      });
      expect(res.statusCode).toBe(201);
    }
    const page1 = await f.current.as('staff', { method: 'GET', url: `${url}?pointId=${point.id}&limit=2` });
    expect(page1.json().items.map((d: { occurredAt: string }) => d.occurredAt)).toEqual([
      new Date(days[2] as string).toISOString(),
      new Date(days[1] as string).toISOString(),
    ]);
    const page2 = await f.current.as('staff', {
      method: 'GET',
      url: `${url}?pointId=${point.id}&limit=2&cursor=${page1.json().nextCursor}`,
    });
    expect(page2.json().items).toHaveLength(1);
    expect(page2.json().nextCursor).toBeNull();
    const flyer = await f.current.as('staff', { method: 'GET', url: `${url}?pointId=${point.id}&requestMethod=flyer` });
    expect(flyer.json().items).toHaveLength(1);
    const range = await f.current.as('staff', {
      method: 'GET',
      url: `${url}?pointId=${point.id}&from=2021-12-02&to=2021-12-03`,
    });
    expect(range.json().items).toHaveLength(2);

    const foreign = await stocked(2, { organisationId: f.current.orgs.otherPartner });
    const theirs = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { pointId: foreign.point.id, itemId: foreign.item.id, requestMethod: 'none' },
    });
    const partner = await f.current.as('partner', { method: 'GET', url: `${url}?limit=500` });
    expect(partner.json().items.some((d: { pointId: string }) => d.pointId === foreign.point.id)).toBe(false);
    expect(partner.json().items.some((d: { pointId: string }) => d.pointId === point.id)).toBe(true);
    expectProblem(
      await f.current.as('partner', { method: 'GET', url: `${url}/${theirs.json().id}` }),
      404,
      'not_found',
    );
    expectProblem(await f.current.as('analyst', { method: 'GET', url }), 403, 'forbidden');
    expectProblem(
      await f.current.as('staff', { method: 'GET', url: `${url}?requestMethod=fax` }),
      400,
      'validation_failed',
    );
    expectProblem(
      await f.current.as('staff', { method: 'GET', url: `${url}?cursor=WyJ4Il0` }),
      400,
      'validation_failed',
    );
  });

  it('keeps every level equal to its ledger sum', async () => {
    await expectBalancesMatchLedger(f.current.database);
  });
});
