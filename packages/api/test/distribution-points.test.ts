import { describe, expect, it } from 'vitest';
import { expectProblem, useFixture } from './helper.ts';
import { createItem, createPoint, receive, weekdays } from './stock-fixture.ts';

const f = useFixture();
const url = '/api/v1/distribution-points';

const valid = () => ({
  name: '福祉総合相談室 テスト',
  kind: 'city_counter',
  organisationId: f.current.orgs.city,
  place: '市役所本館1階',
  cardCode: 'otr-tst1',
  validFrom: '2021-11-18',
  validTo: '2022-02-28',
  schedule: weekdays,
});

describe('distribution points: create', () => {
  it('creates a point, upper-cases its card code and audits the change', async () => {
    const res = await f.current.as('staff', { method: 'POST', url, payload: valid() });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      name: '福祉総合相談室 テスト',
      kind: 'city_counter',
      schoolLevel: null,
      cardCode: 'OTR-TST1',
      organisationName: 'テスト市 男女共同参画課',
      closureDates: [],
      opensOnHolidays: false,
      version: 1,
    });
    expect(res.headers.etag).toBe('"v1"');
    expect(res.headers.location).toBe(`${url}/${body.id}`);
    const audit = await f.current.as('admin', {
      method: 'GET',
      url: `/api/v1/audit-log?entityType=distribution_point`,
    });
    expect(audit.statusCode).toBe(200);
    expect(JSON.stringify(audit.json())).toContain(body.id);
  });

  it('refuses a card code another point prints, whatever its case (409 card_code_taken)', async () => {
    const res = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { ...valid(), name: '別の場所', cardCode: 'OTR-tst1' },
    });
    const problem = expectProblem(res, 409, 'card_code_taken');
    expect(problem.errors?.[0]?.path).toBe('body.cardCode');
  });

  it('requires a school level exactly for school nurse offices', async () => {
    const school = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { ...valid(), kind: 'school_nurse_office', cardCode: 'SCH-1' },
    });
    expect(expectProblem(school, 400, 'validation_failed').errors?.[0]?.path).toBe('body.schoolLevel');
    const counter = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { ...valid(), schoolLevel: 'high', cardCode: 'SCH-2' },
    });
    expect(expectProblem(counter, 400, 'validation_failed').errors?.[0]?.path).toBe('body.schoolLevel');
    const ok = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: {
        ...valid(),
        name: '〇〇高校 保健室（架空）',
        kind: 'school_nurse_office',
        schoolLevel: 'high',
        cardCode: 'SCH-3',
      },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().schoolLevel).toBe('high');
  });

  it.each([
    ['an unknown field', { extra: 1 }],
    ['a card code with spaces', { cardCode: 'OTR FUK' }],
    ['a card code ending in a hyphen', { cardCode: 'OTR-' }],
    ['a card code too long', { cardCode: 'A'.repeat(25) }],
    ['an unknown kind', { kind: 'kiosk' }],
    ['a period ending before it starts', { validTo: '2021-11-01' }],
    ['a bad date', { validFrom: '2021-02-30' }],
    ['an empty name', { name: ' ' }],
    ['a bad schedule', { schedule: [{ weekday: 8, opens: '09:00', closes: '17:00' }] }],
    ['a wrong type', { opensOnHolidays: 'yes' }],
  ])('answers 400 for %s', async (_, patch) => {
    const res = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { ...valid(), cardCode: 'NEW-1', ...patch },
    });
    expectProblem(res, 400, 'validation_failed');
  });

  it('answers 400 for malformed JSON and 422 for an unknown organisation', async () => {
    const malformed = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(malformed, 400, 'malformed_json');
    const unknown = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: { ...valid(), cardCode: 'NEW-2', organisationId: '00000000-0000-4000-8000-000000000000' },
    });
    expectProblem(unknown, 422, 'unknown_organisation');
  });

  it('lets only staff and admin create points', async () => {
    expectProblem(await f.current.as('anonymous', { method: 'POST', url, payload: valid() }), 401, 'unauthenticated');
    expectProblem(await f.current.as('partner', { method: 'POST', url, payload: valid() }), 403, 'forbidden');
    expectProblem(await f.current.as('analyst', { method: 'POST', url, payload: valid() }), 403, 'forbidden');
    const key = await f.current.apiKey('partner');
    expectProblem(
      await f.current.app.inject({ method: 'POST', url, payload: valid(), headers: key }),
      403,
      'forbidden',
    );
  });
});

