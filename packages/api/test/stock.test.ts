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
const url = '/api/v1/stock-movements';
const NO_SUCH = '00000000-0000-4000-8000-000000000000';

async function setup(level = 0) {
  const point = await createPoint(f.current);
  const item = await createItem(f.current);
  if (level > 0) await receive(f.current, point.id, item.id, level);
  return { point, item };
}

describe('receipts', () => {
  it('adds stock and answers with the rows written and the level after', async () => {
    const { point, item } = await setup();
    const res = await f.current.as('partner', {
      method: 'POST',
      url,
      payload: {
        kind: 'receipt',
        pointId: point.id,
        itemId: item.id,
        quantity: 40,
        source: 'donation',
        note: '社協より',
      },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.movements).toHaveLength(1);
    expect(body.movements[0]).toMatchObject({
      kind: 'receipt',
      pointId: point.id,
      pointName: point.name,
      itemId: item.id,
      quantity: 40,
      source: 'donation',
      note: '社協より',
      reversedById: null,
      madeUp: false,
      recordedBy: expect.any(String),
    });
    expect(body.levels).toEqual([{ pointId: point.id, itemId: item.id, level: 40 }]);
    expect(await levelOf(f.current, point.id, item.id)).toBe(40);
    const one = await f.current.as('staff', { method: 'GET', url: `${url}/${body.movements[0].id}` });
    expect(one.json()).toEqual(body.movements[0]);
  });

  it.each([
    ['zero quantity', { quantity: 0 }],
    ['a negative quantity', { quantity: -5 }],
    ['a fractional quantity', { quantity: 1.5 }],
    ['a huge quantity', { quantity: 10_000_000 }],
    ['no source', { source: undefined }],
    ['an unknown source', { source: 'found' }],
    ['an unknown field', { colour: 'red' }],
    ['a time in the future', { occurredAt: '2999-01-01T00:00:00+09:00' }],
    ['a time before 2000', { occurredAt: '1999-12-31T00:00:00+09:00' }],
    ['a time without offset', { occurredAt: '2021-12-01T10:00:00' }],
    ['a bad point id', { pointId: 'abc' }],
    ['the handout kind (recorded at /distributions)', { kind: 'handout' }],
    ['an unknown kind', { kind: 'gift' }],
  ])('refuses %s with 400 and writes nothing', async (_, patch) => {
    const { point, item } = await setup(5);
    const before = await countRows(f.current.database, 'stock_movements');
    const res = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { kind: 'receipt', pointId: point.id, itemId: item.id, quantity: 3, source: 'purchase', ...patch },
    });
    expectProblem(res, 400, 'validation_failed');
    expect(await countRows(f.current.database, 'stock_movements')).toBe(before);
    expect(await levelOf(f.current, point.id, item.id)).toBe(5);
  });

  it('refuses an unknown point or item with 422 and malformed JSON with 400', async () => {
    const { point, item } = await setup();
    const before = await countRows(f.current.database, 'stock_movements');
    const base = { kind: 'receipt', pointId: point.id, itemId: item.id, quantity: 3, source: 'purchase' };
    expectProblem(
      await f.current.as('staff', { method: 'POST', url, payload: { ...base, pointId: NO_SUCH } }),
      422,
      'unknown_point',
    );
    expectProblem(
      await f.current.as('staff', { method: 'POST', url, payload: { ...base, itemId: NO_SUCH } }),
      422,
      'unknown_item',
    );
    expectProblem(
      await f.current.as('staff', {
        method: 'POST',
        url,
        payload: '{"kind":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'malformed_json',
    );
    expect(await countRows(f.current.database, 'stock_movements')).toBe(before);
  });

  it('lets a partner record only at its own points; analysts and anonymous callers not at all', async () => {
    const other = await createPoint(f.current, { organisationId: f.current.orgs.otherPartner });
    const item = await createItem(f.current);
    const before = await countRows(f.current.database, 'stock_movements');
    const payload = { kind: 'receipt', pointId: other.id, itemId: item.id, quantity: 3, source: 'purchase' };
    expectProblem(await f.current.as('partner', { method: 'POST', url, payload }), 403, 'forbidden');
    const key = await f.current.apiKey('partner');
    expectProblem(await f.current.app.inject({ method: 'POST', url, payload, headers: key }), 403, 'forbidden');
    expectProblem(await f.current.as('analyst', { method: 'POST', url, payload }), 403, 'forbidden');
    expectProblem(await f.current.as('anonymous', { method: 'POST', url, payload }), 401, 'unauthenticated');
    expect(await countRows(f.current.database, 'stock_movements')).toBe(before);
    const otherKey = await f.current.apiKey('partner', f.current.orgs.otherPartner);
    const ok = await f.current.app.inject({ method: 'POST', url, payload, headers: otherKey });
    expect(ok.statusCode).toBe(201);
  });

  it('has no way to edit or delete a ledger row', async () => {
    const { point, item } = await setup();
    const receipt = await receive(f.current, point.id, item.id, 2);
    const id = receipt.movements[0].id;
    expectProblem(await f.current.as('admin', { method: 'PATCH', url: `${url}/${id}`, payload: { quantity: 9 } }), 404);
    expectProblem(await f.current.as('admin', { method: 'DELETE', url: `${url}/${id}` }), 404);
    expect(await levelOf(f.current, point.id, item.id)).toBe(2);
  });
});

describe('transfers', () => {
  it('moves stock between two points as two rows sharing a transferId', async () => {
    const { point: from, item } = await setup(30);
    const to = await createPoint(f.current);
    const res = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { kind: 'transfer', fromPointId: from.id, toPointId: to.id, itemId: item.id, quantity: 12 },
    });
    expect(res.statusCode).toBe(201);
    const { movements, levels } = res.json();
    expect(movements).toHaveLength(2);
    expect(movements[0].transferId).toBe(movements[1].transferId);
    expect(
      movements.map((m: { pointId: string; quantity: number; counterpartPointId: string }) => [
        m.pointId,
        m.quantity,
        m.counterpartPointId,
      ]),
    ).toEqual([
      [from.id, -12, to.id],
      [to.id, 12, from.id],
    ]);
    expect(levels).toEqual(
      expect.arrayContaining([
        { pointId: from.id, itemId: item.id, level: 18 },
        { pointId: to.id, itemId: item.id, level: 12 },
      ]),
    );
    const both = await f.current.as('staff', { method: 'GET', url: `${url}?transferId=${movements[0].transferId}` });
    expect(both.json().items).toHaveLength(2);
  });

  it('is all or nothing: more than the source holds is refused with 409 and neither side changes', async () => {
    const { point: from, item } = await setup(5);
    const to = await createPoint(f.current);
    await receive(f.current, to.id, item.id, 2);
    const before = await countRows(f.current.database, 'stock_movements');
    const res = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { kind: 'transfer', fromPointId: from.id, toPointId: to.id, itemId: item.id, quantity: 6 },
    });
    const problem = expectProblem(res, 409, 'out_of_stock') as { available?: number };
    expect(problem.available).toBe(5);
    expect(await countRows(f.current.database, 'stock_movements')).toBe(before);
    expect(await levelOf(f.current, from.id, item.id)).toBe(5);
    expect(await levelOf(f.current, to.id, item.id)).toBe(2);
  });

  it('refuses a transfer to the same point, or to an unknown point, with the ledger unchanged', async () => {
    const { point, item } = await setup(5);
    const before = await countRows(f.current.database, 'stock_movements');
    const same = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { kind: 'transfer', fromPointId: point.id, toPointId: point.id, itemId: item.id, quantity: 1 },
    });
    expect(expectProblem(same, 400, 'validation_failed').errors?.[0]?.path).toBe('body.toPointId');
    const unknown = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { kind: 'transfer', fromPointId: point.id, toPointId: NO_SUCH, itemId: item.id, quantity: 1 },
    });
    expect(expectProblem(unknown, 422, 'unknown_point').errors?.[0]?.path).toBe('body.toPointId');
    expect(await countRows(f.current.database, 'stock_movements')).toBe(before);
    expect(await levelOf(f.current, point.id, item.id)).toBe(5);
  });

  it('lets a partner transfer between its own points only', async () => {
    const { point: a, item } = await setup(10);
    const b = await createPoint(f.current);
    const foreign = await createPoint(f.current, { organisationId: f.current.orgs.otherPartner });
    const own = await f.current.as('partner', {
      method: 'POST',
      url,
      payload: { kind: 'transfer', fromPointId: a.id, toPointId: b.id, itemId: item.id, quantity: 4 },
    });
    expect(own.statusCode).toBe(201);
    const out = await f.current.as('partner', {
      method: 'POST',
      url,
      payload: { kind: 'transfer', fromPointId: a.id, toPointId: foreign.id, itemId: item.id, quantity: 1 },
    });
    expectProblem(out, 403, 'forbidden');
    expect(await levelOf(f.current, a.id, item.id)).toBe(6);
    expect(await levelOf(f.current, foreign.id, item.id)).toBe(0);
  });
});

