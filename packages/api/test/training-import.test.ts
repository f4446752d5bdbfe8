import type { TrainingImportResult } from '@tsunagari/shared';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { expectProblem, useFixture } from './helper.ts';
import { createEvent, EVENTS, register, registrations } from './training-fixture.ts';

const f = useFixture();

const importUrl = (eventId: string, query = '') => `${EVENTS}/${eventId}/registrations/import${query}`;

function upload(eventId: string, body: Buffer | string, contentType = 'text/csv', query = '') {
  return f.current.as('staff', {
    method: 'POST',
    url: importUrl(eventId, query),
    headers: { 'content-type': contentType },
    payload: body,
  });
}

/** What Excel on a Japanese Windows saves as "CSV (カンマ区切り)": Shift_JIS, CRLF. */
const shiftJisCsv = [
  '氏名,ふりがな,所属区分,所属,メール,参加方法',
  '高橋 美咲,たかはし みさき,民生児童委員,第1地区民生児童委員協議会,misaki@example.jp,会場',
  '伊藤 さくら,イトウ サクラ,教職員,市立髙島小学校,,会場',
  '渡辺 めぐみ,ﾜﾀﾅﾍﾞ ﾒｸﾞﾐ,市相談員,女性相談室,,会場',
  '中村 由美,なかむら ゆみ,連携団体職員,社会福祉協議会,,オンライン',
  '',
].join('\r\n');