describe('distribution points: read', () => {
  it('lists by name with filters and keyset pages', async () => {
    await createPoint(f.current, { name: 'あ 一覧テスト', kind: 'store' });
    await createPoint(f.current, { name: 'い 一覧テスト', kind: 'store' });
    await createPoint(f.current, { name: 'う 一覧テスト', kind: 'store' });
    const first = await f.current.as('staff', { method: 'GET', url: `${url}?kind=store&limit=2` });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((p: { name: string }) => p.name)).toEqual(['あ 一覧テスト', 'い 一覧テスト']);
    const second = await f.current.as('staff', {
      method: 'GET',
      url: `${url}?kind=store&limit=2&cursor=${page1.nextCursor}`,
    });
    expect(second.json().items.map((p: { name: string }) => p.name)).toEqual(['う 一覧テスト']);
    expect(second.json().nextCursor).toBeNull();
    const byCode = await f.current.as('staff', { method: 'GET', url: `${url}?cardCode=otr-tst1` });
    expect(byCode.json().items).toHaveLength(1);
    expectProblem(
      await f.current.as('staff', { method: 'GET', url: `${url}?cursor=nonsense` }),
      400,
      'validation_failed',
    );
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${url}?limit=0` }), 400, 'validation_failed');
  });

  it('shows a partner only the points its organisation operates', async () => {
    const own = await createPoint(f.current, { organisationId: f.current.orgs.partner });
    const other = await createPoint(f.current, { organisationId: f.current.orgs.otherPartner });
    const list = await f.current.as('partner', { method: 'GET', url: `${url}?limit=500` });
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((p: { id: string }) => p.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(other.id);
    expect(
      list.json().items.every((p: { organisationId: string }) => p.organisationId === f.current.orgs.partner),
    ).toBe(true);
    const filtered = await f.current.as('partner', {
      method: 'GET',
      url: `${url}?organisationId=${f.current.orgs.otherPartner}`,
    });
    expect(filtered.json().items).toEqual([]);
    expect((await f.current.as('partner', { method: 'GET', url: `${url}/${own.id}` })).statusCode).toBe(200);
    expectProblem(await f.current.as('partner', { method: 'GET', url: `${url}/${other.id}` }), 404, 'not_found');
    expectProblem(await f.current.as('partner', { method: 'GET', url: `${url}/${other.id}/stock` }), 404, 'not_found');
  });

  it('refuses analysts (reports only) and anonymous callers', async () => {
    expectProblem(await f.current.as('analyst', { method: 'GET', url }), 403, 'forbidden');
    expectProblem(await f.current.as('anonymous', { method: 'GET', url }), 401, 'unauthenticated');
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${url}/not-a-uuid` }), 400, 'validation_failed');
    expectProblem(
      await f.current.as('staff', { method: 'GET', url: `${url}/00000000-0000-4000-8000-000000000000` }),
      404,
      'not_found',
    );
  });
});

