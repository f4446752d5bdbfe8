import type { TargetMetric } from '@tsunagari/shared';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, targetMetricManualValues, targetMetrics } from '../src/db/schema/index.ts';
import { insertWindow } from './consultation-fixture.ts';
import { expectProblem, useFixture, type Who } from './helper.ts';
import { createPoint } from './stock-fixture.ts';
import { createEvent } from './training-fixture.ts';

const f = useFixture();
const URL = '/api/v1/target-metrics';

let refs: {
  event2021: string;
  event2022: string;
  seminarSurvey: string;
  scaleQuestion: string;
  plainYesNo: string;
  freeText: string;
  otherSurvey: string;
  otherQuestion: string;
  window: string;
  point: string;
};

const create = (payload: unknown, who: Who = 'staff') =>
  f.current.as(who, { method: 'POST', url: URL, payload: payload as object });

const metric = (over: Record<string, unknown> = {}) => ({
  fiscalYear: 2021,
  label: `研修会参加者 ${Math.random().toString(36).slice(2, 8)}`,
  unit: 'people',
  target: 80,
  definition: { kind: 'training_participants' },
  ...over,
});

async function rowCount() {
  const [row] = await f.current.database.db.select({ n: count() }).from(targetMetrics);
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  const e2021 = await createEvent(f.current, {
    startsAt: '2021-11-19T14:00:00+09:00',
    endsAt: '2021-11-19T16:00:00+09:00',
  });
  const e2022 = await createEvent(f.current, {
    startsAt: '2022-04-01T00:00:00+09:00',
    endsAt: '2022-04-01T02:00:00+09:00',
  });
  const survey = await f.current.as('staff', {
    method: 'POST',
    url: '/api/v1/surveys',
    payload: {
      title: '研修会アンケート',
      questions: [
        { kind: 'scale5', text: '満足しましたか', required: true },
        { kind: 'yes_no', text: '役立ちましたか' },
        { kind: 'free_text', text: 'ご感想' },
      ],
    },
  });
  expect(survey.statusCode, survey.body).toBe(201);
  const other = await f.current.as('staff', {
    method: 'POST',
    url: '/api/v1/surveys',
    payload: { title: '別のアンケート', questions: [{ kind: 'scale5', text: 'いかがでしたか' }] },
  });
  expect(other.statusCode, other.body).toBe(201);
  const [scale, yesNo, free] = survey.json().questions;
  refs = {
    event2021: e2021.id,
    event2022: e2022.id,
    seminarSurvey: survey.json().id,
    scaleQuestion: scale.id,
    plainYesNo: yesNo.id,
    freeText: free.id,
    otherSurvey: other.json().id,
    otherQuestion: other.json().questions[0].id,
    window: await insertWindow(f.current, { name: 'テスト土曜窓口', organisationId: f.current.orgs.city }),
    point: (await createPoint(f.current)).id,
  };
});