describe('CSV import', () => {
  it('imports a Shift_JIS file from Excel in file order, honouring capacity and the waitlist', async () => {
    const event = await createEvent(f.current, { venueCapacity: 2, onlineCapacity: 1 });
    const bytes = iconv.encode(shiftJisCsv, 'Shift_JIS');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const res = await upload(event.id, bytes);
    expect(res.statusCode, res.body).toBe(201);
    const result: TrainingImportResult = res.json();
    expect(result).toMatchObject({ dryRun: false, rows: 4, encoding: 'cp932', confirmed: 3, waitlisted: 1 });
    const list = await registrations(f.current, event.id);
    expect(list.map((r) => [r.name, r.affiliation, r.mode, r.status, r.source])).toEqual([
      ['高橋 美咲', 'minsei_jido_iin', 'venue', 'confirmed', 'import'],
      ['伊藤 さくら', 'teacher', 'venue', 'confirmed', 'import'],
      ['渡辺 めぐみ', 'city_counsellor', 'venue', 'waitlisted', 'import'],
      ['中村 由美', 'partner_staff', 'online', 'confirmed', 'import'],
    ]);
    expect(list[0]).toMatchObject({ email: 'misaki@example.jp', organisationName: '第1地区民生児童委員協議会' });
    // CP932 characters outside JIS X 0208 (髙) and half-width katakana come through.
    expect(list[1]?.organisationName).toBe('市立髙島小学校');
    expect(list[2]).toMatchObject({ nameKana: 'ワタナベ メグミ', waitlistPosition: 1 });
    expect((await registrations(f.current, event.id, '&q=わたなべ')).map((r) => r.name)).toEqual(['渡辺 めぐみ']);
  });

  it('imports UTF-8 with a BOM and English headers and codes, sent as application/octet-stream', async () => {
    const event = await createEvent(f.current, { venueCapacity: 5, onlineCapacity: 5 });
    const text =
      '\uFEFFname,nameKana,affiliation,organisationName,email,mode\n' +
      '"Suzuki, Aoi",すずき あおい,city_staff,Otaru City,aoi@example.jp,online\n' +
      '小林 翼,,other,,,venue\n';
    const res = await upload(event.id, Buffer.from(text, 'utf8'), 'application/octet-stream');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rows: 2, encoding: 'utf-8', confirmed: 2, waitlisted: 0 });
    const names = (await registrations(f.current, event.id)).map((r) => [r.name, r.affiliation, r.mode]);
    expect(names).toEqual([
      ['Suzuki, Aoi', 'city_staff', 'online'],
      ['小林 翼', 'other', 'venue'],
    ]);
  });

  it('reads UTF-8 without a BOM, Excel’s UTF-16 text, ignores unknown columns and blank lines', async () => {
    const event = await createEvent(f.current, { venueCapacity: 5, onlineCapacity: 5 });
    const utf8 =
      'No.,氏名,所属区分,参加方法,備考\r\n1,加藤 奈々,教職員,会場,前列希望\r\n\r\n2,吉田 葵,民生委員,オンライン,\r\n';
    const res = await upload(event.id, Buffer.from(utf8, 'utf8'), 'text/csv; charset=utf-8');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rows: 2, encoding: 'utf-8' });

    const tsv = '氏名\t所属区分\t参加方法\r\n山本 陽菜\t市職員\t会場\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
    const res16 = await upload(event.id, utf16);
    expect(res16.statusCode, res16.body).toBe(201);
    expect(res16.json()).toMatchObject({ rows: 1, encoding: 'utf-16le' });
    const list = await registrations(f.current, event.id);
    expect(list.map((r) => [r.name, r.affiliation])).toEqual([
      ['加藤 奈々', 'teacher'],
      ['吉田 葵', 'minsei_jido_iin'],
      ['山本 陽菜', 'city_staff'],
    ]);
  });

  it('imports nothing when a row is bad, and names every bad line and column', async () => {
    const event = await createEvent(f.current, { venueCapacity: 5, onlineCapacity: 5 });
    const text = [
      '氏名,ふりがな,所属区分,所属,メール,参加方法',
      '良い 行,よい ぎょう,教職員,,,会場',
      '"改行を含む',
      '所属",,市職員,,,会場',
      '悪い 区分,,校長,,,会場',
      '',
      ',,教職員,,,会場',
      '悪い メール,,その他,,not-mail,オンライン',
      '悪い 方法,,その他,,,電話',
      '悪い かな,山田,その他,,,会場',
    ].join('\r\n');
    const res = await upload(event.id, iconv.encode(text, 'CP932'));
    const problem = expectProblem(res, 422, 'import_invalid');
    expect(problem.errors).toEqual([
      { path: 'line 5: 所属区分', message: expect.stringContaining('民生児童委員') },
      { path: 'line 7: 氏名', message: expect.any(String) },
      { path: 'line 8: メール', message: 'not an e-mail address' },
      { path: 'line 9: 参加方法', message: expect.stringContaining('会場') },
      { path: 'line 10: ふりがな', message: 'hiragana or katakana only' },
    ]);
    expect(await registrations(f.current, event.id)).toHaveLength(0);
  });

  it('refuses a file without the required columns, duplicate addresses, and addresses registered already', async () => {
    const event = await createEvent(f.current, { venueCapacity: 5, onlineCapacity: 0 });
    await register(f.current, event.id, { email: 'taken@example.jp' });
    const noColumns = await upload(event.id, '名前,所属\r\n山田,学校\r\n');
    expect(expectProblem(noColumns, 422, 'import_invalid').errors?.map((e) => e.path)).toEqual([
      'line 1: 所属区分',
      'line 1: 参加方法',
    ]);
    const dup = await upload(
      event.id,
      '氏名,所属区分,参加方法,メール\r\nA,教職員,会場,a@example.jp\r\nB,教職員,会場,A@example.jp\r\nC,教職員,会場,taken@example.jp\r\nD,教職員,オンライン,\r\n',
    );
    expect(expectProblem(dup, 422, 'import_invalid').errors).toEqual([
      { path: 'line 3: メール', message: 'the same address as line 2' },
      { path: 'line 4: メール', message: 'already registered for this event' },
      { path: 'line 5: 参加方法', message: 'this event does not offer online participation' },
    ]);
    expect(await registrations(f.current, event.id)).toHaveLength(1);
  });

  it('checks without importing on a dry run', async () => {
    const event = await createEvent(f.current, { venueCapacity: 2, onlineCapacity: 1 });
    const res = await upload(event.id, iconv.encode(shiftJisCsv, 'Shift_JIS'), 'text/csv', '?dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, rows: 4, confirmed: 3, waitlisted: 1, registrations: [] });
    expect(await registrations(f.current, event.id)).toHaveLength(0);
  });

  it('re-imports its own export', async () => {
    const from = await createEvent(f.current, { venueCapacity: 5, onlineCapacity: 5 });
    await register(f.current, from.id, { name: '小川 葵', nameKana: 'おがわ あおい', affiliation: 'city_counsellor' });
    await register(f.current, from.id, { name: '森 陸', nameKana: null, affiliation: 'other', mode: 'online' });
    const csv = await f.current.as('staff', { method: 'GET', url: `${EVENTS}/${from.id}/registrations?format=csv` });
    const to = await createEvent(f.current, { venueCapacity: 5, onlineCapacity: 5 });
    const res = await upload(to.id, csv.rawPayload);
    expect(res.statusCode, res.body).toBe(201);
    expect((await registrations(f.current, to.id)).map((r) => [r.name, r.nameKana, r.affiliation, r.mode])).toEqual([
      ['小川 葵', 'おがわ あおい', 'city_counsellor', 'venue'],
      ['森 陸', null, 'other', 'online'],
    ]);
  });

  it('answers bad uploads with 4xx and imports nothing', async () => {
    const event = await createEvent(f.current);
    expectProblem(await upload(event.id, ''), 422, 'import_invalid');
    expectProblem(await upload(event.id, '氏名,所属区分,参加方法\r\n'), 422, 'import_invalid');
    expectProblem(await upload(event.id, '氏名,所属区分,参加方法\r\n"A,教職員,会場\r\n'), 422, 'import_invalid');
    expectProblem(await upload(event.id, Buffer.alloc(3 * 1024 * 1024, 0x41)), 413, 'payload_too_large');
    expectProblem(await upload(event.id, 'x', 'text/plain'), 415);
    expectProblem(await upload(event.id, '{"name":"x"}', 'application/json'), 400, 'validation_failed');
    expectProblem(
      await upload(event.id, '氏名,所属区分,参加方法\r\nA,教職員,会場\r\n', 'text/csv', '?dryRun=maybe'),
      400,
    );
    expectProblem(await upload('not-a-uuid', '氏名,所属区分,参加方法\r\nA,教職員,会場\r\n'), 400, 'validation_failed');
    expectProblem(await upload(crypto.randomUUID(), '氏名,所属区分,参加方法\r\nA,教職員,会場\r\n'), 404, 'not_found');
    const tooMany = `氏名,所属区分,参加方法\r\n${'A,教職員,会場\r\n'.repeat(2001)}`;
    const many = expectProblem(await upload(event.id, tooMany), 422, 'import_invalid');
    expect(many.errors?.[0]?.path).toBe('line 2002');
    expect(await registrations(f.current, event.id)).toHaveLength(0);

    const cancelled = await createEvent(f.current, { status: 'cancelled' });
    expectProblem(await upload(cancelled.id, '氏名,所属区分,参加方法\r\nA,教職員,会場\r\n'), 409, 'event_cancelled');
  });

  it('is for staff and admins only', async () => {
    const event = await createEvent(f.current);
    const body = '氏名,所属区分,参加方法\r\nA,教職員,会場\r\n';
    const options = {
      method: 'POST' as const,
      url: importUrl(event.id),
      headers: { 'content-type': 'text/csv' },
      payload: body,
    };
    expectProblem(await f.current.as('anonymous', options), 401, 'unauthenticated');
    expectProblem(await f.current.as('partner', options), 403, 'forbidden');
    expectProblem(await f.current.as('analyst', options), 403, 'forbidden');
    const admin = await f.current.as('admin', options);
    expect(admin.statusCode, admin.body).toBe(201);
    expect(await registrations(f.current, event.id)).toHaveLength(1);
  });
});
