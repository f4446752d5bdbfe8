import { randomBytes } from 'node:crypto';
import type { FunnelReport, ResultsChallenges, ResultsReport, TargetMetricsReport } from '@tsunagari/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/app.ts';
import type { Database } from '../src/db/client.ts';
import { apiKeys, auditLog, organisations, surveys } from '../src/db/schema/index.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { DEMO_PASSWORD } from '../src/demo/otaru-fy2021.ts';
import { DEMO_SEMINAR_SURVEY_TOKEN } from '../src/demo/surveys.ts';
import { DEMO_CHALLENGES_FY2021 } from '../src/demo/targets.ts';
import { sha256 } from '../src/lib/tokens.ts';
import { expectProblem, freshDatabase } from './helper.ts';

// The demo set goes into an empty database, as on a fresh `pnpm start`.
let database: Database;
let app: Awaited<ReturnType<typeof build>>;
const headers: Record<string, Record<string, string>> = {};

async function signIn(email: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'tsunagari_session');
  return { cookie: `tsunagari_session=${cookie?.value}`, 'x-csrf-token': res.json().csrfToken as string };
}

beforeAll(async () => {
  database = await freshDatabase();
  expect(await loadDemoData(database.db)).toBe(true);
  app = await build({ database, config: { RATE_LIMIT: 'off' } });
  headers.staff = await signIn('staff@tsunagari.example');
  headers.analyst = await signIn('analyst@tsunagari.example');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string, who: 'staff' | 'analyst' = 'staff') =>
  app.inject({ method: 'GET', url, headers: headers[who] });

describe('the FY2021 demo targets on a fresh start', () => {
  it('shows 36 of 80 (45%), 86% against 80% (met), 0 of 16 and the positive share against 70%', async () => {
    const res = await get('/api/v1/reports/target-metrics?fiscalYear=2021');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as TargetMetricsReport;
    expect(report.fiscalYearLabel).toBe('令和3年度（FY2021）');
    expect(report.finished).toBe(true);
    const [participants, satisfaction, saturday, positive] = report.items;
    expect(report.items.map((m) => m.label)).toEqual([
      '研修会参加者',
      '研修参加者の満足度',
      '土曜日における相談件数',
      '今回の支援に対し、よかったと感じる人の割合',
    ]);
    expect(participants).toMatchObject({ target: 80, actual: 36, numerator: 36, achievementRate: 0.45, met: false });
    expect(satisfaction).toMatchObject({ target: 80, numerator: 31, denominator: 36, actual: 86.11, met: true });
    expect(saturday).toMatchObject({ target: 16, actual: 0, numerator: 0, achievementRate: 0, met: false });
    expect(positive).toMatchObject({ target: 70, numerator: 48, denominator: 60, actual: 80, met: true });
    // A finished year projects its actual.
    expect(participants?.projection).toBe(36);
    expect(participants?.atRisk).toBe(true);
    expect(satisfaction?.atRisk).toBe(false);
  });
});

describe('GET /results-report', () => {
  let report: ResultsReport;
  beforeAll(async () => {
    const res = await get('/api/v1/results-report?fiscalYear=2021');
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
  });

  it('gives 事業の概要 from the records: the seminar, the Saturday window, the points and their period', () => {
    expect(report.fiscalYearLabel).toBe('令和3年度（FY2021）');
    const [event] = report.overview.training.events;
    expect(event).toMatchObject({
      venueName: '小樽市総合福祉センター研修室',
      attended: 36,
      attendedVenue: 28,
      attendedOnline: 8,
    });
    expect(report.overview.training.events).toHaveLength(1);
    expect(report.overview.windows.map((w) => w.name)).toEqual(['女性専用相談']);
    const [saturday] = report.overview.windows;
    expect(saturday).toMatchObject({ openingDays: 15, openHours: 75, firstDay: '2021-11-13', lastDay: '2022-02-26' });
    expect(saturday?.closedDates).toEqual(['2022-01-01']);
    expect(saturday?.consultations).toBe(0);
    const dist = report.overview.distribution;
    expect(dist.periodFrom).toBe('2021-11-18');
    expect(dist.periodTo).toBe('2022-02-28');
    // The nine places of the source document and a school nurse office per level.
    expect(dist.points).toHaveLength(12);
    expect(dist.points.map((p) => p.name)).toEqual(
      expect.arrayContaining(['福祉総合相談室「たるとび」', '銭函サービスセンター', '小樽市社会福祉協議会']),
    );
    expect(dist.setsHandedOut).toBe(dist.points.reduce((s, p) => s + p.setsHandedOut, 0));
    expect(dist.setsHandedOut).toBeGreaterThan(0);
  });

  it('gives 事業の効果 per part with computed figures and sentences', () => {
    const e = report.effects;
    expect(e.training).toMatchObject({ participants: 36, venue: 28, online: 8, events: 1 });
    expect(e.training.satisfaction).toMatchObject({ numerator: 31, denominator: 36, share: 86.11 });
    expect(e.training.summary).toContain('令和3年11月19日(金)');
    expect(e.training.summary).toContain('計36名が参加した');
    expect(e.training.summary).toContain('86.11%（31/36）');
    expect(e.windows.items).toEqual([
      expect.objectContaining({ name: '女性専用相談', openingDays: 15, consultations: 0 }),
    ]);
    expect(e.windows.summary).toBe('女性専用相談を15日開設し、相談は0件であった。');
    expect(e.distribution.positive).toMatchObject({ numerator: 48, denominator: 60, share: 80 });
    expect(e.distribution.setsHandedOut).toBe(report.overview.distribution.setsHandedOut);
  });

  it('traces the demo consultations that came by the guidance card to the points that handed the cards out', async () => {
    const res = await get('/api/v1/reports/funnel?fiscalYear=2021');
    expect(res.statusCode, res.body).toBe(200);
    const funnel = res.json() as FunnelReport;
    const byCard = funnel.referralSources.find((s) => s.referralSource === 'guidance_card');
    // Every consultation that came by the card names a real point's code: none unmatched, none lost.
    expect(funnel.unmatchedCardCodes).toBe(0);
    expect(typeof funnel.total.consultations).toBe('number');
    expect(funnel.total.consultations).toBeGreaterThan(0);
    expect(funnel.total.consultations).toBe(byCard?.consultations);
    // A card leads back only to a point that handed sets out, and never before it did.
    for (const point of funnel.points) {
      for (const month of point.months) {
        if ((month.consultations as number) > 0) {
          const handedOutSoFar = point.months
            .filter((m) => m.month <= month.month)
            .reduce((sum, m) => sum + m.setsHandedOut, 0);
          expect(handedOutSoFar, `${point.pointName} ${month.month}`).toBeGreaterThan(0);
        }
      }
    }
    expect(report.effects.distribution.cardTracedConsultations).toBe(funnel.total.consultations);
    // Still the source document's facts: nobody came to the Saturday window.
    expect(report.overview.windows[0]?.consultations).toBe(0);
  });

  it('gives 目標数値 and the 今後の課題 of the source document', () => {
    expect(report.targets.map((m) => m.actual)).toEqual([36, 86.11, 0, 80]);
    expect(report.challenges.text).toBe(DEMO_CHALLENGES_FY2021);
    expect(report.challenges.text).toContain('効果的な周知方法を検討する必要がある');
  });

  it('answers CSV with a BOM, Japanese headers and the figures', async () => {
    const res = await get('/api/v1/results-report?fiscalYear=2021&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('results-report_2021.csv');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.rawPayload.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('区分,事業,項目,値');
    expect(text).toContain('事業の効果,女性相談担当者養成研修会開催事業,参加者数,36\r\n');
    expect(text).toContain('目標数値,,研修会参加者,目標80名／実績36名（達成率45%）・未達成');
    expect(text).toContain('今後の課題');
  });

  it('is read by an analyst; refused to a partner and without credentials', async () => {
    expect((await get('/api/v1/results-report?fiscalYear=2021', 'analyst')).statusCode).toBe(200);
    expectProblem(await app.inject({ method: 'GET', url: '/api/v1/results-report?fiscalYear=2021' }), 401);
    const partner = await signIn('partner@tsunagari.example');
    expectProblem(
      await app.inject({ method: 'GET', url: '/api/v1/results-report?fiscalYear=2021', headers: partner }),
      403,
      'forbidden',
    );
  });

  it('refuses a missing or out-of-range fiscal year', async () => {
    expectProblem(await get('/api/v1/results-report'), 400, 'validation_failed');
    expectProblem(await get('/api/v1/results-report?fiscalYear=1999'), 400, 'validation_failed');
    expectProblem(await get('/api/v1/results-report?fiscalYear=令和3'), 400, 'validation_failed');
  });
});

describe('今後の課題: PUT /results-report/{fiscalYear}/challenges', () => {
  const url = '/api/v1/results-report/2022/challenges';
  const put = (body: unknown, extra: Record<string, string> = {}, who: 'staff' | 'analyst' = 'staff') =>
    app.inject({ method: 'PUT', url, headers: { ...headers[who], ...extra }, payload: body as object });

  it('starts empty at version 0, saves with If-Match and refuses a stale one', async () => {
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"v0"');
    expect(first.json()).toMatchObject({ fiscalYear: 2022, text: '', version: 0, updatedAt: null });

    expectProblem(await put({ text: '周知方法を見直す。' }), 428, 'precondition_required');
    const saved = await put({ text: '・周知方法を見直す。\n・SNS相談を検討する。' }, { 'if-match': '"v0"' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"v1"');
    expect((saved.json() as ResultsChallenges).text).toBe('・周知方法を見直す。\n・SNS相談を検討する。');
    expectProblem(await put({ text: '上書き' }, { 'if-match': '"v0"' }), 412, 'precondition_failed');

    const again = await put({ text: '' }, { 'if-match': '"v1"' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ text: '', version: 2 });
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityType, 'results_report_challenges'));
    expect(audits.length).toBe(2);
  });

  it('refuses bad bodies and fiscal years, and writers other than staff', async () => {
    const v = (await get(url)).headers.etag as string;
    expectProblem(await put({}, { 'if-match': v }), 400, 'validation_failed');
    expectProblem(await put({ text: 'x', extra: 1 }, { 'if-match': v }), 400, 'validation_failed');
    expectProblem(await put({ text: 42 }, { 'if-match': v }), 400, 'validation_failed');
    expectProblem(await put({ text: 'a'.repeat(4001) }, { 'if-match': v }), 400, 'validation_failed');
    expectProblem(await put({ text: 'nul\u0000' }, { 'if-match': v }), 400, 'validation_failed');
    const malformed = await app.inject({
      method: 'PUT',
      url,
      headers: { ...headers.staff, 'if-match': v, 'content-type': 'application/json' },
      payload: '{"text": ',
    });
    expectProblem(malformed, 400);
    expectProblem(
      await app.inject({
        method: 'PUT',
        url: '/api/v1/results-report/20x1/challenges',
        headers: { ...headers.staff, 'if-match': '"v0"' },
        payload: { text: 'x' },
      }),
      400,
      'validation_failed',
    );
    expectProblem(await put({ text: 'x' }, { 'if-match': v }, 'analyst'), 403, 'forbidden');
    expectProblem(await app.inject({ method: 'PUT', url, payload: { text: 'x' } }), 401);
    expect((await get(url)).headers.etag).toBe(v);
  });
});

describe('analysts: every report, and nothing else', () => {
  let key: Record<string, string>;
  let surveyId: string;
  beforeAll(async () => {
    // An analyst key as an admin would issue it (the demo set has no admin account to ask).
    const [org] = await database.db.select().from(organisations).where(eq(organisations.name, '小樽市 男女共同参画課'));
    const prefix = randomBytes(6).toString('hex');
    const secret = `tsk_${prefix}_${randomBytes(24).toString('base64url')}`;
    await database.db.insert(apiKeys).values({
      name: 'analyst',
      prefix,
      secretHash: sha256(secret),
      role: 'analyst',
      organisationId: org?.id as string,
    });
    key = { authorization: `Bearer ${secret}` };
    const [survey] = await database.db.select().from(surveys).where(eq(surveys.publicToken, DEMO_SEMINAR_SURVEY_TOKEN));
    surveyId = survey?.id as string;
  });

  const reports = () => [
    '/api/v1/reports/consultations?from=2021-04-01&to=2022-03-31&groupBy=weekday',
    '/api/v1/reports/window-demand?from=2021-11-13&to=2022-02-26',
    '/api/v1/reports/distributions?from=2021-11-18&to=2022-02-28',
    '/api/v1/reports/training?fiscalYear=2021',
    `/api/v1/surveys/${surveyId}/results`,
    '/api/v1/reports/target-metrics?fiscalYear=2021',
    '/api/v1/reports/funnel?fiscalYear=2021',
    '/api/v1/results-report?fiscalYear=2021',
  ];

  it('reads every report route with an analyst API key, as JSON and (but for single responses) as CSV', async () => {
    for (const url of reports()) {
      const res = await app.inject({ method: 'GET', url, headers: key });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      if (url.includes('/surveys/')) continue;
      const csv = await app.inject({ method: 'GET', url: `${url}&format=csv`, headers: key });
      expect(csv.statusCode, url).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    }
  });

  it('is refused every record route', async () => {
    const records = [
      '/api/v1/consultations',
      '/api/v1/distributions',
      '/api/v1/stock-movements',
      '/api/v1/training-events',
      `/api/v1/surveys/${surveyId}/responses`,
      '/api/v1/users',
      '/api/v1/audit-log',
      '/api/v1/api-keys',
    ];
    for (const url of records) expectProblem(await app.inject({ method: 'GET', url, headers: key }), 403, 'forbidden');
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/api/v1/consultations',
        headers: key,
        payload: { windowId: surveyId, occurredAt: '2021-11-19T10:00:00+09:00', channel: 'phone', topics: ['other'] },
      }),
      403,
      'forbidden',
    );
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/api/v1/target-metrics',
        headers: key,
        payload: { fiscalYear: 2021, label: 'x', unit: 'count', target: 1, definition: { kind: 'manual' } },
      }),
      403,
      'forbidden',
    );
  });

  it('finds every report route documented: parameters, JSON and text/csv, and an example', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    const paths = [
      '/api/v1/reports/consultations',
      '/api/v1/reports/window-demand',
      '/api/v1/reports/distributions',
      '/api/v1/reports/training',
      '/api/v1/surveys/{id}/results',
      '/api/v1/reports/target-metrics',
      '/api/v1/reports/funnel',
      '/api/v1/results-report',
    ];
    for (const path of paths) {
      const op = doc.paths[path]?.get;
      expect(op, path).toBeDefined();
      expect(op?.tags, path).toContain('reports');
      expect(op?.summary, path).toBeTruthy();
      const query = (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      expect(query.length, path).toBeGreaterThan(0);
      expect(query, path).toContain('format');
      const content = op?.responses['200']?.content ?? {};
      expect(Object.keys(content).sort(), path).toEqual(['application/json', 'text/csv']);
      expect(content['text/csv']?.schema?.examples?.length, path).toBeGreaterThan(0);
      expect(String(content['text/csv']?.schema?.examples?.[0]).startsWith('\uFEFF'), path).toBe(true);
    }
  });
});

interface OpenApiOperation {
  tags?: string[];
  summary?: string;
  parameters?: { in: string; name: string }[];
  responses: Record<string, { content?: Record<string, { schema?: { examples?: unknown[] } }> }>;
}