describe('POST /target-metrics', () => {
  it('creates every kind of definition, with defaults, an ETag and an audit entry', async () => {
    const definitions = [
      { unit: 'people', definition: { kind: 'training_participants', eventIds: [refs.event2021] } },
      {
        unit: 'percent',
        target: 80,
        definition: { kind: 'survey_satisfied_share', surveyId: refs.seminarSurvey, questionId: refs.scaleQuestion },
      },
      {
        unit: 'count',
        target: 16,
        definition: { kind: 'consultations', windowIds: [refs.window], weekdays: [6], channels: ['in_person'] },
      },
      { unit: 'sets', target: 500, definition: { kind: 'sets_handed_out', pointKinds: ['school_nurse_office'] } },
      { unit: 'percent', target: 5, definition: { kind: 'funnel_conversion', pointIds: [refs.point] } },
      { unit: 'count', target: 3, direction: 'at_most', definition: { kind: 'manual' } },
    ];
    for (const d of definitions) {
      const res = await create(metric(d));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.headers.etag).toBe('"v1"');
      const body = res.json() as TargetMetric;
      expect(body.definition.kind).toBe(d.definition.kind);
      expect(body.direction).toBe(d.direction ?? 'at_least');
      const audits = await f.current.database.db.select().from(auditLog).where(eq(auditLog.entityId, body.id));
      expect(audits.map((a) => a.action)).toEqual(['create']);
    }
    const first = await create(metric());
    expect(first.json().definition).toEqual({ kind: 'training_participants', basis: 'attended' });
  });

  it('places a metric after the others of its year unless a position is given', async () => {
    const a = (await create(metric({ fiscalYear: 2030 }))).json();
    const b = (await create(metric({ fiscalYear: 2030 }))).json();
    const c = (await create(metric({ fiscalYear: 2030, position: 0 }))).json();
    expect([a.position, b.position, c.position]).toEqual([1, 2, 0]);
    const list = await f.current.as('analyst', { method: 'GET', url: `${URL}?fiscalYear=2030` });
    expect(list.json().items.map((m: TargetMetric) => m.id)).toEqual([c.id, a.id, b.id]);
  });

  it('keeps a manual metric’s first values as its history', async () => {
    const res = await create(
      metric({
        unit: 'count',
        definition: {
          kind: 'manual',
          entries: [
            { value: 3, asOf: '2021-06-30', note: '第1四半期' },
            { value: 7, asOf: '2021-09-30' },
          ],
        },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const { entries } = res.json().definition;
    expect(entries.map((e: { value: number; asOf: string; note: string | null }) => [e.value, e.asOf, e.note])).toEqual(
      [
        [3, '2021-06-30', '第1四半期'],
        [7, '2021-09-30', null],
      ],
    );
    expect(entries[0].recordedBy).toBe('staff テスト');
  });

  it('refuses a survey question with no satisfied (or positive) options, with a clear code', async () => {
    const before = await rowCount();
    const noSatisfied = expectProblem(
      await create(
        metric({
          unit: 'percent',
          definition: { kind: 'survey_satisfied_share', surveyId: refs.seminarSurvey, questionId: refs.plainYesNo },
        }),
      ),
      422,
      'question_has_no_satisfied_options',
    );
    expect(noSatisfied.errors).toEqual([{ path: 'body.definition.questionId', message: expect.any(String) }]);
    expectProblem(
      await create(
        metric({
          unit: 'percent',
          definition: { kind: 'survey_positive_share', surveyId: refs.seminarSurvey, questionId: refs.scaleQuestion },
        }),
      ),
      422,
      'question_has_no_positive_options',
    );
    expectProblem(
      await create(
        metric({
          unit: 'percent',
          definition: { kind: 'survey_satisfied_share', surveyId: refs.seminarSurvey, questionId: refs.freeText },
        }),
      ),
      422,
      'question_has_no_satisfied_options',
    );
    expect(await rowCount()).toBe(before);
  });

  it('refuses ids that name nothing, or a question of another survey, with 422 unknown_reference', async () => {
    const before = await rowCount();
    const missing = '00000000-0000-4000-8000-000000000000';
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'training_participants', eventIds: [refs.event2021, missing] }, 'body.definition.eventIds.1'],
      [
        { kind: 'survey_satisfied_share', surveyId: missing, questionId: refs.scaleQuestion },
        'body.definition.surveyId',
      ],
      [
        { kind: 'survey_satisfied_share', surveyId: refs.seminarSurvey, questionId: refs.otherQuestion },
        'body.definition.questionId',
      ],
      [{ kind: 'consultations', windowIds: [missing] }, 'body.definition.windowIds.0'],
      [{ kind: 'sets_handed_out', pointIds: [refs.point, missing] }, 'body.definition.pointIds.1'],
      [{ kind: 'funnel_conversion', pointIds: [missing] }, 'body.definition.pointIds.0'],
    ];
    for (const [definition, path] of cases) {
      const share = String(definition.kind).includes('share') || definition.kind === 'funnel_conversion';
      const body = expectProblem(
        await create(metric({ unit: share ? 'percent' : 'count', definition })),
        422,
        'unknown_reference',
      );
      expect(body.errors?.map((e) => e.path)).toEqual([path]);
    }
    expect(await rowCount()).toBe(before);
  });

  it('refuses a training event of another fiscal year (1 April 00:00 Tokyo is the next year)', async () => {
    const body = expectProblem(
      await create(metric({ definition: { kind: 'training_participants', eventIds: [refs.event2022] } })),
      422,
      'event_outside_fiscal_year',
    );
    expect(body.errors?.[0]?.message).toContain('2022');
    const ok = await create(
      metric({ fiscalYear: 2022, definition: { kind: 'training_participants', eventIds: [refs.event2022] } }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses bad bodies with 400 and stores nothing', async () => {
    const before = await rowCount();
    const bad: unknown[] = [
      {},
      metric({ label: undefined }),
      metric({ extra: true }),
      metric({ fiscalYear: 1999 }),
      metric({ fiscalYear: '2021' }),
      metric({ fiscalYear: 2021.5 }),
      metric({ target: -1 }),
      metric({ target: '80' }),
      metric({ unit: 'yen' }),
      metric({ direction: 'around' }),
      metric({ label: '' }),
      metric({ label: 'x'.repeat(201) }),
      metric({ position: 1000 }),
      metric({ definition: { kind: 'everything' } }),
      metric({ definition: { kind: 'training_participants', basis: 'invited' } }),
      metric({ definition: { kind: 'training_participants', eventIds: [] } }),
      metric({ definition: { kind: 'training_participants', eventIds: [refs.event2021, refs.event2021] } }),
      metric({ definition: { kind: 'training_participants', eventIds: ['not-a-uuid'] } }),
      metric({ definition: { kind: 'training_participants', extra: 1 } }),
      metric({ unit: 'count', definition: { kind: 'consultations', weekdays: [0] } }),
      metric({ unit: 'count', definition: { kind: 'consultations', weekdays: [8] } }),
      metric({ unit: 'count', definition: { kind: 'consultations', channels: ['fax'] } }),
      metric({ unit: 'count', definition: { kind: 'consultations', topics: [] } }),
      metric({ unit: 'sets', definition: { kind: 'sets_handed_out', pointKinds: ['castle'] } }),
      metric({ unit: 'percent', definition: { kind: 'survey_satisfied_share', surveyId: refs.seminarSurvey } }),
      // A share is a percent; a count is not; no percent above 100.
      metric({
        unit: 'people',
        definition: { kind: 'survey_satisfied_share', surveyId: refs.seminarSurvey, questionId: refs.scaleQuestion },
      }),
      metric({ unit: 'percent', definition: { kind: 'training_participants' } }),
      metric({ unit: 'percent', target: 101, definition: { kind: 'manual' } }),
      metric({ unit: 'count', definition: { kind: 'manual', entries: [{ value: -1, asOf: '2021-05-01' }] } }),
      metric({ unit: 'count', definition: { kind: 'manual', entries: [{ value: 1, asOf: '2021-02-30' }] } }),
      metric({ unit: 'count', definition: { kind: 'manual', entries: [{ value: 1, asOf: '2021-03-31' }] } }),
      metric({ label: 'nul\u0000' }),
    ];
    for (const payload of bad) {
      const res = await create(payload);
      const problem = expectProblem(res, 400, 'validation_failed');
      expect(problem.errors?.length ?? 0, JSON.stringify(payload)).toBeGreaterThan(0);
    }
    const malformed = await f.current.as('staff', {
      method: 'POST',
      url: URL,
      headers: { 'content-type': 'application/json' },
      payload: '{"fiscalYear": 2021,',
    });
    expectProblem(malformed, 400);
    const text = await f.current.as('staff', {
      method: 'POST',
      url: URL,
      headers: { 'content-type': 'text/plain' },
      payload: 'fiscalYear=2021',
    });
    expectProblem(text, 415);
    expect(await rowCount()).toBe(before);
  });

  it('refuses a second metric with the same label in the same year (409), not in another year', async () => {
    expect((await create(metric({ label: '研修会参加者（重複）' }))).statusCode).toBe(201);
    const dup = expectProblem(await create(metric({ label: '研修会参加者（重複）' })), 409, 'conflict');
    expect(dup.errors?.[0]?.path).toBe('body.label');
    expect((await create(metric({ label: '研修会参加者（重複）', fiscalYear: 2022 }))).statusCode).toBe(201);
  });
});

describe('PATCH and DELETE /target-metrics/{id}', () => {
  it('changes with If-Match, refuses a stale or missing one, and audits', async () => {
    const created = await create(metric({ label: '変更前' }));
    const id = created.json().id;
    const patch = (body: object, headers: Record<string, string> = {}) =>
      f.current.as('staff', { method: 'PATCH', url: `${URL}/${id}`, payload: body, headers });
    expectProblem(await patch({ target: 90 }), 428, 'precondition_required');
    expectProblem(await patch({ target: 90 }, { 'if-match': '"v9"' }), 412, 'precondition_failed');
    const res = await patch({ target: 90, label: '変更後', description: '説明' }, { 'if-match': '"v1"' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"v2"');
    expect(res.json()).toMatchObject({ target: 90, label: '変更後', description: '説明', version: 2 });
    expectProblem(await patch({ target: 95 }, { 'if-match': '"v1"' }), 412, 'precondition_failed');
    const audits = await f.current.database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.map((a) => a.action)).toEqual(['create', 'update']);
    expect([...((audits[1]?.details as { fields: string[] } | undefined)?.fields ?? [])].sort()).toEqual([
      'description',
      'label',
      'target',
    ]);
  });

  it('checks the metric as it will be: unit against the kind, the definition against the records', async () => {
    const share = await create(
      metric({
        unit: 'percent',
        definition: { kind: 'survey_satisfied_share', surveyId: refs.seminarSurvey, questionId: refs.scaleQuestion },
      }),
    );
    const id = share.json().id;
    const patch = (body: object) =>
      f.current.as('staff', { method: 'PATCH', url: `${URL}/${id}`, payload: body, headers: { 'if-match': '"v1"' } });
    expectProblem(await patch({ unit: 'people' }), 400, 'validation_failed');
    expectProblem(await patch({ target: 120 }), 400, 'validation_failed');
    expectProblem(
      await patch({
        definition: { kind: 'survey_satisfied_share', surveyId: refs.seminarSurvey, questionId: refs.plainYesNo },
      }),
      422,
      'question_has_no_satisfied_options',
    );
    expectProblem(await patch({ definition: { kind: 'manual', entries: [{ value: 1, asOf: '2021-05-01' }] } }), 400);
    expectProblem(await patch({}), 400, 'validation_failed');
    expectProblem(await patch({ version: 3 }), 400, 'validation_failed');
    // Nothing changed: the ETag read at the start still holds.
    const ok = await patch({ unit: 'count', definition: { kind: 'consultations', weekdays: [6] } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().definition).toEqual({ kind: 'consultations', weekdays: [6] });

    const withEvent = (
      await create(metric({ definition: { kind: 'training_participants', eventIds: [refs.event2021] } }))
    ).json().id;
    expectProblem(
      await f.current.as('staff', {
        method: 'PATCH',
        url: `${URL}/${withEvent}`,
        payload: { fiscalYear: 2022 },
        headers: { 'if-match': '"v1"' },
      }),
      422,
      'event_outside_fiscal_year',
    );
  });

  it('answers 404 for an unknown metric and 400 for a bad id', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${URL}/${missing}` }), 404, 'not_found');
    expectProblem(
      await f.current.as('staff', {
        method: 'PATCH',
        url: `${URL}/${missing}`,
        payload: { target: 1 },
        headers: { 'if-match': '"v1"' },
      }),
      404,
      'not_found',
    );
    expectProblem(await f.current.as('staff', { method: 'DELETE', url: `${URL}/${missing}` }), 404, 'not_found');
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${URL}/nope` }), 400, 'validation_failed');
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${URL}?cursor=abc` }), 400, 'validation_failed');
    expectProblem(
      await f.current.as('staff', { method: 'GET', url: `${URL}?fiscalYear=21` }),
      400,
      'validation_failed',
    );
  });

  it('deletes a metric with its manual history and audits it', async () => {
    const id = (
      await create(
        metric({ unit: 'count', definition: { kind: 'manual', entries: [{ value: 1, asOf: '2021-05-01' }] } }),
      )
    ).json().id;
    const res = await f.current.as('staff', { method: 'DELETE', url: `${URL}/${id}` });
    expect(res.statusCode).toBe(204);
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${URL}/${id}` }), 404);
    const left = await f.current.database.db
      .select()
      .from(targetMetricManualValues)
      .where(eq(targetMetricManualValues.metricId, id));
    expect(left).toEqual([]);
    const audits = await f.current.database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.map((a) => a.action)).toEqual(['create', 'delete']);
  });
});

