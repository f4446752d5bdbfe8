import { describe, expect, it } from 'vitest';
import { expectProblem, useFixture } from './helper.ts';
import { createItem, createPoint, receive } from './stock-fixture.ts';

const f = useFixture();
const url = '/api/v1/items';

describe('items', () => {
  it('creates, reads, lists and changes an item with If-Match', async () => {
    const created = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { name: '生理用品セット（夜用1パック）', unit: 'セット', defaultMinimumLevel: 20 },
    });
    expect(created.statusCode).toBe(201);
    const item = created.json();
    expect(item).toMatchObject({
      name: '生理用品セット（夜用1パック）',
      unit: 'セット',
      defaultMinimumLevel: 20,
      version: 1,
    });
    expect(created.headers.etag).toBe('"v1"');

    const read = await f.current.as('partner', { method: 'GET', url: `${url}/${item.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"v1"');
    const list = await f.current.as('partner', { method: 'GET', url: `${url}?q=${encodeURIComponent('夜用')}` });
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([item.id]);

    expectProblem(
      await f.current.as('staff', { method: 'PATCH', url: `${url}/${item.id}`, payload: { unit: 'パック' } }),
      428,
      'precondition_required',
    );
    const changed = await f.current.as('staff', {
      method: 'PATCH',
      url: `${url}/${item.id}`,
      payload: { unit: 'パック' },
      headers: { 'if-match': '"v1"' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ unit: 'パック', version: 2 });
    expectProblem(
      await f.current.as('staff', {
        method: 'PATCH',
        url: `${url}/${item.id}`,
        payload: { unit: 'セット' },
        headers: { 'if-match': '"v1"' },
      }),
      412,
      'precondition_failed',
    );
  });

  it('refuses a duplicate name (409) and bad input (400)', async () => {
    await createItem(f.current, { name: '重複テスト' });
    expectProblem(
      await f.current.as('staff', { method: 'POST', url, payload: { name: '重複テスト', unit: 'セット' } }),
      409,
      'conflict',
    );
    for (const payload of [
      { name: 'x', unit: 'セット', defaultMinimumLevel: -1 },
      { name: 'x', unit: 'セット', defaultMinimumLevel: 1.5 },
      { name: 'x', unit: '' },
      { name: 'x' },
      { name: 'x', unit: 'セット', colour: 'red' },
      { name: 'x', unit: 'セット', defaultMinimumLevel: '3' },
    ]) {
      expectProblem(await f.current.as('staff', { method: 'POST', url, payload }), 400, 'validation_failed');
    }
  });

  it('deletes an item that never moved and refuses one that did (409 item_has_movements)', async () => {
    const unused = await createItem(f.current);
    expect((await f.current.as('staff', { method: 'DELETE', url: `${url}/${unused.id}` })).statusCode).toBe(204);
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${url}/${unused.id}` }), 404, 'not_found');
    const used = await createItem(f.current);
    const point = await createPoint(f.current);
    await receive(f.current, point.id, used.id, 1);
    expectProblem(
      await f.current.as('staff', { method: 'DELETE', url: `${url}/${used.id}` }),
      409,
      'item_has_movements',
    );
  });

  it('keeps per-point minimum overrides', async () => {
    const item = await createItem(f.current, { defaultMinimumLevel: 10 });
    const point = await createPoint(f.current);
    const at = `${url}/${item.id}/minimums/${point.id}`;
    const created = await f.current.as('staff', { method: 'PUT', url: at, payload: { minimumLevel: 30 } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ itemId: item.id, pointId: point.id, minimumLevel: 30 });
    const replaced = await f.current.as('staff', { method: 'PUT', url: at, payload: { minimumLevel: 25 } });
    expect(replaced.statusCode).toBe(200);
    const list = await f.current.as('staff', { method: 'GET', url: `${url}/${item.id}/minimums` });
    expect(list.json().items).toEqual([
      expect.objectContaining({ pointId: point.id, pointName: point.name, minimumLevel: 25 }),
    ]);
    const stock = await f.current.as('staff', { method: 'GET', url: `/api/v1/distribution-points/${point.id}/stock` });
    expect(stock.json().items.find((i: { itemId: string }) => i.itemId === item.id).minimumLevel).toBe(25);

    expectProblem(
      await f.current.as('staff', { method: 'PUT', url: at, payload: { minimumLevel: -2 } }),
      400,
      'validation_failed',
    );
    expectProblem(
      await f.current.as('staff', {
        method: 'PUT',
        url: `${url}/${item.id}/minimums/00000000-0000-4000-8000-000000000000`,
        payload: { minimumLevel: 1 },
      }),
      404,
      'not_found',
    );
    expectProblem(
      await f.current.as('partner', { method: 'PUT', url: at, payload: { minimumLevel: 1 } }),
      403,
      'forbidden',
    );

    expect((await f.current.as('staff', { method: 'DELETE', url: at })).statusCode).toBe(204);
    expectProblem(await f.current.as('staff', { method: 'DELETE', url: at }), 404, 'not_found');
    const back = await f.current.as('staff', { method: 'GET', url: `/api/v1/distribution-points/${point.id}/stock` });
    expect(back.json().items.find((i: { itemId: string }) => i.itemId === item.id).minimumLevel).toBe(10);
  });

  it('lets partners read items but not change them; analysts not at all', async () => {
    const item = await createItem(f.current);
    expect((await f.current.as('partner', { method: 'GET', url })).statusCode).toBe(200);
    expectProblem(
      await f.current.as('partner', { method: 'POST', url, payload: { name: 'p', unit: 'セット' } }),
      403,
      'forbidden',
    );
    expectProblem(
      await f.current.as('partner', {
        method: 'PATCH',
        url: `${url}/${item.id}`,
        payload: { unit: 'x' },
        headers: { 'if-match': '"v1"' },
      }),
      403,
      'forbidden',
    );
    expectProblem(await f.current.as('partner', { method: 'DELETE', url: `${url}/${item.id}` }), 403, 'forbidden');
    expectProblem(await f.current.as('analyst', { method: 'GET', url }), 403, 'forbidden');
    expectProblem(await f.current.as('anonymous', { method: 'GET', url }), 401, 'unauthenticated');
  });
});