describe('stocktake adjustments', () => {
  it('sets the level to the counted one, recording the difference', async () => {
    const { point, item } = await setup(20);
    const res = await f.current.as('partner', {
      method: 'POST',
      url,
      payload: { kind: 'adjustment', pointId: point.id, itemId: item.id, countedLevel: 17, reason: '棚卸' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().movements[0]).toMatchObject({
      kind: 'adjustment',
      quantity: -3,
      countedLevel: 17,
      reason: '棚卸',
    });
    expect(await levelOf(f.current, point.id, item.id)).toBe(17);
    const up = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { kind: 'adjustment', pointId: point.id, itemId: item.id, countedLevel: 25, reason: '未記録の入庫' },
    });
    expect(up.json().movements[0].quantity).toBe(8);
    expect(up.json().levels[0].level).toBe(25);
  });

  it('refuses a negative count or a missing reason', async () => {
    const { point, item } = await setup(2);
    for (const patch of [{ countedLevel: -1 }, { reason: '' }, { reason: undefined }, { countedLevel: 'ten' }]) {
      const res = await f.current.as('staff', {
        method: 'POST',
        url,
        payload: { kind: 'adjustment', pointId: point.id, itemId: item.id, countedLevel: 1, reason: '棚卸', ...patch },
      });
      expectProblem(res, 400, 'validation_failed');
    }
    expect(await levelOf(f.current, point.id, item.id)).toBe(2);
  });
});

