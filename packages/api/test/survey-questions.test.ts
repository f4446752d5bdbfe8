import { describe, expect, it } from 'vitest';
import { expectProblem, useFixture } from './helper.ts';

const f = useFixture();

interface Q {
  id: string;
  key: string;
  kind: string;
  text: string;
  required: boolean;
  options: { id: string; label: string; value: number | null; countsAsSatisfied: boolean; countsAsPositive: boolean }[];
}

async function createSurvey() {
  const res = await f.current.as('staff', {
    method: 'POST',
    url: '/api/v1/surveys',
    payload: {
      title: '版のテスト',
      opensOn: '2021-01-01',
      questions: [
        { kind: 'scale5', text: '満足度', required: true },
        { kind: 'single_choice', text: '知ったきっかけ', options: [{ label: 'チラシ' }, { label: '広報誌' }] },
        { kind: 'free_text', text: 'ご意見' },
      ],
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; publicToken: string; version: number; questions: Q[] };
}

/** The current questions sent back as input, unchanged. */
const asInput = (questions: Q[]) =>
  questions.map((q) => {
    const base = { id: q.id, kind: q.kind, text: q.text, required: q.required };
    if (q.kind === 'free_text') return base;
    return {
      ...base,
      options: q.options.map((o) => ({
        id: o.id,
        label: o.label,
        countsAsSatisfied: o.countsAsSatisfied,
        countsAsPositive: o.countsAsPositive,
      })),
    };
  });

async function put(id: string, etag: number, questions: unknown[]) {
  return f.current.as('staff', {
    method: 'PUT',
    url: `/api/v1/surveys/${id}/questions`,
    payload: { questions },
    headers: { 'if-match': `"v${etag}"` },
  });
}

async function answer(token: string, answers: Record<string, unknown>, version?: number) {
  return f.current.as('anonymous', {
    method: 'POST',
    url: `/api/v1/public/surveys/${token}/responses`,
    payload: { answers, ...(version ? { version } : {}) },
  });
}

describe('questions: replacing the ordered list', () => {
  it('428 without If-Match, 412 when stale, 404 for an unknown survey', async () => {
    const s = await createSurvey();
    const noMatch = await f.current.as('staff', {
      method: 'PUT',
      url: `/api/v1/surveys/${s.id}/questions`,
      payload: { questions: [] },
    });
    expectProblem(noMatch, 428);
    expectProblem(await put(s.id, 7, []), 412);
    expectProblem(await put('00000000-0000-4000-8000-000000000001', 1, []), 404);
  });

  it('without responses changes anything in place, keeping ids that are sent', async () => {
    const s = await createSurvey();
    const [scale, choice] = s.questions as [Q, Q, Q];
    const res = await put(s.id, s.version, [
      {
        id: choice.id,
        kind: 'single_choice',
        text: '知ったきっかけ',
        options: [{ id: choice.options[0]?.id, label: 'チラシ' }, { label: 'HP' }, { label: '学校' }],
      },
      { id: scale.id, kind: 'scale5', text: '満足度', required: false },
      { kind: 'number', text: '年齢', min: 10, max: 99 },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.currentVersion).toBe(1);
    expect(body.versions).toHaveLength(1);
    expect(body.version).toBe(s.version + 1);
    expect(res.headers.etag).toBe(`"v${s.version + 1}"`);
    expect(body.questions.map((q: Q) => q.id).slice(0, 2)).toEqual([choice.id, scale.id]);
    expect(body.questions[0].options.map((o: { label: string }) => o.label)).toEqual(['チラシ', 'HP', '学校']);
    expect(body.questions[0].options[0].id).toBe(choice.options[0]?.id);
    // A kept scale keeps its option ids by value.
    expect(body.questions[1].options.map((o: { id: string }) => o.id)).toEqual(scale.options.map((o) => o.id));
    expect(body.questions[2]).toMatchObject({ kind: 'number', min: 10, max: 99, position: 3 });
  });

  it('refuses unknown ids (400), identity questions (422) and bad bodies, changing nothing', async () => {
    const s = await createSurvey();
    const [scale, choice] = s.questions as [Q, Q, Q];
    expectProblem(
      await put(s.id, s.version, [{ id: '00000000-0000-4000-8000-000000000001', kind: 'free_text', text: 'x' }]),
      400,
      'validation_failed',
    );
    const foreignOption = await put(s.id, s.version, [
      {
        id: choice.id,
        kind: 'single_choice',
        text: 'x',
        options: [{ id: scale.options[0]?.id, label: 'a' }, { label: 'b' }],
      },
    ]);
    expect(expectProblem(foreignOption, 400, 'validation_failed').errors?.[0]?.path).toBe(
      'body.questions.0.options.0.id',
    );
    expectProblem(
      await put(s.id, s.version, [
        { id: scale.id, kind: 'scale5', text: 'a' },
        { id: scale.id, kind: 'scale5', text: 'b' },
      ]),
      400,
    );
    expectProblem(await put(s.id, s.version, [{ kind: 'free_text', text: 'お名前' }]), 422, 'identity_question');
    expectProblem(
      await f.current.as('staff', {
        method: 'PUT',
        url: `/api/v1/surveys/${s.id}/questions`,
        payload: { questions: [], more: 1 },
        headers: { 'if-match': `"v${s.version}"` },
      }),
      400,
    );
    const read = await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}` });
    expect(read.json().questions).toEqual(s.questions);
    expect(read.json().version).toBe(s.version);
  });

  it('403 for partners and analysts, 401 anonymous', async () => {
    const s = await createSurvey();
    for (const role of ['partner', 'analyst', 'anonymous'] as const) {
      const res = await f.current.as(role, {
        method: 'PUT',
        url: `/api/v1/surveys/${s.id}/questions`,
        payload: { questions: [] },
        headers: { 'if-match': '"v1"' },
      });
      expectProblem(res, role === 'anonymous' ? 401 : 403);
    }
  });
});

describe('questions: versioning once there are responses', () => {
  it('keeps wording and order changes in place, in the version the answers refer to', async () => {
    const s = await createSurvey();
    const [scale, choice, text] = s.questions as [Q, Q, Q];
    expect((await answer(s.publicToken, { [scale.id]: 5, [choice.id]: choice.options[1]?.id })).statusCode).toBe(201);
    const input = asInput(s.questions);
    const reworded = [
      { ...input[2], text: 'ご意見・ご感想' },
      { ...input[0], text: '研修の満足度', help: '一つ選んでください' },
      {
        ...input[1],
        options: [...(input[1] as { options: { label: string }[] }).options].reverse().map((o, i) => ({
          ...o,
          label: i === 0 ? '市の広報誌' : o.label,
        })),
      },
    ];
    const res = await put(s.id, s.version, reworded);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.currentVersion).toBe(1);
    expect(body.questions.map((q: Q) => q.id)).toEqual([text.id, scale.id, choice.id]);
    expect(body.questions.map((q: Q) => q.text)).toEqual(['ご意見・ご感想', '研修の満足度', '知ったきっかけ']);
    expect(body.questions[2].options.map((o: { label: string }) => o.label)).toEqual(['市の広報誌', 'チラシ']);
    expect(body.questions[2].options[0].id).toBe(choice.options[1]?.id);
    expect(body.versions).toEqual([expect.objectContaining({ number: 1, responseCount: 1 })]);
  });

  for (const [name, change] of [
    [
      'a satisfied flag',
      (q: ReturnType<typeof asInput>) => {
        const scale = q[0] as { options: { countsAsSatisfied: boolean }[] };
        (scale.options[2] as { countsAsSatisfied: boolean }).countsAsSatisfied = true;
        return q;
      },
    ],
    ['a removed question', (q: ReturnType<typeof asInput>) => q.slice(0, 2)],
    [
      'an added option',
      (q: ReturnType<typeof asInput>) => {
        (q[1] as { options: unknown[] }).options.push({ label: 'その他' });
        return q;
      },
    ],
    [
      'a changed kind',
      (q: ReturnType<typeof asInput>) => {
        const [a, b] = q;
        return [a, { id: (b as { id: string }).id, kind: 'free_text', text: '知ったきっかけ' }, q[2]];
      },
    ],
    [
      'required',
      (q: ReturnType<typeof asInput>) => {
        (q[2] as { required?: boolean }).required = true;
        return q;
      },
    ],
    ['an added question', (q: ReturnType<typeof asInput>) => [...q, { kind: 'yes_no', text: 'また参加したいですか' }]],
  ] as const) {
    it(`makes a new version for ${name}; the old answers stay with version 1`, async () => {
      const s = await createSurvey();
      const [scale] = s.questions as [Q, Q, Q];
      expect((await answer(s.publicToken, { [scale.id]: 3 })).statusCode).toBe(201);
      const res = await put(s.id, s.version, change(asInput(s.questions)));
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.currentVersion).toBe(2);
      expect(body.versions).toEqual([
        expect.objectContaining({ number: 1, responseCount: 1 }),
        expect.objectContaining({ number: 2, responseCount: 0 }),
      ]);
      const oldIds = new Set(s.questions.map((q) => q.id));
      expect(body.questions.every((q: Q) => !oldIds.has(q.id))).toBe(true);
      // Kept questions keep their key across versions.
      expect(body.questions[0].key).toBe(scale.key);

      const v1 = await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}/versions/1` });
      expect(v1.json().questions).toEqual(s.questions);
      expectProblem(await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}/versions/3` }), 404);

      const responses = await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}/responses` });
      expect(responses.json().items).toEqual([
        expect.objectContaining({ version: 1, answers: [{ questionId: scale.id, value: 3 }] }),
      ]);

      const form = await f.current.as('anonymous', { method: 'GET', url: `/api/v1/public/surveys/${s.publicToken}` });
      expect(form.json().version).toBe(2);
      expect(form.json().questions.map((q: Q) => q.id)).toEqual(body.questions.map((q: Q) => q.id));

      // A phone that loaded version 1 before the change still answers version 1.
      expect((await answer(s.publicToken, { [scale.id]: 4 }, 1)).statusCode).toBe(201);
      // Version 1's ids do not fit version 2.
      const wrong = await answer(s.publicToken, { [scale.id]: 4 });
      expectProblem(wrong, 400, 'validation_failed');
      expectProblem(await answer(s.publicToken, { [scale.id]: 4 }, 3), 400, 'validation_failed');

      const results = await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}/results` });
      expect(results.json()).toMatchObject({ version: 2, responses: 0 });
      expect(results.json().versions).toEqual([
        { number: 1, responses: 2 },
        { number: 2, responses: 0 },
      ]);
      const old = await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}/results?version=1` });
      expect(old.json()).toMatchObject({ version: 1, responses: 2 });
      expectProblem(
        await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}/results?version=9` }),
        400,
      );
    });
  }

  it('a survey with responses cannot be deleted (409 has_responses)', async () => {
    const s = await createSurvey();
    const [scale] = s.questions as [Q, Q, Q];
    await answer(s.publicToken, { [scale.id]: 1 });
    expectProblem(
      await f.current.as('staff', { method: 'DELETE', url: `/api/v1/surveys/${s.id}` }),
      409,
      'has_responses',
    );
  });
});
