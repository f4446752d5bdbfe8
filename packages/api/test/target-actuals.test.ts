/**
 * Every kind of definition against figures counted by hand from the records below, built
 * through the API. The fiscal-year edge is the instant 2022-04-01 00:00 Asia/Tokyo: a record at
 * 2022-03-31 23:59 counts for FY2021, one at 00:00 for FY2022, and 2021-04-03 00:30 in Tokyo
 * (still Friday in UTC) is a Saturday.
 */
import type { Survey, TargetMetricResult, TargetMetricsReport } from '@tsunagari/shared';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertWindow } from './consultation-fixture.ts';
import { expectProblem, useFixture, type Who } from './helper.ts';
import { createItem, createPoint, receive } from './stock-fixture.ts';
import { createEvent, register } from './training-fixture.ts';

const f = useFixture();

const ok = (res: LightMyRequestResponse, status = 201) => {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
};
const post = (url: string, payload: object, who: Who = 'staff') =>
  f.current.as(who, { method: 'POST', url: `/api/v1${url}`, payload });

const metrics: Record<string, string> = {};

async function define(key: string, body: Record<string, unknown>, fiscalYear = 2021) {
  const res = await post('/target-metrics', { fiscalYear, label: key, ...body });
  metrics[key] = ok(res).id;
}

async function report(query: string, who: Who = 'staff'): Promise<TargetMetricsReport> {
  const res = await f.current.as(who, { method: 'GET', url: `/api/v1/reports/target-metrics?${query}` });
  return ok(res, 200);
}
const item = (r: TargetMetricsReport, key: string) =>
  r.items.find((m) => m.metricId === metrics[key]) as TargetMetricResult;