describe('reversals', () => {
  it('restores the level, references the movement and can happen once', async () => {
    const { point, item } = await setup(10);
    const receipt = await receive(f.current, point.id, item.id, 7);
    const id = receipt.movements[0].id;
    expect(await levelOf(f.current, point.id, item.id)).toBe(17);
    const res = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { kind: 'reversal', reversesId: id, reason: '入力誤り' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().movements[0]).toMatchObject({
      kind: 'reversal',
      quantity: -7,
      reversesId: id,
      reason: '入力誤り',
    });
    expect(await levelOf(f.current, point.id, item.id)).toBe(10);
    const original = await f.current.as('staff', { method: 'GET', url: `${url}/${id}` });
    expect(original.json().reversedById).toBe(res.json().movements[0].id);

    const again = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { kind: 'reversal', reversesId: id, reason: 'x' },
    });
    expectProblem(again, 409, 'already_reversed');
    const ofReversal = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { kind: 'reversal', reversesId: res.json().movements[0].id, reason: 'x' },
    });
    expectProblem(ofReversal, 409, 'not_reversible');
    expect(await levelOf(f.current, point.id, item.id)).toBe(10);
  });

  it('reverses both rows of a transfer', async () => {
    const { point: from, item } = await setup(10);
    const to = await createPoint(f.current);
    const transfer = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { kind: 'transfer', fromPointId: from.id, toPointId: to.id, itemId: item.id, quantity: 4 },
    });
    const inRow = transfer.json().movements[1];
    const res = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { kind: 'reversal', reversesId: inRow.id, reason: '誤送' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().movements).toHaveLength(2);
    expect(await levelOf(f.current, from.id, item.id)).toBe(10);
    expect(await levelOf(f.current, to.id, item.id)).toBe(0);
  });

  it('refuses a reversal that would take a point below zero', async () => {
    const { point, item } = await setup();
    const receipt = await receive(f.current, point.id, item.id, 5);
    await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/distributions',
      payload: { pointId: point.id, itemId: item.id, sets: 4, requestMethod: 'none' },
    });
    const res = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { kind: 'reversal', reversesId: receipt.movements[0].id, reason: '誤入力' },
    });
    expect((expectProblem(res, 409, 'out_of_stock') as { available?: number }).available).toBe(1);
    expect(await levelOf(f.current, point.id, item.id)).toBe(1);
  });

  it('refuses an unknown movement (422) and a partner reversing at another organisation’s point (403)', async () => {
    expectProblem(
      await f.current.as('staff', {
        method: 'POST',
        url,
        payload: { kind: 'reversal', reversesId: NO_SUCH, reason: 'x' },
      }),
      422,
      'unknown_movement',
    );
    const foreign = await createPoint(f.current, { organisationId: f.current.orgs.otherPartner });
    const item = await createItem(f.current);
    const receipt = await receive(f.current, foreign.id, item.id, 3);
    const res = await f.current.as('partner', {
      method: 'POST',
      url,
      payload: { kind: 'reversal', reversesId: receipt.movements[0].id, reason: 'x' },
    });
    expectProblem(res, 403, 'forbidden');
    expect(await levelOf(f.current, foreign.id, item.id)).toBe(3);
  });
});

