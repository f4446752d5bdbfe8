import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/app.ts';
import { distributionPoints } from '../src/db/schema/index.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { DEMO_PASSWORD } from '../src/demo/otaru-fy2021.ts';
import { expectProblem, freshDatabase, useFixture } from './helper.ts';

const f = useFixture();

interface Q {
  id: string;
  kind: string;
  options: { id: string; label: string }[];
}

/**
 * The hand-computed fixture: eight paper forms (19–21 Nov 2021) and two web answers (today).
 *
 *        Q1 scale  Q2 choice  Q3 multi  Q4 yes/no  Q5 number  Q6 text       Q7 custom scale
 *  r1    5         チラシ      A,B       yes        1          良かった       5
 *  r2    4         チラシ      B         yes        2                         4
 *  r3    4         広報誌      A         no         2                         3
 *  r4    3         学校        C         yes                                 5
 *  r5    2         チラシ                no         5
 *  r6    5         広報誌      A,C       yes        0          資料が欲しい
 *  r7    1         チラシ
 *  r8    4
 *  w1    5         学校                  yes
 *  w2    3                               no
 */
let survey: { id: string; publicToken: string; questions: Q[] };
let q: Record<'scale' | 'choice' | 'multi' | 'yesNo' | 'num' | 'text' | 'custom', Q>;

const opt = (question: Q, label: string) => question.options.find((o) => o.label === label)?.id as string;

beforeAll(async () => {
  const res = await f.current.as('staff', {
    method: 'POST',
    url: '/api/v1/surveys',
    payload: {
      title: '集計テスト',
      opensOn: '2021-01-01',
      questions: [
        { kind: 'scale5', text: '満足度' },
        {
          kind: 'single_choice',
          text: '知ったきっかけ',
          options: [{ label: 'チラシ', countsAsPositive: true }, { label: '広報誌' }, { label: '学校' }],
        },
        {
          kind: 'multiple_choice',
          text: '役立った内容',
          options: [{ label: 'A', countsAsSatisfied: true }, { label: 'B' }, { label: 'C' }],
        },
        {
          kind: 'yes_no',
          text: 'また参加したいですか',
          options: [{ label: 'はい', countsAsPositive: true }, { label: 'いいえ' }],
        },
        { kind: 'number', text: '参加回数', min: 0, max: 10 },
        { kind: 'free_text', text: 'ご意見' },
        {
          kind: 'scale5',
          text: '講師',
          options: [1, 2, 3, 4, 5].map((v) => ({
            label: `段階${v}`,
            countsAsSatisfied: v === 5,
            countsAsPositive: v >= 4,
          })),
        },
      ],
    },
  });
  survey = res.json();
  const [scale, choice, multi, yesNo, num, text, custom] = survey.questions as Q[];
  q = { scale, choice, multi, yesNo, num, text, custom } as typeof q;
  const rows: [string, Record<string, unknown>][] = [
    ['2021-11-19', { scale: 5, choice: 'チラシ', multi: ['A', 'B'], yesNo: true, num: 1, text: '良かった', custom: 5 }],
    ['2021-11-19', { scale: 4, choice: 'チラシ', multi: ['B'], yesNo: true, num: 2, custom: 4 }],
    ['2021-11-19', { scale: 4, choice: '広報誌', multi: ['A'], yesNo: false, num: 2, custom: 3 }],
    ['2021-11-20', { scale: 3, choice: '学校', multi: ['C'], yesNo: true, custom: 5 }],
    ['2021-11-20', { scale: 2, choice: 'チラシ', yesNo: false, num: 5 }],
    ['2021-11-20', { scale: 5, choice: '広報誌', multi: ['A', 'C'], yesNo: true, num: 0, text: '資料が欲しい' }],
    ['2021-11-21', { scale: 1, choice: 'チラシ' }],
    ['2021-11-21', { scale: 4 }],
  ];
  const toAnswers = (a: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    if (a.scale !== undefined) out[q.scale.id] = a.scale;
    if (a.choice) out[q.choice.id] = opt(q.choice, a.choice as string);
    if (a.multi) out[q.multi.id] = (a.multi as string[]).map((l) => opt(q.multi, l));
    if (a.yesNo !== undefined) out[q.yesNo.id] = a.yesNo;
    if (a.num !== undefined) out[q.num.id] = a.num;
    if (a.text) out[q.text.id] = a.text;
    if (a.custom !== undefined) out[q.custom.id] = a.custom;
    return out;
  };
  for (const [day, a] of rows) {
    const r = await f.current.as('staff', {
      method: 'POST',
      url: `/api/v1/surveys/${survey.id}/responses`,
      payload: { submittedAt: day, answers: toAnswers(a) },
    });
    if (r.statusCode !== 201) throw new Error(r.body);
  }
  for (const a of [
    { scale: 5, choice: '学校', yesNo: true },
    { scale: 3, yesNo: false },
  ]) {
    const r = await f.current.as('anonymous', {
      method: 'POST',
      url: `/api/v1/public/surveys/${survey.publicToken}/responses`,
      payload: { answers: toAnswers(a) },
    });
    if (r.statusCode !== 201) throw new Error(r.body);
  }
});