describe('POST /target-metrics/{id}/manual-values', () => {
  it('adds values to the history and moves the version on', async () => {
    const created = await create(metric({ unit: 'count', direction: 'at_most', definition: { kind: 'manual' } }));
    const id = created.json().id;
    const add = (payload: object) =>
      f.current.as('staff', { method: 'POST', url: `${URL}/${id}/manual-values`, payload });
    const first = await add({ value: 4, asOf: '2021-07-31', note: '7月末の集計' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers.etag).toBe('"v2"');
    const second = await add({ value: 2, asOf: '2021-05-31' });
    expect(second.json().definition.entries.map((e: { asOf: string }) => e.asOf)).toEqual(['2021-05-31', '2021-07-31']);
    // An ETag read before the values were added is stale.
    expectProblem(
      await f.current.as('staff', {
        method: 'PATCH',
        url: `${URL}/${id}`,
        payload: { target: 5 },
        headers: { 'if-match': '"v1"' },
      }),
      412,
    );
    // Its values are of FY2021: it cannot move to FY2022.
    const moved = expectProblem(
      await f.current.as('staff', {
        method: 'PATCH',
        url: `${URL}/${id}`,
        payload: { fiscalYear: 2022 },
        headers: { 'if-match': String(second.headers.etag) },
      }),
      400,
      'validation_failed',
    );
    expect(moved.errors?.[0]?.path).toBe('body.fiscalYear');
    const audits = await f.current.database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.filter((a) => a.action === 'add_manual_value')).toHaveLength(2);
  });

  it('refuses a computed metric (409), a day before the year (400) and bad bodies', async () => {
    const computed = (await create(metric())).json().id;
    expectProblem(
      await f.current.as('staff', {
        method: 'POST',
        url: `${URL}/${computed}/manual-values`,
        payload: { value: 1, asOf: '2021-05-01' },
      }),
      409,
      'metric_not_manual',
    );
    const manual = (await create(metric({ unit: 'count', definition: { kind: 'manual' } }))).json().id;
    const add = (payload: unknown) =>
      f.current.as('staff', { method: 'POST', url: `${URL}/${manual}/manual-values`, payload: payload as object });
    const early = expectProblem(await add({ value: 1, asOf: '2021-03-31' }), 400, 'validation_failed');
    expect(early.errors?.[0]?.path).toBe('body.asOf');
    for (const bad of [
      {},
      { value: 1 },
      { asOf: '2021-05-01' },
      { value: 'x', asOf: '2021-05-01' },
      { value: 1, asOf: '2021-05-01', x: 1 },
    ]) {
      expectProblem(await add(bad), 400, 'validation_failed');
    }
    expectProblem(
      await f.current.as('staff', {
        method: 'POST',
        url: `${URL}/00000000-0000-4000-8000-000000000000/manual-values`,
        payload: { value: 1, asOf: '2021-05-01' },
      }),
      404,
    );
    const values = await f.current.database.db
      .select()
      .from(targetMetricManualValues)
      .where(eq(targetMetricManualValues.metricId, manual));
    expect(values).toEqual([]);
  });
});