describe('the ledger list', () => {
  it('pages newest first and scopes partners to their own points', async () => {
    const { point, item } = await setup();
    for (const [i, day] of ['01', '02', '03'].entries()) {
      const res = await f.current.as('staff', {
        method: 'POST',
        url,
        payload: {
          kind: 'receipt',
          pointId: point.id,
          itemId: item.id,
          quantity: i + 1,
          source: 'purchase',
          occurredAt: `2021-12-${day}T10:00:00+09:00`,
        },
      });
      expect(res.statusCode).toBe(201);
    }
    const page1 = await f.current.as('staff', { method: 'GET', url: `${url}?pointId=${point.id}&limit=2` });
    expect(page1.json().items.map((m: { quantity: number }) => m.quantity)).toEqual([3, 2]);
    const page2 = await f.current.as('staff', {
      method: 'GET',
      url: `${url}?pointId=${point.id}&limit=2&cursor=${page1.json().nextCursor}`,
    });
    expect(page2.json().items.map((m: { quantity: number }) => m.quantity)).toEqual([1]);
    expect(page2.json().nextCursor).toBeNull();
    const day = await f.current.as('staff', {
      method: 'GET',
      url: `${url}?pointId=${point.id}&from=2021-12-02&to=2021-12-02`,
    });
    expect(day.json().items.map((m: { quantity: number }) => m.quantity)).toEqual([2]);

    const foreign = await createPoint(f.current, { organisationId: f.current.orgs.otherPartner });
    const foreignReceipt = await receive(f.current, foreign.id, item.id, 1);
    const partnerList = await f.current.as('partner', { method: 'GET', url: `${url}?limit=500` });
    expect(partnerList.statusCode).toBe(200);
    expect(partnerList.json().items.every((m: { pointId: string }) => m.pointId !== foreign.id)).toBe(true);
    expectProblem(
      await f.current.as('partner', { method: 'GET', url: `${url}/${foreignReceipt.movements[0].id}` }),
      404,
      'not_found',
    );
    expectProblem(await f.current.as('analyst', { method: 'GET', url }), 403, 'forbidden');
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${url}?cursor=bad` }), 400, 'validation_failed');
    expectProblem(
      await f.current.as('staff', { method: 'GET', url: `${url}?from=2021-13-01` }),
      400,
      'validation_failed',
    );
  });
});

describe('the overview', () => {
  it('lists points below their minimum and suggests transfers from surplus', async () => {
    // The other points of this file hold none of this item and need none: only these three take part.
    const item = await createItem(f.current, { defaultMinimumLevel: 0 });
    const rich = await createPoint(f.current, { name: '在庫の多い場所' });
    const poor = await createPoint(f.current, { name: '在庫の少ない場所' });
    const closed = await createPoint(f.current, {
      name: '終了した場所',
      validFrom: '2021-01-01',
      validTo: '2021-03-31',
    });
    for (const point of [rich, poor, closed]) {
      const res = await f.current.as('staff', {
        method: 'PUT',
        url: `/api/v1/items/${item.id}/minimums/${point.id}`,
        payload: { minimumLevel: 10 },
      });
      expect(res.statusCode).toBe(201);
    }
    await receive(f.current, rich.id, item.id, 25);
    await receive(f.current, poor.id, item.id, 2);
    await receive(f.current, closed.id, item.id, 4);
    const res = await f.current.as('staff', { method: 'GET', url: `/api/v1/stock/overview?itemId=${item.id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const below = body.belowMinimum.filter((b: { itemId: string }) => b.itemId === item.id);
    expect(below.map((b: { pointId: string; shortfall: number }) => [b.pointId, b.shortfall])).toContainEqual([
      poor.id,
      8,
    ]);
    expect(below.some((b: { pointId: string }) => b.pointId === closed.id)).toBe(false);
    const suggested = body.suggestedTransfers.filter((s: { toPointId: string }) => s.toPointId === poor.id);
    expect(suggested.reduce((sum: number, s: { quantity: number }) => sum + s.quantity, 0)).toBe(8);
    expect(suggested.every((s: { fromPointId: string }) => [rich.id, closed.id].includes(s.fromPointId))).toBe(true);
    expect(body.points.find((p: { pointId: string }) => p.pointId === closed.id).active).toBe(false);

    const partner = await f.current.as('partner', { method: 'GET', url: '/api/v1/stock/overview' });
    expect(partner.statusCode).toBe(200);
    expect(
      partner.json().points.every((p: { organisationId: string }) => p.organisationId === f.current.orgs.partner),
    ).toBe(true);
    expectProblem(await f.current.as('analyst', { method: 'GET', url: '/api/v1/stock/overview' }), 403, 'forbidden');
  });
});

describe('the invariant', () => {
  it('every level equals the sum of its ledger rows', async () => {
    await expectBalancesMatchLedger(f.current.database);
    const { point, item } = await setup(9);
    expect(await levelOf(f.current, point.id, item.id)).toBe(await ledgerSum(f.current.database, point.id, item.id));
  });
});