const results = async (query = '', who: 'staff' | 'admin' | 'analyst' | 'partner' = 'staff') => {
  const res = await f.current.as(who, { method: 'GET', url: `/api/v1/surveys/${survey.id}/results${query}` });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json();
};
const question = (body: { questions: { questionId: string }[] }, which: Q) =>
  body.questions.find((x) => x.questionId === which.id) as unknown as Record<string, unknown> & {
    options: { label: string; count: unknown; share: number | null }[];
  };

describe('results against the hand-computed fixture', () => {
  it('counts responses and channels and names the version', async () => {
    const body = await results();
    expect(body).toMatchObject({
      surveyId: survey.id,
      version: 1,
      versions: [{ number: 1, responses: 10 }],
      responses: 10,
      channels: { web: 2, paper: 8 },
      madeUp: 0,
      suppression: { applied: false, withheld: false },
      filter: { from: null, to: null, channel: null, distributionPointId: null },
    });
  });

  it('five-point scale: distribution, mean, and 4–5 satisfied of those who answered', async () => {
    const s = question(await results(), q.scale);
    expect(s).toMatchObject({ answered: 10, unanswered: 0, mean: 3.6 });
    expect(s.options.map((o) => o.count)).toEqual([1, 1, 2, 3, 3]);
    expect(s.options.map((o) => o.share)).toEqual([0.1, 0.1, 0.2, 0.3, 0.3]);
    expect(s.satisfied).toEqual({ count: 6, denominator: 10, share: 0.6 });
    expect(s.positive).toBeNull();
  });

  it('custom flags: only 5 satisfied, 4 and 5 positive', async () => {
    const s = question(await results(), q.custom);
    expect(s).toMatchObject({ answered: 4, unanswered: 6, mean: 4.25 });
    expect(s.satisfied).toEqual({ count: 2, denominator: 4, share: 0.5 });
    expect(s.positive).toEqual({ count: 3, denominator: 4, share: 0.75 });
  });

  it('single choice: shares and the positive share exclude those who did not answer', async () => {
    const s = question(await results(), q.choice);
    expect(s).toMatchObject({ answered: 8, unanswered: 2 });
    expect(s.options.map((o) => [o.label, o.count, o.share])).toEqual([
      ['チラシ', 4, 0.5],
      ['広報誌', 2, 0.25],
      ['学校', 2, 0.25],
    ]);
    expect(s.positive).toEqual({ count: 4, denominator: 8, share: 0.5 });
    expect(s.satisfied).toBeNull();
  });

  it('multiple choice: each option of those who answered; satisfied when any satisfied option was chosen', async () => {
    const s = question(await results(), q.multi);
    expect(s).toMatchObject({ answered: 5, unanswered: 5 });
    expect(s.options.map((o) => [o.label, o.count, o.share])).toEqual([
      ['A', 3, 0.6],
      ['B', 2, 0.4],
      ['C', 2, 0.4],
    ]);
    expect(s.satisfied).toEqual({ count: 3, denominator: 5, share: 0.6 });
  });

  it('yes/no, number and free text', async () => {
    const body = await results();
    const yn = question(body, q.yesNo);
    expect(yn).toMatchObject({ answered: 8, mean: null });
    expect(yn.options.map((o) => o.count)).toEqual([5, 3]);
    expect(yn.positive).toEqual({ count: 5, denominator: 8, share: 0.625 });
    const num = question(body, q.num);
    expect(num).toMatchObject({ answered: 5, mean: 2, options: [] });
    expect(num.distribution).toEqual([
      { value: 0, count: 1 },
      { value: 1, count: 1 },
      { value: 2, count: 2 },
      { value: 5, count: 1 },
    ]);
    const text = question(body, q.text);
    expect(text).toMatchObject({ answered: 2, unanswered: 8 });
    expect((text.freeText as { text: string; channel: string }[]).map((t) => [t.text, t.channel])).toEqual([
      ['資料が欲しい', 'paper'],
      ['良かった', 'paper'],
    ]);
    expect(question(body, q.scale).freeText).toEqual([]);
  });

  it('filters by channel and by period (Tokyo days, inclusive)', async () => {
    const paper = await results('?channel=paper');
    expect(paper).toMatchObject({ responses: 8, channels: { web: 0, paper: 8 }, filter: { channel: 'paper' } });
    expect(question(paper, q.scale)).toMatchObject({ answered: 8, mean: 3.5 });
    expect(question(paper, q.scale).satisfied).toEqual({ count: 5, denominator: 8, share: 0.625 });
    const web = await results('?channel=web');
    expect(web.responses).toBe(2);
    const day = await results('?from=2021-11-19&to=2021-11-19');
    expect(day.responses).toBe(3);
    expect(question(day, q.scale)).toMatchObject({ answered: 3, mean: 4.3333 });
    expect(question(day, q.scale).satisfied).toEqual({ count: 3, denominator: 3, share: 1 });
    const empty = await results('?from=2020-01-01&to=2020-12-31');
    expect(empty.responses).toBe(0);
    expect(question(empty, q.scale)).toMatchObject({ answered: 0, mean: null });
    expect(question(empty, q.scale).satisfied).toEqual({ count: 0, denominator: 0, share: null });
    expectProblem(
      await f.current.as('staff', {
        method: 'GET',
        url: `/api/v1/surveys/${survey.id}/results?from=2021-12-01&to=2021-11-01`,
      }),
      400,
    );
    expectProblem(
      await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${survey.id}/results?channel=fax` }),
      400,
    );
    expectProblem(
      await f.current.as('staff', {
        method: 'GET',
        url: '/api/v1/surveys/00000000-0000-4000-8000-000000000001/results',
      }),
      404,
    );
  });
});

describe('results as CSV', () => {
  it('one row per response, UTF-8 with a BOM, Japanese headers', async () => {
    const res = await f.current.as('staff', {
      method: 'GET',
      url: `/api/v1/surveys/${survey.id}/results?format=csv&channel=paper`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="survey_.+_v1\.csv"$/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toBe(
      '回答ID,版,回答日時,回答方法,配付場所,架空データ,Q1 満足度,Q2 知ったきっかけ,Q3 役立った内容,Q4 また参加したいですか,Q5 参加回数,Q6 ご意見,Q7 講師',
    );
    const first = lines[1]?.split(',') ?? [];
    expect(first.slice(1)).toEqual([
      '1',
      '2021-11-19 12:00',
      '紙',
      '',
      '',
      '5（満足）',
      'チラシ',
      'A、B',
      'はい',
      '1',
      '良かった',
      '5（段階5）',
    ]);
    const accept = await f.current.as('staff', {
      method: 'GET',
      url: `/api/v1/surveys/${survey.id}/results`,
      headers: { accept: 'text/csv' },
    });
    expect(accept.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(accept.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n')).toHaveLength(11);
  });

  it('is refused to analysts and partners (single responses are for staff)', async () => {
    expectProblem(
      await f.current.as('analyst', { method: 'GET', url: `/api/v1/surveys/${survey.id}/results?format=csv` }),
      403,
    );
  });
});

describe('results: access and suppression', () => {
  it('analysts read suppressed counts and no free text; the satisfied share keeps its denominator', async () => {
    const body = await results('', 'analyst');
    expect(body.suppression).toEqual({ applied: true, threshold: 3, withheld: false });
    expect(body.responses).toBe(10);
    expect(body.channels).toEqual({
      web: { suppressed: true, reason: 'small' },
      paper: { suppressed: true, reason: 'complementary' },
    });
    const s = question(body, q.scale);
    expect(s.options.map((o) => o.count)).toEqual([
      { suppressed: true, reason: 'small' },
      { suppressed: true, reason: 'small' },
      { suppressed: true, reason: 'small' },
      3,
      3,
    ]);
    expect(s.options.map((o) => o.share)).toEqual([null, null, null, 0.3, 0.3]);
    expect(s.satisfied).toEqual({ count: 6, denominator: 10, share: 0.6 });
    const text = question(body, q.text);
    expect(text.freeText).toBeNull();
    expect(text.answered).toEqual({ suppressed: true, reason: 'small' });
    expect(JSON.stringify(body)).not.toMatch(/良かった|資料が欲しい/);
  });

  it('staff and admins read exact counts; anonymous 401', async () => {
    expect((await results('', 'admin')).suppression.applied).toBe(false);
    expectProblem(await f.current.as('anonymous', { method: 'GET', url: `/api/v1/surveys/${survey.id}/results` }), 401);
  });

  it('a partner reads only the responses collected at its own points, suppressed', async () => {
    const [mine, theirs] = await f.current.database.db
      .insert(distributionPoints)
      .values(
        [
          ['RES-MINE', f.current.orgs.partner],
          ['RES-THEIRS', f.current.orgs.otherPartner],
        ].map(([cardCode, organisationId]) => ({
          name: cardCode as string,
          kind: 'partner_site' as const,
          organisationId: organisationId as string,
          place: '店舗',
          cardCode: cardCode as string,
          validFrom: '2021-11-18',
          schedule: [],
        })),
      )
      .returning();
    const created = await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/surveys',
      payload: {
        title: '配付アンケート',
        opensOn: '2021-01-01',
        context: { kind: 'distribution', distributionPointIds: [mine?.id, theirs?.id] },
        questions: [
          {
            kind: 'yes_no',
            text: '今回の支援はよかったですか',
            options: [{ label: 'はい', countsAsPositive: true }, { label: 'いいえ' }],
          },
        ],
      },
    });
    const s = created.json();
    const yn = s.questions[0].id;
    const answers: [string | undefined, boolean][] = [
      [mine?.id, true],
      [mine?.id, true],
      [mine?.id, true],
      [mine?.id, false],
      [theirs?.id, false],
      [theirs?.id, false],
      [theirs?.id, false],
    ];
    for (const [pointId, value] of answers) {
      await f.current.as('staff', {
        method: 'POST',
        url: `/api/v1/surveys/${s.id}/responses`,
        payload: { distributionPointId: pointId, answers: { [yn]: value } },
      });
    }
    const all = await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}/results` });
    expect(all.json().responses).toBe(7);
    expect(all.json().questions[0].positive).toEqual({ count: 3, denominator: 7, share: 0.4286 });
    const atPoint = await f.current.as('staff', {
      method: 'GET',
      url: `/api/v1/surveys/${s.id}/results?distributionPointId=${theirs?.id}`,
    });
    expect(atPoint.json().responses).toBe(3);

    const partner = await f.current.as('partner', { method: 'GET', url: `/api/v1/surveys/${s.id}/results` });
    expect(partner.statusCode).toBe(200);
    const body = partner.json();
    expect(body.responses).toBe(4);
    expect(body.questions[0].answered).toBe(4);
    expect(body.questions[0].positive.denominator).toBe(4);
    expect(body.questions[0].options[1].count).toEqual({ suppressed: true, reason: 'small' });
    // The fixture's first survey has no points of the partner's: not found.
    expectProblem(await f.current.as('partner', { method: 'GET', url: `/api/v1/surveys/${survey.id}/results` }), 404);
  });
});

