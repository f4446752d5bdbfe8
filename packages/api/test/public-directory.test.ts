import { randomUUID } from 'node:crypto';
import type { CreateConsultationWindow, PublicConsultationWindow } from '@tsunagari/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, useFixture } from './helper.ts';

const f = useFixture();
const PUBLIC = '/api/v1/public/consultation-windows';

const ids = { saturday: '', weekday: '', night: '', ended: '', later: '' };

async function create(body: Omit<CreateConsultationWindow, 'organisationId'>) {
  const res = await f.current.as('staff', {
    method: 'POST',
    url: '/api/v1/consultation-windows',
    payload: { organisationId: f.current.orgs.partner, ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  ids.saturday = await create({
    name: '女性専用相談',
    topics: ['women_general'],
    place: '小樽市総合福祉センター1階',
    phone: '090-2500-9863',
    channels: ['in_person', 'phone'],
    womenOnly: true,
    isNew: true,
    validFrom: '2021-11-13',
    validTo: '2022-02-26',
    closureDates: ['2022-01-01'],
    schedule: [{ weekday: 6, opens: '10:00', closes: '15:00' }],
  });
  ids.weekday = await create({
    name: '女性相談室',
    topics: ['women_general', 'domestic_violence'],
    place: '勤労女性センター',
    phone: '0134-22-6010',
    reservationRequired: true,
    reservationNote: '来所の場合は予約制',
    channels: ['in_person', 'phone'],
    validFrom: '2021-04-01',
    schedule: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:30' })),
  });
  ids.night = await create({
    name: '夜間電話相談',
    topics: ['domestic_violence'],
    place: '電話のみ',
    channels: ['phone'],
    validFrom: '2021-04-01',
    schedule: [
      { weekday: 5, opens: '18:00', closes: '24:00' },
      { weekday: 6, opens: '00:00', closes: '01:00' },
    ],
  });
  ids.ended = await create({
    name: '終了した窓口',
    topics: ['other'],
    place: '旧庁舎',
    channels: ['in_person'],
    validFrom: '2020-04-01',
    validTo: '2021-03-31',
    schedule: [{ weekday: 1, opens: '09:00', closes: '12:00' }],
  });
  ids.later = await create({
    name: '来年度の窓口',
    topics: ['employment'],
    place: '新庁舎',
    channels: ['online'],
    validFrom: '2022-04-01',
    schedule: [{ weekday: 2, opens: '13:00', closes: '16:00' }],
  });
});

const directory = async (query: string, headers: Record<string, string> = {}) => {
  const res = await f.current.app.inject({ method: 'GET', url: `${PUBLIC}?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res;
};
const byId = (items: PublicConsultationWindow[]) => Object.fromEntries(items.map((w) => [w.id, w]));
const at = (instant: string) => `at=${encodeURIComponent(instant)}`;

describe('public directory', () => {
  it('needs no sign-in, is cacheable for a short while, and shows public fields only', async () => {
    const res = await directory(at('2021-11-13T11:00:00+09:00'));
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const body = res.json() as { items: PublicConsultationWindow[]; at: string };
    expect(body.at).toBe('2021-11-13T02:00:00.000Z');
    const saturday = byId(body.items)[ids.saturday] as Record<string, unknown>;
    expect(saturday).toEqual({
      id: ids.saturday,
      name: '女性専用相談',
      description: null,
      topics: ['women_general'],
      organisationName: 'テスト社会福祉協議会',
      place: '小樽市総合福祉センター1階',
      address: null,
      phone: '090-2500-9863',
      phoneExtension: null,
      reservationRequired: false,
      reservationNote: null,
      channels: ['in_person', 'phone'],
      womenOnly: true,
      isNew: true,
      validFrom: '2021-11-13',
      validTo: '2022-02-26',
      opensOnHolidays: false,
      schedule: [{ weekday: 6, opens: '10:00', closes: '15:00' }],
      openNow: true,
      nextOpening: { opens: '2021-11-13T01:00:00.000Z', closes: '2021-11-13T06:00:00.000Z' },
    });
    for (const item of body.items) {
      for (const hidden of ['organisationId', 'version', 'createdAt', 'updatedAt', 'closureDates']) {
        expect(item).not.toHaveProperty(hidden);
      }
    }
  });

  it('lists the windows that have not ended, by name, including those announced for later', async () => {
    const items = (await directory(at('2021-11-13T11:00:00+09:00'))).json().items as PublicConsultationWindow[];
    expect(items.map((w) => w.id).sort()).toEqual([ids.saturday, ids.weekday, ids.night, ids.later].sort());
    expect(items.map((w) => w.name)).toEqual(items.map((w) => w.name).sort());
    const later = byId(items)[ids.later];
    expect(later).toMatchObject({
      openNow: false,
      nextOpening: { opens: '2022-04-05T04:00:00.000Z', closes: '2022-04-05T07:00:00.000Z' },
    });
    // After 2022-02-26 the Saturday window has ended and leaves the directory.
    const march = (await directory(at('2022-03-01T10:00:00+09:00'))).json().items as PublicConsultationWindow[];
    expect(march.map((w) => w.id)).not.toContain(ids.saturday);
    expect(march.map((w) => w.id)).toContain(ids.weekday);
    // On its last day it is still listed.
    const last = (await directory(at('2022-02-26T16:00:00+09:00'))).json().items as PublicConsultationWindow[];
    expect(byId(last)[ids.saturday]).toMatchObject({ openNow: false, nextOpening: null });
  });

  it('computes "open now" and the next opening in Asia/Tokyo', async () => {
    // Saturday 2021-11-13 00:30 in Tokyo (Friday 15:30 UTC).
    const midnight = byId((await directory(at('2021-11-12T15:30:00Z'))).json().items);
    expect(midnight[ids.night]).toMatchObject({
      openNow: true,
      nextOpening: { opens: '2021-11-12T15:00:00.000Z', closes: '2021-11-12T16:00:00.000Z' },
    });
    expect(midnight[ids.weekday]).toMatchObject({
      openNow: false,
      // Monday 2021-11-15 09:00 in Tokyo.
      nextOpening: { opens: '2021-11-15T00:00:00.000Z', closes: '2021-11-15T08:30:00.000Z' },
    });
    expect(midnight[ids.saturday]).toMatchObject({
      openNow: false,
      nextOpening: { opens: '2021-11-13T01:00:00.000Z' },
    });

    // 勤労感謝の日 (Tuesday 2021-11-23): the weekday window stays closed and opens again on Wednesday.
    const holiday = byId((await directory(at('2021-11-23T10:00:00+09:00'))).json().items);
    expect(holiday[ids.weekday]).toMatchObject({
      openNow: false,
      nextOpening: { opens: '2021-11-24T00:00:00.000Z' },
    });

    // Christmas evening: the next Saturday is 元日, a closure date, so 2022-01-08.
    const christmas = byId((await directory(at('2021-12-25T16:00:00+09:00'))).json().items);
    expect(christmas[ids.saturday]).toMatchObject({
      openNow: false,
      nextOpening: { opens: '2022-01-08T01:00:00.000Z', closes: '2022-01-08T06:00:00.000Z' },
    });
  });

  it('uses the current time when no `at` is given', async () => {
    const before = Date.now();
    const body = (await directory('')).json();
    expect(Date.parse(body.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(body.at)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('filters by topic and accepts a guidance card code', async () => {
    const dv = (await directory(`topic=domestic_violence&${at('2021-11-13T11:00:00+09:00')}`)).json().items;
    expect(dv.map((w: PublicConsultationWindow) => w.id).sort()).toEqual([ids.weekday, ids.night].sort());
    const withCard = await directory(`card=SHAKYO-01&${at('2021-11-13T11:00:00+09:00')}`);
    expect(withCard.json().items).toHaveLength(4);
  });

  it('refuses bad query parameters with 400', async () => {
    for (const query of [
      'topic=astrology',
      'at=tomorrow',
      'at=2021-11-13T10:00:00',
      `card=${encodeURIComponent('<script>')}`,
      `card=${'A'.repeat(33)}`,
    ]) {
      expectProblem(await f.current.app.inject({ method: 'GET', url: `${PUBLIC}?${query}` }), 400, 'validation_failed');
    }
  });

  it('can be read with a partner or analyst API key and by any signed-in role', async () => {
    for (const role of ['partner', 'analyst'] as const) {
      const res = await directory(at('2021-11-13T11:00:00+09:00'), await f.current.apiKey(role));
      expect(res.json().items).toHaveLength(4);
    }
    for (const role of ['admin', 'staff', 'partner', 'analyst'] as const) {
      const res = await f.current.as(role, { method: 'GET', url: `${PUBLIC}/${ids.saturday}` });
      expect(res.statusCode).toBe(200);
    }
  });
});

describe('one window of the public directory', () => {
  it('answers with the public fields and "open now" for `at`', async () => {
    const res = await f.current.app.inject({
      method: 'GET',
      url: `${PUBLIC}/${ids.saturday}?${at('2022-01-01T11:00:00+09:00')}&card=NURSE-03`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const body = res.json();
    expect(body).not.toHaveProperty('organisationId');
    expect(body).not.toHaveProperty('version');
    expect(body).toMatchObject({
      id: ids.saturday,
      openNow: false,
      nextOpening: { opens: '2022-01-08T01:00:00.000Z' },
    });
  });

  it('still answers for a window that has ended, with no next opening', async () => {
    const res = await f.current.app.inject({ method: 'GET', url: `${PUBLIC}/${ids.ended}` });
    expect(res.json()).toMatchObject({ validTo: '2021-03-31', openNow: false, nextOpening: null });
  });

  it('answers 400 for a bad id and 404 for an unknown one', async () => {
    expectProblem(await f.current.app.inject({ method: 'GET', url: `${PUBLIC}/123` }), 400, 'validation_failed');
    expectProblem(await f.current.app.inject({ method: 'GET', url: `${PUBLIC}/${randomUUID()}` }), 404, 'not_found');
  });

  it('offers no way to write', async () => {
    for (const method of ['POST', 'PATCH', 'DELETE'] as const) {
      const res = await f.current.app.inject({ method, url: `${PUBLIC}/${ids.saturday}`, payload: {} });
      expect([404, 405]).toContain(res.statusCode);
    }
  });
});

describe('OpenAPI', () => {
  it('documents the window routes, the public directory and their errors', async () => {
    const doc = (await f.current.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const windows = doc.paths['/api/v1/consultation-windows/{id}'];
    expect(Object.keys(windows.patch.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '412', '422', '428']),
    );
    expect(Object.keys(doc.paths['/api/v1/consultation-windows'].post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '413', '415', '422']),
    );
    expect(doc.paths['/api/v1/consultation-windows/{id}/opening-days'].get.tags).toEqual(['consultation-windows']);
    const directoryOp = doc.paths['/api/v1/public/consultation-windows'].get;
    expect(directoryOp.security).toBeUndefined();
    expect(directoryOp.responses['401']).toBeUndefined();
    for (const id of ['ConsultationWindow', 'ConsultationWindowPage', 'OpeningDays', 'PublicDirectory']) {
      expect(doc.components.schemas).toHaveProperty(id);
    }
  });
});