beforeAll(async () => {
  const fx = f.current;
  // ——— consultations ———
  const saturdayWindow = await insertWindow(fx, {
    name: 'テスト土曜窓口',
    organisationId: fx.orgs.city,
    validFrom: '2021-01-01',
    schedule: [{ weekday: 6, opens: '10:00', closes: '15:00' }],
  });
  const otherWindow = await insertWindow(fx, { name: 'テスト平日窓口', organisationId: fx.orgs.city });
  const consult = (windowId: string, occurredAt: string, over: Record<string, unknown> = {}) =>
    post('/consultations', { windowId, occurredAt, channel: 'in_person', topics: ['women_general'], ...over }).then(
      (r) => ok(r),
    );
  await consult(saturdayWindow, '2021-03-31T23:59:59+09:00'); // FY2020
  await consult(saturdayWindow, '2021-04-03T00:30:00+09:00'); // Saturday in Tokyo, Friday in UTC
  await consult(saturdayWindow, '2021-04-03T10:00:00+09:00', { topics: ['domestic_violence', 'family'] });
  await consult(saturdayWindow, '2021-04-10T11:00:00+09:00', { channel: 'phone' });
  await consult(saturdayWindow, '2021-04-07T10:00:00+09:00'); // a Wednesday call-back
  await consult(saturdayWindow, '2022-03-31T23:59:00+09:00'); // Thursday, last minute of FY2021
  await consult(saturdayWindow, '2022-04-01T00:00:00+09:00'); // FY2022
  await consult(otherWindow, '2021-06-01T10:00:00+09:00', { referralSource: 'guidance_card', cardCode: 'T-FUNNEL' });
  await consult(otherWindow, '2022-01-11T10:00:00+09:00', { referralSource: 'guidance_card', cardCode: 't-funnel' });
  await consult(otherWindow, '2022-04-01T09:00:00+09:00', { referralSource: 'guidance_card', cardCode: 'T-FUNNEL' });
  await consult(otherWindow, '2021-07-01T10:00:00+09:00', { referralSource: 'guidance_card', cardCode: 'NOPE-1' });

  // ——— hand-outs ———
  const counter = await createPoint(fx, { kind: 'city_counter', organisationId: fx.orgs.city, cardCode: 'T-FUNNEL' });
  const school = await createPoint(fx, { kind: 'school_nurse_office', schoolLevel: 'elementary' });
  const stock = await createItem(fx);
  await receive(fx, counter.id, stock.id, 100);
  await receive(fx, school.id, stock.id, 100);
  const handOut = (pointId: string, occurredAt: string, over: Record<string, unknown> = {}) =>
    post('/distributions', { pointId, itemId: stock.id, requestMethod: 'flyer', occurredAt, ...over }).then((r) =>
      ok(r),
    );
  await handOut(counter.id, '2021-05-10T10:00:00+09:00', { sets: 3 });
  await handOut(counter.id, '2022-03-31T23:59:00+09:00');
  await handOut(counter.id, '2022-04-01T00:00:00+09:00');
  const undone = await handOut(counter.id, '2021-12-01T10:00:00+09:00', { sets: 5 });
  ok(await post(`/distributions/${undone.id}/undo`, {}), 200);
  await handOut(school.id, '2021-11-30T15:30:00+09:00', {
    sets: 10,
    requestMethod: 'none',
    periodFrom: '2021-11-18',
    periodTo: '2021-11-30',
  });

  // ——— training: attended counts on the day of the event ———
  const a = await createEvent(fx, { startsAt: '2021-11-19T14:00:00+09:00', endsAt: '2021-11-19T16:00:00+09:00' });
  const b = await createEvent(fx, { startsAt: '2022-03-31T23:00:00+09:00', endsAt: '2022-04-01T01:00:00+09:00' });
  const c = await createEvent(fx, { startsAt: '2022-04-01T00:00:00+09:00', endsAt: '2022-04-01T02:00:00+09:00' });
  const cancelled = await createEvent(fx, {
    startsAt: '2021-12-01T10:00:00+09:00',
    endsAt: '2021-12-01T12:00:00+09:00',
  });
  const checkIn = (eventId: string, regId: string) =>
    post(`/training-events/${eventId}/registrations/${regId}/check-in`, {}).then((r) => ok(r, 200));
  const a1 = await register(fx, a.id);
  const a2 = await register(fx, a.id, { name: '佐藤 花子', nameKana: 'さとう はなこ' });
  await register(fx, a.id, { name: '鈴木 花子', nameKana: 'すずき はなこ', mode: 'online' });
  await checkIn(a.id, a1.id);
  await checkIn(a.id, a2.id);
  await checkIn(b.id, (await register(fx, b.id)).id);
  await checkIn(c.id, (await register(fx, c.id)).id);
  await register(fx, cancelled.id);
  ok(
    await f.current.as('staff', {
      method: 'PATCH',
      url: `/api/v1/training-events/${cancelled.id}`,
      payload: { status: 'cancelled' },
      headers: { 'if-match': cancelled.etag },
    }),
    200,
  );
  metrics.eventA = a.id;

  // ——— a survey answered on paper, then a second version of its questions ———
  const survey = ok(
    await post('/surveys', {
      title: 'テストアンケート',
      questions: [
        { kind: 'scale5', text: '満足しましたか' },
        {
          kind: 'yes_no',
          text: 'よかったですか',
          options: [{ label: 'はい', countsAsPositive: true }, { label: 'いいえ' }],
        },
        {
          kind: 'multiple_choice',
          text: '良かった点',
          options: [
            { label: '内容', countsAsSatisfied: true },
            { label: '時間' },
            { label: '会場', countsAsSatisfied: true },
          ],
        },
      ],
    }),
  ) as Survey;
  const [q1, q2, q3] = survey.questions as [
    Survey['questions'][number],
    Survey['questions'][number],
    Survey['questions'][number],
  ];
  const answer = (answers: Record<string, unknown>, submittedAt: string, version?: number) =>
    post(`/surveys/${survey.id}/responses`, { answers, submittedAt, ...(version ? { version } : {}) }).then((r) =>
      ok(r),
    );
  const [content, time, place] = q3.options.map((o) => o.id) as [string, string, string];
  await answer({ [q1.id]: 5, [q2.id]: true, [q3.id]: [content, time] }, '2021-05-10');
  await answer({ [q1.id]: 4, [q2.id]: false, [q3.id]: [time] }, '2021-05-11');
  await answer({ [q1.id]: 2, [q2.id]: true, [q3.id]: [place] }, '2021-05-12');
  await answer({ [q2.id]: true }, '2021-05-13'); // q1 unanswered: not in its denominator
  await answer({ [q1.id]: 5 }, '2022-03-31T23:59:00+09:00');
  await answer({ [q1.id]: 5, [q2.id]: false }, '2022-04-01T00:00:00+09:00'); // FY2022
  await answer({ [q1.id]: 1 }, '2021-03-31T12:00:00+09:00'); // FY2020
  // Adding a question after answers makes version 2; the satisfaction question keeps its key.
  const current = ok(
    await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${survey.id}` }),
    200,
  ) as Survey;
  const v2 = ok(
    await f.current.as('staff', {
      method: 'PUT',
      url: `/api/v1/surveys/${survey.id}/questions`,
      headers: { 'if-match': `"v${current.version}"` },
      payload: {
        questions: [
          { id: q1.id, kind: 'scale5', text: q1.text },
          { kind: 'free_text', text: 'ご意見' },
        ],
      },
    }),
    200,
  ) as Survey;
  expect(v2.currentVersion).toBe(2);
  await answer({ [(v2.questions[0] as { id: string }).id]: 4 }, '2021-06-01', 2);

  // ——— the metrics ———
  await define('participants', { unit: 'people', target: 80, definition: { kind: 'training_participants' } });
  await define('participantsA', {
    unit: 'people',
    target: 2,
    definition: { kind: 'training_participants', eventIds: [a.id] },
  });
  await define('registered', {
    unit: 'people',
    target: 10,
    definition: { kind: 'training_participants', basis: 'registered' },
  });
  await define('satisfied', {
    unit: 'percent',
    target: 80,
    definition: { kind: 'survey_satisfied_share', surveyId: survey.id, questionId: q1.id },
  });
  await define('positive', {
    unit: 'percent',
    target: 70,
    definition: { kind: 'survey_positive_share', surveyId: survey.id, questionId: q2.id },
  });
  await define('multiple', {
    unit: 'percent',
    target: 50,
    definition: { kind: 'survey_satisfied_share', surveyId: survey.id, questionId: q3.id },
  });
  await define('saturdays', {
    unit: 'count',
    target: 16,
    definition: { kind: 'consultations', windowIds: [saturdayWindow], weekdays: [6] },
  });
  await define('allConsultations', { unit: 'count', target: 100, definition: { kind: 'consultations' } });
  await define('phone', { unit: 'count', target: 5, definition: { kind: 'consultations', channels: ['phone'] } });
  await define('dv', {
    unit: 'count',
    target: 5,
    definition: { kind: 'consultations', topics: ['domestic_violence', 'single_parent'] },
  });
  await define('sets', { unit: 'sets', target: 100, definition: { kind: 'sets_handed_out' } });
  await define('schoolSets', {
    unit: 'sets',
    target: 10,
    definition: { kind: 'sets_handed_out', pointKinds: ['school_nurse_office'] },
  });
  await define('counterSets', {
    unit: 'sets',
    target: 10,
    definition: { kind: 'sets_handed_out', pointIds: [counter.id] },
  });
  await define('funnel', {
    unit: 'percent',
    target: 10,
    definition: { kind: 'funnel_conversion', pointIds: [counter.id] },
  });
  await define('manual', {
    unit: 'count',
    target: 15,
    direction: 'at_most',
    definition: {
      kind: 'manual',
      entries: [
        { value: 10, asOf: '2021-06-30' },
        { value: 20, asOf: '2021-09-30', note: '9月末' },
      ],
    },
  });
}, 240_000);

describe('actuals of each kind, FY2021 finished', () => {
  let r: TargetMetricsReport;
  beforeAll(async () => {
    r = await report('fiscalYear=2021');
  });

  it('counts training participants on the day of their event, attended or registered', () => {
    // A: 2 of 3 checked in; B (31 March 23:00) 1; C (1 April 00:00) is FY2022; the cancelled event counts nothing.
    expect(item(r, 'participants')).toMatchObject({
      actual: 3,
      numerator: 3,
      denominator: null,
      achievementRate: 0.0375,
    });
    expect(item(r, 'participantsA')).toMatchObject({ actual: 2, met: true, achievementRate: 1 });
    expect(item(r, 'registered')).toMatchObject({ actual: 4 });
  });

  it('computes survey shares over those who answered, across versions, inside the year', () => {
    // q1 in FY2021: 5, 4, 2 (May), 5 (31 March 23:59), 4 (version 2) → 4 of 5 satisfied.
    expect(item(r, 'satisfied')).toMatchObject({
      numerator: 4,
      denominator: 5,
      actual: 80,
      met: true,
      achievementRate: 1,
    });
    // q2 in FY2021: yes, no, yes, yes → 3 of 4.
    expect(item(r, 'positive')).toMatchObject({ numerator: 3, denominator: 4, actual: 75, met: true });
    // q3: [内容, 時間] satisfied once, [時間] not, [会場] satisfied → 2 of 3.
    expect(item(r, 'multiple')).toMatchObject({ numerator: 2, denominator: 3, actual: 66.67 });
  });

  it('counts consultations by window, Tokyo weekday, channel and topic', () => {
    expect(item(r, 'saturdays')).toMatchObject({ actual: 3, target: 16, met: false, achievementRate: 0.1875 });
    // Saturday window: 04-03 ×2, 04-07, 04-10, 03-31 23:59; other window: 06-01, 01-11, 07-01.
    expect(item(r, 'allConsultations')).toMatchObject({ actual: 8 });
    expect(item(r, 'phone')).toMatchObject({ actual: 1 });
    expect(item(r, 'dv')).toMatchObject({ actual: 1 });
  });

  it('counts sets handed out, not the undone ones, by point and kind', () => {
    // Counter: 3 (May) + 1 (31 March 23:59); the 5 undone and the 1 of 1 April do not count. School: 10.
    expect(item(r, 'sets')).toMatchObject({ actual: 14 });
    expect(item(r, 'schoolSets')).toMatchObject({ actual: 10, met: true });
    expect(item(r, 'counterSets')).toMatchObject({ actual: 4 });
  });

  it('traces card codes (any case) to the point: consultations ÷ sets', () => {
    expect(item(r, 'funnel')).toMatchObject({
      numerator: 2,
      denominator: 4,
      actual: 50,
      met: true,
      achievementRate: 5,
    });
  });

  it('takes the latest manual value; at_most inverts the rate', () => {
    expect(item(r, 'manual')).toMatchObject({
      actual: 20,
      numerator: null,
      valueAsOf: '2021-09-30',
      met: false,
      achievementRate: 0.75,
      projection: 20,
      atRisk: true,
    });
  });

  it('gives a weekly cumulative series from the Monday before 1 April', () => {
    const s = item(r, 'saturdays').series;
    expect(s).toHaveLength(53);
    expect(s[0]).toEqual({ weekStart: '2021-03-29', value: 2, numerator: 2, denominator: null });
    expect(s[1]).toMatchObject({ weekStart: '2021-04-05', value: 3 });
    expect(s[52]).toMatchObject({ weekStart: '2022-03-28', value: 3 });
    const sat = item(r, 'satisfied').series;
    expect(sat.find((p) => p.weekStart === '2021-05-10')).toMatchObject({ numerator: 2, denominator: 3, value: 66.67 });
    expect(sat.find((p) => p.weekStart === '2021-05-31')).toMatchObject({ numerator: 3, denominator: 4, value: 75 });
    const manual = item(r, 'manual').series;
    expect(manual.find((p) => p.weekStart === '2021-06-21')?.value).toBeNull();
    expect(manual.find((p) => p.weekStart === '2021-06-28')?.value).toBe(10);
    expect(manual.find((p) => p.weekStart === '2021-09-27')?.value).toBe(20);
  });

  it('counts FY2022 from 1 April 00:00 Tokyo time', async () => {
    const next = await report('fiscalYear=2022&asOf=2022-04-30');
    const ids = new Set(next.items.map((m) => m.metricId));
    expect(ids.size).toBe(0);
    await define(
      'participants2022',
      { unit: 'people', target: 1, definition: { kind: 'training_participants' } },
      2022,
    );
    await define('consultations2022', { unit: 'count', target: 1, definition: { kind: 'consultations' } }, 2022);
    await define('sets2022', { unit: 'sets', target: 1, definition: { kind: 'sets_handed_out' } }, 2022);
    const later = await report('fiscalYear=2022&asOf=2022-04-30');
    expect(item(later, 'participants2022').actual).toBe(1);
    expect(item(later, 'consultations2022').actual).toBe(2);
    expect(item(later, 'sets2022').actual).toBe(1);
  });
});

describe('as of a moment: partial counts and projections', () => {
  it('stops at asOf: a date is the end of that day, a date-time that instant', async () => {
    const day = await report('fiscalYear=2021&asOf=2022-03-31');
    expect(item(day, 'allConsultations').actual).toBe(8);
    const instant = await report(`fiscalYear=2021&asOf=${encodeURIComponent('2022-03-31T23:59:00+09:00')}`);
    expect(item(instant, 'allConsultations').actual).toBe(7);
    expect(instant.finished).toBe(false);
    expect(instant.daysElapsed).toBe(365);
    // Sets: whole days from the rollup, the last day up to the instant from the hand-outs.
    expect(item(day, 'counterSets').actual).toBe(4);
    expect(item(instant, 'counterSets').actual).toBe(3);
    expect(item(instant, 'funnel').denominator).toBe(3);
    const after = await report(`fiscalYear=2021&asOf=${encodeURIComponent('2022-03-31T23:59:30+09:00')}`);
    expect(item(after, 'counterSets').actual).toBe(4);
    expect(item(after, 'sets').actual).toBe(14);
  });

  it('projects counts linearly from the days elapsed; shares stay as they are', async () => {
    const r = await report('fiscalYear=2021&asOf=2021-12-31');
    // 1 April to 31 December: 275 days.
    expect(r).toMatchObject({ daysElapsed: 275, daysInYear: 365, finished: false, asOf: '2021-12-31T15:00:00.000Z' });
    const participants = item(r, 'participants');
    expect(participants).toMatchObject({ actual: 2, projection: 2.65, atRisk: true, met: false });
    // 10 sets by 31 December (3 in May, 10 at the school; the undone 5 not): 13 × 365 / 275.
    expect(item(r, 'sets')).toMatchObject({ actual: 13, projection: 17.25, atRisk: true });
    expect(item(r, 'schoolSets')).toMatchObject({ actual: 10, projection: 13.27, atRisk: false });
    expect(item(r, 'satisfied')).toMatchObject({
      numerator: 3,
      denominator: 4,
      actual: 75,
      projection: 75,
      atRisk: true,
    });
    expect(item(r, 'positive').projection).toBe(75);
    // A manual count projects from its own day: 20 by 30 September (183 days) → 20 × 365 / 183.
    expect(item(r, 'manual')).toMatchObject({ actual: 20, valueAsOf: '2021-09-30', projection: 39.89, atRisk: true });
    const august = await report('fiscalYear=2021&asOf=2021-08-15');
    // 10 by 30 June (91 days) → 40.11, above the at_most target of 15.
    expect(item(august, 'manual')).toMatchObject({ actual: 10, met: true, achievementRate: 1.5, projection: 40.11 });
    // The series stops at asOf.
    expect(item(r, 'saturdays').series.at(-1)?.weekStart).toBe('2021-12-27');
  });

  it('before the year starts: nothing counted, no projection, no series', async () => {
    const r = await report('fiscalYear=2021&asOf=2021-03-31');
    expect(r).toMatchObject({ daysElapsed: 0, finished: false });
    expect(item(r, 'participants')).toMatchObject({ actual: 0, projection: null, atRisk: false, series: [] });
    expect(item(r, 'satisfied')).toMatchObject({
      actual: null,
      numerator: 0,
      denominator: 0,
      met: null,
      projection: null,
    });
    expect(item(r, 'manual')).toMatchObject({ actual: null, met: null, valueAsOf: null });
  });

  it('refuses a bad fiscal year or asOf', async () => {
    for (const q of [
      '',
      'fiscalYear=21',
      'fiscalYear=2021&asOf=yesterday',
      'fiscalYear=2021&asOf=2021-13-01',
      'fiscalYear=2021&format=xml',
    ]) {
      expectProblem(
        await f.current.as('staff', { method: 'GET', url: `/api/v1/reports/target-metrics?${q}` }),
        400,
        'validation_failed',
      );
    }
  });
});

describe('readers of the target report', () => {
  it('hides small consultation and survey counts from analysts, week by week', async () => {
    const r = await report('fiscalYear=2021', 'analyst');
    expect(r.suppression).toEqual({ applied: true, threshold: 3, withheld: false });
    // 3 Saturday consultations are shown; the first week's 2 is not, since its difference from 0 singles out.
    const saturdays = item(r, 'saturdays');
    expect(saturdays.actual).toBe(3);
    expect(saturdays.series[0]).toEqual({
      weekStart: '2021-03-29',
      value: null,
      numerator: { suppressed: true, reason: 'small' },
      denominator: null,
    });
    expect(saturdays.series[1]).toMatchObject({ value: 3, numerator: 3 });
    // One phone consultation: hidden, with no verdict that would give it away.
    expect(item(r, 'phone')).toMatchObject({
      actual: null,
      numerator: { suppressed: true, reason: 'small' },
      met: null,
      projection: null,
      atRisk: false,
    });
    // 4 of 5 satisfied: the one not satisfied could be singled out.
    expect(item(r, 'satisfied')).toMatchObject({ actual: null, numerator: { suppressed: true } });
    // Training and sets are not about women's contacts: exact.
    expect(item(r, 'participants').actual).toBe(3);
    expect(item(r, 'sets').actual).toBe(14);
  });

  it('is refused to partners and anonymous callers', async () => {
    expectProblem(
      await f.current.as('partner', { method: 'GET', url: '/api/v1/reports/target-metrics?fiscalYear=2021' }),
      403,
      'forbidden',
    );
    expectProblem(
      await f.current.as('anonymous', { method: 'GET', url: '/api/v1/reports/target-metrics?fiscalYear=2021' }),
      401,
    );
  });

  it('answers Excel-ready CSV: BOM, Japanese headers, one row per metric or per week', async () => {
    const res = await f.current.as('staff', {
      method: 'GET',
      url: '/api/v1/reports/target-metrics?fiscalYear=2021',
      headers: { accept: 'text/csv' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="target-metrics_2021_metrics.csv"');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      '年度,目標,算出方法,単位,目標値,方向,実績,分子,分母,達成率（%）,達成,年度末見込み,要注意,集計時点',
    );
    const saturdays = lines.find((l) => l.startsWith('令和3年度（FY2021）,saturdays,'));
    expect(saturdays).toMatch(/^令和3年度（FY2021）,saturdays,相談件数,件,16,以上,3,3,,18\.75,未達成,3,要注意,\d{4}-/);
    const manual = lines.find((l) => l.startsWith('令和3年度（FY2021）,manual,'));
    expect(manual).toBe('令和3年度（FY2021）,manual,手入力の値,件,15,以下,20,,,75,未達成,20,要注意,2021-09-30');
    const series = await f.current.as('analyst', {
      method: 'GET',
      url: '/api/v1/reports/target-metrics?fiscalYear=2021&format=csv&table=series',
    });
    const rows = series.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(rows[0]).toBe('年度,目標,単位,週（月曜日から）,累計値,分子,分母');
    expect(rows).toContain('令和3年度（FY2021）,saturdays,件,2021-03-29,,<3,');
    expect(rows).toContain('令和3年度（FY2021）,saturdays,件,2021-04-05,3,3,');
  });
});