describe('the demo set’s surveys', () => {
  // The demo set goes into an empty database, as on first start; the shared fixture has organisations already.
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof build>>;
  let staff: Record<string, string>;

  beforeAll(async () => {
    database = await freshDatabase();
    expect(await loadDemoData(database.db)).toBe(true);
    app = await build({ database, config: { RATE_LIMIT: 'off' } });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'staff@tsunagari.example', password: DEMO_PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'tsunagari_session');
    staff = { cookie: `tsunagari_session=${cookie?.value}` };
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  async function demoSurvey(title: string) {
    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/surveys?q=${encodeURIComponent(title)}`,
      headers: staff,
    });
    const [summary] = list.json().items;
    const res = await app.inject({ method: 'GET', url: `/api/v1/surveys/${summary.id}/results`, headers: staff });
    expect(res.statusCode).toBe(200);
    return { summary, results: res.json() };
  }

  it('the FY2021 seminar survey reports 31 of 36 satisfied (86%), of the training event, all made up', async () => {
    const { summary, results: body } = await demoSurvey('研修会 アンケート');
    expect(summary).toMatchObject({ status: 'closed', oneAnswerPerCode: 'ticket', responseCount: 36 });
    expect(summary.context.kind).toBe('training_event');
    expect(body).toMatchObject({ responses: 36, madeUp: 36, channels: { paper: 28, web: 8 }, version: 1 });
    const satisfaction = body.questions[0];
    expect(satisfaction.kind).toBe('scale5');
    expect(satisfaction.satisfied).toEqual({ count: 31, denominator: 36, share: 0.8611 });
    expect(Math.round(satisfaction.satisfied.share * 100)).toBe(86);
  });

  it('the hand-out survey covers the distribution points with a positive share above 70%', async () => {
    const { summary, results: body } = await demoSurvey('配付 アンケート');
    expect(summary.context.kind).toBe('distribution');
    expect(summary.context.distributionPointIds.length).toBeGreaterThan(5);
    expect(body).toMatchObject({ responses: 60, madeUp: 60 });
    const good = body.questions[0];
    expect(good.positive).toEqual({ count: 48, denominator: 60, share: 0.8 });
    expect(good.positive.share).toBeGreaterThan(0.7);
  });
});