describe('access to /target-metrics', () => {
  it('lets staff and admins write, analysts read, and refuses partners and anonymous callers', async () => {
    const id = (await create(metric())).json().id;
    expect((await create(metric(), 'admin')).statusCode).toBe(201);
    expectProblem(await create(metric(), 'analyst'), 403, 'forbidden');
    expectProblem(await create(metric(), 'partner'), 403, 'forbidden');
    expectProblem(await create(metric(), 'anonymous'), 401);
    for (const who of ['staff', 'admin', 'analyst'] as const) {
      expect((await f.current.as(who, { method: 'GET', url: `${URL}/${id}` })).statusCode).toBe(200);
      expect((await f.current.as(who, { method: 'GET', url: URL })).statusCode).toBe(200);
    }
    expectProblem(await f.current.as('partner', { method: 'GET', url: URL }), 403, 'forbidden');
    expectProblem(await f.current.as('anonymous', { method: 'GET', url: URL }), 401);
    const partnerKey = await f.current.apiKey('partner');
    expectProblem(await f.current.app.inject({ method: 'GET', url: URL, headers: partnerKey }), 403);
    const analystKey = await f.current.apiKey('analyst');
    expect((await f.current.app.inject({ method: 'GET', url: URL, headers: analystKey })).statusCode).toBe(200);
    expectProblem(
      await f.current.app.inject({
        method: 'PATCH',
        url: `${URL}/${id}`,
        payload: { target: 1 },
        headers: { ...analystKey, 'if-match': '"v1"' },
      }),
      403,
    );
    expectProblem(await f.current.as('analyst', { method: 'DELETE', url: `${URL}/${id}` }), 403);
    expectProblem(
      await f.current.as('partner', {
        method: 'POST',
        url: `${URL}/${id}/manual-values`,
        payload: { value: 1, asOf: '2021-05-01' },
      }),
      403,
    );
  });

  it('pages through the list with a cursor', async () => {
    for (let i = 0; i < 3; i++) await create(metric({ fiscalYear: 2040 }));
    const page1 = await f.current.as('staff', { method: 'GET', url: `${URL}?fiscalYear=2040&limit=2` });
    expect(page1.json().items).toHaveLength(2);
    const page2 = await f.current.as('staff', {
      method: 'GET',
      url: `${URL}?fiscalYear=2040&limit=2&cursor=${page1.json().nextCursor}`,
    });
    expect(page2.json().items).toHaveLength(1);
    expect(page2.json().nextCursor).toBeNull();
    const ids = [...page1.json().items, ...page2.json().items].map((m: TargetMetric) => m.id);
    expect(new Set(ids).size).toBe(3);
  });
});
