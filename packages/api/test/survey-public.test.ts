import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  distributionPoints,
  surveyAnswers,
  surveyResponses,
  trainingEvents,
  trainingRegistrations,
} from '../src/db/schema/index.ts';
import { expectProblem, useFixture } from './helper.ts';

const f = useFixture();
/** The rate limit is on in production; this second app shows it works. */
const limited = useFixture({ RATE_LIMIT: 'on' });

interface Q {
  id: string;
  kind: string;
  options: { id: string; value: number | null }[];
}

const ALL_KINDS = [
  {
    kind: 'single_choice',
    text: '知ったきっかけ',
    required: true,
    options: [{ label: 'チラシ' }, { label: '広報誌' }],
  },
  {
    kind: 'multiple_choice',
    text: '役立った内容',
    maxChoices: 2,
    options: [{ label: '講義' }, { label: '事例' }, { label: '資料' }],
  },
  { kind: 'scale5', text: '満足度', required: true },
  { kind: 'yes_no', text: 'また参加したいですか' },
  { kind: 'number', text: '参加回数', min: 0, max: 10 },
  { kind: 'free_text', text: 'ご意見', maxLength: 20 },
];

async function createSurvey(fixture = f, extra: Record<string, unknown> = {}) {
  const res = await fixture.current.as('staff', {
    method: 'POST',
    url: '/api/v1/surveys',
    payload: { title: '公開フォーム', opensOn: '2021-01-01', questions: ALL_KINDS, ...extra },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; publicToken: string; version: number; questions: Q[] };
}

const submit = (token: string, payload: unknown, fixture = f) =>
  fixture.current.as('anonymous', {
    method: 'POST',
    url: `/api/v1/public/surveys/${token}/responses`,
    payload: payload as object,
  });

async function responseCount(surveyId: string) {
  const rows = await f.current.database.db
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
  return rows.length;
}

async function point(cardCode: string) {
  const [row] = await f.current.database.db
    .insert(distributionPoints)
    .values({
      name: `配付場所 ${cardCode}`,
      kind: 'city_counter',
      organisationId: f.current.orgs.city,
      place: '本庁舎',
      cardCode,
      validFrom: '2021-11-18',
      schedule: [],
    })
    .returning();
  return row?.id as string;
}

describe('public form: reading', () => {
  it('shows the questions of an open survey without flags or keys', async () => {
    const s = await createSurvey();
    const res = await f.current.as('anonymous', { method: 'GET', url: `/api/v1/public/surveys/${s.publicToken}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const form = res.json();
    expect(form).toMatchObject({ token: s.publicToken, title: '公開フォーム', version: 1, point: null });
    expect(form.questions).toHaveLength(6);
    expect(JSON.stringify(form)).not.toMatch(/countsAs|"key"/);
    expect(form.questions[2].options.map((o: { value: number }) => o.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('404 for a draft or unknown token, 409 before opening, 410 after closing, 400 for a malformed token', async () => {
    const draft = await createSurvey(f, { opensOn: null });
    const later = await createSurvey(f, { opensOn: '2999-01-01' });
    const closed = await createSurvey(f, { opensOn: '2021-01-01', closesOn: '2021-03-31' });
    const get = (token: string) => f.current.as('anonymous', { method: 'GET', url: `/api/v1/public/surveys/${token}` });
    expectProblem(await get(draft.publicToken), 404);
    expectProblem(await get('abcdefghijklmnopqrstuvwx'), 404);
    const notOpen = expectProblem(await get(later.publicToken), 409, 'survey_not_open');
    expect(notOpen).toMatchObject({ opensOn: '2999-01-01' });
    expectProblem(await get(closed.publicToken), 410, 'survey_closed');
    expectProblem(await get('bad token!'), 400);

    const [scale] = (closed.questions as Q[]).filter((q) => q.kind === 'scale5');
    expectProblem(await submit(closed.publicToken, { answers: { [scale?.id as string]: 5 } }), 410, 'survey_closed');
    expectProblem(await submit(later.publicToken, { answers: {} }), 409, 'survey_not_open');
    expectProblem(await submit(draft.publicToken, { answers: {} }), 404);
    expect(await responseCount(closed.id)).toBe(0);
  });

  it('names the point of a ?card= link of one of its points', async () => {
    const p = await point('PUB-A');
    const s = await createSurvey(f, { context: { kind: 'distribution', distributionPointIds: [p] } });
    const res = await f.current.as('anonymous', {
      method: 'GET',
      url: `/api/v1/public/surveys/${s.publicToken}?card=pub-a`,
    });
    expect(res.json().point).toEqual({ name: '配付場所 PUB-A' });
    const other = await f.current.as('anonymous', {
      method: 'GET',
      url: `/api/v1/public/surveys/${s.publicToken}?card=ZZZ`,
    });
    expect(other.json().point).toBeNull();
  });
});

describe('public form: answering, validated per kind', () => {
  it('stores a full valid answer (201) and nothing about who sent it', async () => {
    const s = await createSurvey();
    const [single, multi, scale, yesNo, num, text] = s.questions as [Q, Q, Q, Q, Q, Q];
    const res = await submit(s.publicToken, {
      version: 1,
      answers: {
        [single.id]: single.options[1]?.id,
        [multi.id]: [multi.options[0]?.id, multi.options[2]?.id],
        [scale.id]: 4,
        [yesNo.id]: false,
        [num.id]: 3,
        [text.id]: '  よかったです  ',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ received: true });
    const list = await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}/responses` });
    const [stored] = list.json().items;
    expect(stored).toMatchObject({ channel: 'web', version: 1, distributionPointId: null, madeUp: false });
    expect(stored.answers).toEqual([
      { questionId: single.id, value: single.options[1]?.id },
      { questionId: multi.id, value: [multi.options[0]?.id, multi.options[2]?.id] },
      { questionId: scale.id, value: 4 },
      { questionId: yesNo.id, value: false },
      { questionId: num.id, value: 3 },
      { questionId: text.id, value: 'よかったです' },
    ]);
    const [row] = await f.current.database.db.select().from(surveyResponses).where(eq(surveyResponses.id, stored.id));
    expect(row).toMatchObject({ codeHash: null, recordedById: null });
  });

  it('answers 400 with one error per question for every kind of wrong answer, storing nothing', async () => {
    const s = await createSurvey();
    const [single, multi, scale, yesNo, num, text] = s.questions as [Q, Q, Q, Q, Q, Q];
    const ghost = '00000000-0000-4000-8000-000000000001';
    const cases: [Record<string, unknown>, string, string][] = [
      [{ [scale.id]: 3 }, single.id, 'required'],
      [{ [single.id]: ghost, [scale.id]: 3 }, single.id, 'unknown option'],
      [{ [single.id]: 1, [scale.id]: 3 }, single.id, 'expected an option id'],
      [{ [single.id]: single.options[0]?.id }, scale.id, 'required'],
      [{ [single.id]: single.options[0]?.id, [scale.id]: 6 }, scale.id, 'expected a whole number from 1 to 5'],
      [{ [single.id]: single.options[0]?.id, [scale.id]: 2.5 }, scale.id, 'expected a whole number from 1 to 5'],
      [{ [single.id]: single.options[0]?.id, [scale.id]: '5' }, scale.id, 'expected a whole number from 1 to 5'],
      [
        { [single.id]: single.options[0]?.id, [scale.id]: 3, [multi.id]: multi.options.map((o) => o.id) },
        multi.id,
        'at most 2 choices',
      ],
      [
        { [single.id]: single.options[0]?.id, [scale.id]: 3, [multi.id]: [multi.options[0]?.id, multi.options[0]?.id] },
        multi.id,
        'each option at most once',
      ],
      [{ [single.id]: single.options[0]?.id, [scale.id]: 3, [multi.id]: [ghost] }, multi.id, 'unknown option'],
      [
        { [single.id]: single.options[0]?.id, [scale.id]: 3, [multi.id]: multi.options[0]?.id },
        multi.id,
        'expected a list of option ids',
      ],
      [{ [single.id]: single.options[0]?.id, [scale.id]: 3, [yesNo.id]: 'yes' }, yesNo.id, 'expected true or false'],
      [{ [single.id]: single.options[0]?.id, [scale.id]: 3, [num.id]: 11 }, num.id, 'must be at most 10'],
      [{ [single.id]: single.options[0]?.id, [scale.id]: 3, [num.id]: -1 }, num.id, 'must be at least 0'],
      [{ [single.id]: single.options[0]?.id, [scale.id]: 3, [num.id]: 1.5 }, num.id, 'expected a whole number'],
      [{ [single.id]: single.options[0]?.id, [scale.id]: 3, [num.id]: '3' }, num.id, 'expected a number'],
      [
        { [single.id]: single.options[0]?.id, [scale.id]: 3, [text.id]: 'あ'.repeat(21) },
        text.id,
        'at most 20 characters',
      ],
      [{ [single.id]: single.options[0]?.id, [scale.id]: 3, [text.id]: 5 }, text.id, 'expected text'],
      [
        { [single.id]: single.options[0]?.id, [scale.id]: 3, [text.id]: 'a\u0007b' },
        text.id,
        'no control characters except line breaks',
      ],
      [
        { [single.id]: single.options[0]?.id, [scale.id]: 3, [ghost]: 1 },
        ghost,
        'not a question of this survey version',
      ],
    ];
    for (const [answers, questionId, message] of cases) {
      const body = expectProblem(await submit(s.publicToken, { answers }), 400, 'validation_failed');
      expect(body.errors).toContainEqual({ path: `body.answers.${questionId}`, message });
    }
    // Several wrong answers: every one is named.
    const many = expectProblem(await submit(s.publicToken, { answers: { [num.id]: 99 } }), 400);
    expect(many.errors?.map((e) => e.path).sort()).toEqual(
      [`body.answers.${single.id}`, `body.answers.${scale.id}`, `body.answers.${num.id}`].sort(),
    );
    expect(await responseCount(s.id)).toBe(0);
  });

  it('refuses malformed bodies: unknown fields, wrong shapes, bad JSON, nothing answered', async () => {
    const s = await createSurvey(f, { questions: [{ kind: 'yes_no', text: '良かったですか' }] });
    for (const payload of [
      {},
      { answers: [] },
      { answers: {}, name: '山田' },
      { answers: { x: { nested: true } } },
      { answers: {}, version: 0 },
      { answers: {}, version: 'one' },
    ]) {
      expectProblem(await submit(s.publicToken, payload), 400, 'validation_failed');
    }
    expectProblem(await submit(s.publicToken, { answers: {} }), 400, 'validation_failed');
    const bad = await f.current.as('anonymous', {
      method: 'POST',
      url: `/api/v1/public/surveys/${s.publicToken}/responses`,
      payload: '{"answers":',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(bad, 400, 'malformed_json');
    const text = await f.current.as('anonymous', {
      method: 'POST',
      url: `/api/v1/public/surveys/${s.publicToken}/responses`,
      payload: 'answers',
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(text, 415);
    expect(await responseCount(s.id)).toBe(0);
  });

  it('masks contact details in free text before storing it, and keeps the rest', async () => {
    const s = await createSurvey(f, { questions: [{ kind: 'free_text', text: 'ご意見', maxLength: 500 }] });
    const [q] = s.questions as [Q];
    const text = '相談したいので090-1234-5678かtaro@example.jpに連絡ください。とても助かりました';
    expect((await submit(s.publicToken, { answers: { [q.id]: text } })).statusCode).toBe(201);
    const list = await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}/responses` });
    const stored = list.json().items[0].answers[0].value as string;
    expect(stored).toBe('相談したいので［電話番号］か［メールアドレス］に連絡ください。とても助かりました');
    const rows = await f.current.database.db.select().from(surveyAnswers);
    expect(JSON.stringify(rows)).not.toMatch(/1234-5678|taro@example/);
    const audit = await f.current.database.db.select().from(auditLog).where(eq(auditLog.entityType, 'survey_response'));
    expect(JSON.stringify(audit)).not.toMatch(/1234|taro|相談したい/);
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const s = await createSurvey(f, { questions: [{ kind: 'yes_no', text: '良かったですか' }] });
    const [q] = s.questions as [Q];
    const res = await submit(s.publicToken, { answers: { [q.id]: true }, website: 'http://spam.example' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ received: true });
    expect(await responseCount(s.id)).toBe(0);
    expect((await submit(s.publicToken, { answers: { [q.id]: true }, website: '' })).statusCode).toBe(201);
    expect(await responseCount(s.id)).toBe(1);
  });
});

describe('public form: one answer per code', () => {
  it('card_code: a numbered card of a survey point answers once (409 already_answered), only a hash is kept', async () => {
    const p = await point('OTR-FUK');
    const s = await createSurvey(f, {
      questions: [{ kind: 'yes_no', text: '良かったですか' }],
      context: { kind: 'distribution', distributionPointIds: [p] },
      oneAnswerPerCode: 'card_code',
    });
    const [q] = s.questions as [Q];
    const body = (code?: string) => ({ answers: { [q.id]: true }, ...(code ? { code } : {}) });
    expectProblem(await submit(s.publicToken, body()), 400, 'validation_failed');
    expectProblem(await submit(s.publicToken, body('OTR-FUK')), 422, 'unknown_code');
    expectProblem(await submit(s.publicToken, body('XYZ-0001')), 422, 'unknown_code');
    expect((await submit(s.publicToken, body('OTR-FUK-0042'))).statusCode).toBe(201);
    // The same card typed differently (lower case, full-width) is the same card.
    expectProblem(await submit(s.publicToken, body('otr-fuk-0042')), 409, 'already_answered');
    expectProblem(await submit(s.publicToken, body('ＯＴＲ－ＦＵＫ－００４２')), 409, 'already_answered');
    expect((await submit(s.publicToken, body('OTR-FUK-0043'))).statusCode).toBe(201);
    const rows = await f.current.database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.distributionPointId).toBe(p);
    }
    expect(JSON.stringify(rows)).not.toMatch(/OTR-FUK-004/);
  });

  it('ticket: a ticket of the training event answers once; another ticket is refused', async () => {
    const db = f.current.database.db;
    const [event] = await db
      .insert(trainingEvents)
      .values({
        title: '研修会',
        startsAt: new Date('2021-11-19T14:00:00+09:00'),
        endsAt: new Date('2021-11-19T16:00:00+09:00'),
        venueCapacity: 30,
        onlineCapacity: 10,
        status: 'held',
        fiscalYear: 2021,
      } as typeof trainingEvents.$inferInsert)
      .returning();
    await db.insert(trainingRegistrations).values({
      eventId: event?.id as string,
      name: '受講者',
      affiliation: 'teacher',
      mode: 'venue',
      status: 'confirmed',
      source: 'staff',
      ticketToken: 'TicketToken-abc123',
    } as typeof trainingRegistrations.$inferInsert);
    const s = await createSurvey(f, {
      questions: [{ kind: 'scale5', text: '満足度' }],
      context: { kind: 'training_event', trainingEventId: event?.id },
      oneAnswerPerCode: 'ticket',
    });
    const [q] = s.questions as [Q];
    const body = (code: string) => ({ answers: { [q.id]: 5 }, code });
    expectProblem(await submit(s.publicToken, body('not-a-ticket')), 422, 'unknown_code');
    expect((await submit(s.publicToken, body('TicketToken-abc123'))).statusCode).toBe(201);
    expectProblem(await submit(s.publicToken, body('TicketToken-abc123')), 409, 'already_answered');
    expect(await responseCount(s.id)).toBe(1);
  });

  it('a card= link attributes the answer to that point; an unknown card is 400', async () => {
    const p = await point('CARD-LINK');
    const s = await createSurvey(f, {
      questions: [{ kind: 'yes_no', text: '良かったですか' }],
      context: { kind: 'distribution', distributionPointIds: [p] },
    });
    const [q] = s.questions as [Q];
    expect((await submit(s.publicToken, { answers: { [q.id]: true }, card: 'card-link' })).statusCode).toBe(201);
    expectProblem(await submit(s.publicToken, { answers: { [q.id]: true }, card: 'ELSEWHERE' }), 400);
    const [row] = await f.current.database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id));
    expect(row?.distributionPointId).toBe(p);
  });
});

describe('public form: rate limit', () => {
  it('answers 429 rate_limited after 30 answers a minute from one address', async () => {
    const s = await createSurvey(limited, { questions: [{ kind: 'yes_no', text: '良かったですか' }] });
    const [q] = s.questions as [Q];
    // Honeypot answers count against the limit like any other and store nothing.
    for (let i = 0; i < 30; i++) {
      const res = await submit(s.publicToken, { answers: { [q.id]: true }, website: 'x' }, limited);
      expect(res.statusCode).toBe(201);
    }
    const res = await submit(s.publicToken, { answers: { [q.id]: true } }, limited);
    expectProblem(res, 429, 'rate_limited');
    // Another address is not affected.
    const other = await limited.current.app.inject({
      method: 'POST',
      url: `/api/v1/public/surveys/${s.publicToken}/responses`,
      payload: { answers: { [q.id]: true } },
      remoteAddress: '10.0.0.2',
    });
    expect(other.statusCode).toBe(201);
  });
});
