import { beforeAll, describe, expect, it } from 'vitest';
import { consultationCount, standardWindows, valid } from './consultation-fixture.ts';
import { expectProblem, useFixture } from './helper.ts';

// The personal-data guard as a user meets it: through the consultations API.
const f = useFixture();
const url = '/api/v1/consultations';
let w: Awaited<ReturnType<typeof standardWindows>>;

beforeAll(async () => {
  w = await standardWindows(f.current);
});

describe('personal data in a consultation is refused, naming the field, storing nothing', () => {
  it.each([
    ['note', '携帯 090-2500-9863 に折り返し', 'phone'],
    ['note', '0134-32-4111 へ連絡', 'phone'],
    ['note', '０９０－２５００－９８６３', 'phone'],
    ['note', '+81 90 2500 9863', 'phone'],
    ['note', 'hanako@example.jp から連絡', 'email'],
    ['note', '〒047-0024 の近く', 'postal_code'],
    ['note', '稲穂2丁目12-1 在住', 'address'],
    ['note', '北海道小樽市花園1-2-3', 'address'],
    ['note', 'マイナンバー 1234 5678 9012', 'individual_number'],
    ['referredToExternal', '山田 090-1234-5678', 'phone'],
    ['cardCode', '090-2500-9863', 'phone'],
  ])('%s: %s → 422 (%s)', async (field, text, kind) => {
    const before = await consultationCount(f.current);
    const res = await f.current.as('staff', { method: 'POST', url, payload: valid(w.city, { [field]: text }) });
    const problem = expectProblem(res, 422, 'personal_data_detected');
    expect(problem.errors).toEqual([{ path: `body.${field}`, message: expect.stringContaining(kind) }]);
    // The answer never repeats what was typed.
    expect(res.body).not.toContain(text);
    expect(await consultationCount(f.current)).toBe(before);
  });

  it('names every field that carries personal data', async () => {
    const res = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: valid(w.city, { note: 'a@example.jp', referredToExternal: '〒047-0024' }),
    });
    const problem = expectProblem(res, 422, 'personal_data_detected');
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.note', 'body.referredToExternal']);
  });

  it('guards a change as well, and a partner key', async () => {
    const created = await f.current.as('staff', { method: 'POST', url, payload: valid(w.city) });
    const id = created.json().id as string;
    const res = await f.current.as('staff', {
      method: 'PATCH',
      url: `${url}/${id}`,
      headers: { 'if-match': created.headers.etag as string },
      payload: { note: '電話 33-1124 に折り返し' },
    });
    expectProblem(res, 422, 'personal_data_detected');
    expect((await f.current.as('staff', { method: 'GET', url: `${url}/${id}` })).json().note).toBeNull();

    const key = await f.current.apiKey('partner');
    const before = await consultationCount(f.current);
    expectProblem(
      await f.current.app.inject({
        method: 'POST',
        url,
        headers: key,
        payload: valid(w.partner, { note: 'mail: taro(at)example.com' }),
      }),
      422,
      'personal_data_detected',
    );
    expect(await consultationCount(f.current)).toBe(before);
  });
});

describe('clean text that only looks similar is accepted', () => {
  it.each([
    '2021-11-26に再来所予定、2021/12/3も可',
    '令和3年11月13日から土曜日に開設',
    '10:00–15:00の間に来所',
    '交通費12,000円、貸付1,000,000円の相談',
    '35歳、子ども2人(3歳と5歳)、3回目の相談',
    '北海道小樽市で開催の研修会を案内',
    '保健所庁舎 202号室を案内',
    '2021-2022年度の制度',
  ])('%s', async (note) => {
    const res = await f.current.as('staff', { method: 'POST', url, payload: valid(w.city, { note }) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().note).toBe(note);
  });
});