describe('distribution points: update and delete', () => {
  it('needs If-Match and refuses a stale version', async () => {
    const point = await createPoint(f.current);
    const at = `${url}/${point.id}`;
    expectProblem(
      await f.current.as('staff', { method: 'PATCH', url: at, payload: { place: '2階' } }),
      428,
      'precondition_required',
    );
    const ok = await f.current.as('staff', {
      method: 'PATCH',
      url: at,
      payload: { place: '2階', validTo: '2022-02-28' },
      headers: { 'if-match': '"v1"' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ place: '2階', validTo: '2022-02-28', version: 2 });
    expect(ok.headers.etag).toBe('"v2"');
    expectProblem(
      await f.current.as('staff', {
        method: 'PATCH',
        url: at,
        payload: { place: '3階' },
        headers: { 'if-match': '"v1"' },
      }),
      412,
      'precondition_failed',
    );
  });

  it('checks kind and school level against the stored point', async () => {
    const point = await createPoint(f.current);
    const at = `${url}/${point.id}`;
    const toSchool = await f.current.as('staff', {
      method: 'PATCH',
      url: at,
      payload: { kind: 'school_nurse_office' },
      headers: { 'if-match': '"v1"' },
    });
    expect(expectProblem(toSchool, 400, 'validation_failed').errors?.[0]?.path).toBe('body.schoolLevel');
    const levelOnly = await f.current.as('staff', {
      method: 'PATCH',
      url: at,
      payload: { schoolLevel: 'elementary' },
      headers: { 'if-match': '"v1"' },
    });
    expectProblem(levelOnly, 400, 'validation_failed');
    const both = await f.current.as('staff', {
      method: 'PATCH',
      url: at,
      payload: { kind: 'school_nurse_office', schoolLevel: 'elementary' },
      headers: { 'if-match': '"v1"' },
    });
    expect(both.statusCode).toBe(200);
    const period = await f.current.as('staff', {
      method: 'PATCH',
      url: at,
      payload: { validTo: '2020-01-01' },
      headers: { 'if-match': '"v2"' },
    });
    expect(expectProblem(period, 400, 'validation_failed').errors?.[0]?.path).toBe('body.validTo');
  });

  it('refuses to take another point’s card code', async () => {
    const a = await createPoint(f.current);
    const b = await createPoint(f.current);
    const res = await f.current.as('staff', {
      method: 'PATCH',
      url: `${url}/${b.id}`,
      payload: { cardCode: a.cardCode.toLowerCase() },
      headers: { 'if-match': '"v1"' },
    });
    expectProblem(res, 409, 'card_code_taken');
  });

  it('deletes a point without movements, and refuses one with movements (409)', async () => {
    const empty = await createPoint(f.current);
    const del = await f.current.as('staff', { method: 'DELETE', url: `${url}/${empty.id}` });
    expect(del.statusCode).toBe(204);
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${url}/${empty.id}` }), 404, 'not_found');
    expectProblem(await f.current.as('staff', { method: 'DELETE', url: `${url}/${empty.id}` }), 404, 'not_found');

    const used = await createPoint(f.current);
    const item = await createItem(f.current);
    await receive(f.current, used.id, item.id, 5);
    expectProblem(
      await f.current.as('staff', { method: 'DELETE', url: `${url}/${used.id}` }),
      409,
      'point_has_movements',
    );
    expect((await f.current.as('staff', { method: 'GET', url: `${url}/${used.id}` })).statusCode).toBe(200);
    expectProblem(await f.current.as('partner', { method: 'DELETE', url: `${url}/${used.id}` }), 403, 'forbidden');
  });
});

describe('distribution points: stock', () => {
  it('lists every item with level, minimum (default or the point’s own) and a below-minimum flag', async () => {
    const point = await createPoint(f.current);
    const held = await createItem(f.current, { defaultMinimumLevel: 10 });
    const never = await createItem(f.current, { defaultMinimumLevel: 0 });
    await receive(f.current, point.id, held.id, 4);
    const res = await f.current.as('staff', { method: 'GET', url: `${url}/${point.id}/stock` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { itemId: string; level: number; minimumLevel: number; belowMinimum: boolean }[];
    expect(items.find((i) => i.itemId === held.id)).toMatchObject({ level: 4, minimumLevel: 10, belowMinimum: true });
    expect(items.find((i) => i.itemId === never.id)).toMatchObject({ level: 0, minimumLevel: 0, belowMinimum: false });

    const override = await f.current.as('staff', {
      method: 'PUT',
      url: `/api/v1/items/${held.id}/minimums/${point.id}`,
      payload: { minimumLevel: 3 },
    });
    expect(override.statusCode).toBe(201);
    const after = await f.current.as('partner', { method: 'GET', url: `${url}/${point.id}/stock` });
    expect(after.json().items.find((i: { itemId: string }) => i.itemId === held.id)).toMatchObject({
      level: 4,
      minimumLevel: 3,
      belowMinimum: false,
    });
  });
});
