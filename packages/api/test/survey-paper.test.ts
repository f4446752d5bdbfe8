import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, distributionPoints, surveyResponses } from '../src/db/schema/index.ts';
import { expectProblem, useFixture } from './helper.ts';

const f = useFixture();

interface Q {
  id: string;
  kind: string;
  options: { id: string }[];
}

async function createSurvey(extra: Record<string, unknown> = {}) {
  const res = await f.current.as('staff', {
    method: 'POST',
    url: '/api/v1/surveys',
    payload: {
      title: '紙アンケート',
      opensOn: '2021-11-19',
      closesOn: '2021-11-30',
      questions: [
        { kind: 'scale5', text: '満足度', required: true },
        { kind: 'free_text', text: 'ご意見' },
      ],
      ...extra,
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; publicToken: string; questions: Q[] };
}

const paper = (
  surveyId: string,
  payload: unknown,
  who: 'staff' | 'admin' | 'partner' | 'analyst' | 'anonymous' = 'staff',
) => f.current.as(who, { method: 'POST', url: `/api/v1/surveys/${surveyId}/responses`, payload: payload as object });

async function count(surveyId: string) {
  return (await f.current.database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId)))
    .length;
}

describe('paper entry', () => {
  it('stores a paper response after the survey closed, dated at noon Tokyo time of the paper date', async () => {
    const s = await createSurvey();
    const [scale, text] = s.questions as [Q, Q];
    const res = await paper(s.id, {
      channel: 'paper',
      submittedAt: '2021-11-19',
      answers: { [scale.id]: 5, [text.id]: '電話 0134-32-4111 まで' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(res.headers.location).toBe(`/api/v1/surveys/${s.id}/responses/${body.id}`);
    expect(body).toMatchObject({
      surveyId: s.id,
      version: 1,
      channel: 'paper',
      submittedAt: '2021-11-19T03:00:00.000Z',
      madeUp: false,
      answers: [
        { questionId: scale.id, value: 5 },
        { questionId: text.id, value: '電話 ［電話番号］ まで' },
      ],
    });
    const [row] = await f.current.database.db.select().from(surveyResponses).where(eq(surveyResponses.id, body.id));
    expect(row?.recordedById).toBe(f.current.users.staff.id);
  });

  it('takes a time too, defaults to now, and refuses the future and the distant past', async () => {
    const s = await createSurvey();
    const [scale] = s.questions as [Q, Q];
    const withTime = await paper(s.id, { answers: { [scale.id]: 4 }, submittedAt: '2021-11-20T10:30:00+09:00' });
    expect(withTime.json().submittedAt).toBe('2021-11-20T01:30:00.000Z');
    const before = Date.now();
    const now = await paper(s.id, { answers: { [scale.id]: 4 } });
    expect(Date.parse(now.json().submittedAt)).toBeGreaterThanOrEqual(before - 1000);
    const n = await count(s.id);
    expectProblem(await paper(s.id, { answers: { [scale.id]: 4 }, submittedAt: '2999-01-01' }), 400);
    expectProblem(await paper(s.id, { answers: { [scale.id]: 4 }, submittedAt: '1999-12-31' }), 400);
    expectProblem(await paper(s.id, { answers: { [scale.id]: 4 }, submittedAt: '2021-02-30' }), 400);
    expectProblem(await paper(s.id, { answers: { [scale.id]: 4 }, channel: 'web' }), 400);
    expectProblem(await paper(s.id, { answers: { [scale.id]: 9 } }), 400);
    expectProblem(await paper(s.id, { answers: {} }), 400);
    expectProblem(await paper(s.id, { answers: { [scale.id]: 4 }, who: 'x' }), 400);
    expectProblem(await paper('00000000-0000-4000-8000-000000000001', { answers: { [scale.id]: 4 } }), 404);
    expectProblem(await paper('nope', { answers: { [scale.id]: 4 } }), 400);
    expect(await count(s.id)).toBe(n);
  });

  it('attributes paper to one of the survey’s points; other points are refused; codes count once', async () => {
    const [p, other] = await f.current.database.db
      .insert(distributionPoints)
      .values(
        ['PAP-A', 'PAP-B'].map((cardCode) => ({
          name: cardCode,
          kind: 'city_counter' as const,
          organisationId: f.current.orgs.city,
          place: '本庁舎',
          cardCode,
          validFrom: '2021-11-18',
          schedule: [],
        })),
      )
      .returning();
    const s = await createSurvey({
      context: { kind: 'distribution', distributionPointIds: [p?.id] },
      oneAnswerPerCode: 'card_code',
    });
    const [scale] = s.questions as [Q, Q];
    const ok = await paper(s.id, { answers: { [scale.id]: 3 }, distributionPointId: p?.id });
    expect(ok.json().distributionPointId).toBe(p?.id);
    expectProblem(await paper(s.id, { answers: { [scale.id]: 3 }, distributionPointId: other?.id }), 400);
    expect((await paper(s.id, { answers: { [scale.id]: 3 }, code: 'PAP-A-7' })).statusCode).toBe(201);
    expectProblem(await paper(s.id, { answers: { [scale.id]: 3 }, code: 'pap-a-7' }), 409, 'already_answered');
  });

  it('is for staff and admins only', async () => {
    const s = await createSurvey();
    const [scale] = s.questions as [Q, Q];
    expectProblem(await paper(s.id, { answers: { [scale.id]: 3 } }, 'anonymous'), 401);
    expectProblem(await paper(s.id, { answers: { [scale.id]: 3 } }, 'partner'), 403);
    expectProblem(await paper(s.id, { answers: { [scale.id]: 3 } }, 'analyst'), 403);
    expect((await paper(s.id, { answers: { [scale.id]: 3 } }, 'admin')).statusCode).toBe(201);
  });
});

describe('responses: list, read, delete with a reason', () => {
  it('lists newest first with keyset pagination and filters; reads one', async () => {
    const s = await createSurvey();
    const [scale] = s.questions as [Q, Q];
    for (const day of ['2021-11-19', '2021-11-20', '2021-11-21']) {
      await paper(s.id, { answers: { [scale.id]: 3 }, submittedAt: day });
    }
    const url = `/api/v1/surveys/${s.id}/responses`;
    const first = await f.current.as('staff', { method: 'GET', url: `${url}?limit=2` });
    expect(first.json().items.map((r: { submittedAt: string }) => r.submittedAt.slice(0, 10))).toEqual([
      '2021-11-21',
      '2021-11-20',
    ]);
    const second = await f.current.as('staff', {
      method: 'GET',
      url: `${url}?limit=2&cursor=${first.json().nextCursor}`,
    });
    expect(second.json().items).toHaveLength(1);
    expect(second.json().nextCursor).toBeNull();
    expect((await f.current.as('staff', { method: 'GET', url: `${url}?channel=web` })).json().items).toEqual([]);
    expect((await f.current.as('staff', { method: 'GET', url: `${url}?version=1` })).json().items).toHaveLength(3);
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${url}?cursor=abc` }), 400);
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${url}?channel=fax` }), 400);
    const id = first.json().items[0].id;
    const one = await f.current.as('staff', { method: 'GET', url: `${url}/${id}` });
    expect(one.json()).toEqual(first.json().items[0]);
    expectProblem(
      await f.current.as('staff', { method: 'GET', url: `${url}/00000000-0000-4000-8000-000000000001` }),
      404,
    );
  });

  it('deletes a response only with a reason, audited with it', async () => {
    const s = await createSurvey();
    const [scale] = s.questions as [Q, Q];
    const a = (await paper(s.id, { answers: { [scale.id]: 1 } })).json();
    const b = (await paper(s.id, { answers: { [scale.id]: 2 } })).json();
    const url = (id: string) => `/api/v1/surveys/${s.id}/responses/${id}`;
    expectProblem(await f.current.as('staff', { method: 'DELETE', url: url(a.id) }), 400, 'validation_failed');
    expectProblem(await f.current.as('staff', { method: 'DELETE', url: url(a.id), payload: { reason: '' } }), 400);
    expectProblem(await f.current.as('staff', { method: 'DELETE', url: url(a.id), payload: { why: 'x' } }), 400);
    expectProblem(await f.current.as('partner', { method: 'DELETE', url: url(a.id), payload: { reason: 'x' } }), 403);
    expect(await count(s.id)).toBe(2);

    const byBody = await f.current.as('staff', { method: 'DELETE', url: url(a.id), payload: { reason: '二重入力' } });
    expect(byBody.statusCode).toBe(204);
    const byQuery = await f.current.as('admin', {
      method: 'DELETE',
      url: `${url(b.id)}?reason=${encodeURIComponent('テスト回答')}`,
    });
    expect(byQuery.statusCode).toBe(204);
    expectProblem(await f.current.as('staff', { method: 'DELETE', url: url(a.id), payload: { reason: 'again' } }), 404);
    expect(await count(s.id)).toBe(0);

    const audit = await f.current.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'survey_response'), eq(auditLog.action, 'delete')));
    expect(audit.map((e) => [e.entityId, (e.details as { reason: string }).reason]).sort()).toEqual(
      [
        [a.id, '二重入力'],
        [b.id, 'テスト回答'],
      ].sort(),
    );
  });

  it('deleting a response: 401 without a session, 403 for analysts and partners, 404 for ids that do not match', async () => {
    const s = await createSurvey();
    const other = await createSurvey({ title: '別のアンケート' });
    const [scale] = s.questions as [Q, Q];
    const [otherScale] = other.questions as [Q, Q];
    const a = (await paper(s.id, { answers: { [scale.id]: 4 } })).json();
    const elsewhere = (await paper(other.id, { answers: { [otherScale.id]: 5 } })).json();
    const del = (surveyId: string, responseId: string, who: 'staff' | 'analyst' | 'partner' | 'anonymous' = 'staff') =>
      f.current.as(who, {
        method: 'DELETE',
        url: `/api/v1/surveys/${surveyId}/responses/${responseId}`,
        payload: { reason: 'テスト回答' },
      });
    expectProblem(await del(s.id, a.id, 'anonymous'), 401);
    expectProblem(await del(s.id, a.id, 'analyst'), 403);
    expectProblem(await del(s.id, a.id, 'partner'), 403);
    const ghost = '00000000-0000-4000-8000-000000000077';
    expectProblem(await del(ghost, a.id), 404, 'not_found');
    expectProblem(await del(s.id, ghost), 404, 'not_found');
    // A response of another survey is not found under this one, and stays.
    expectProblem(await del(s.id, elsewhere.id), 404, 'not_found');
    expectProblem(await del('not-a-uuid', a.id), 400, 'validation_failed');
    expectProblem(await del(s.id, 'not-a-uuid'), 400, 'validation_failed');
    expect(await count(s.id)).toBe(1);
    expect(await count(other.id)).toBe(1);

    // The results no longer count it.
    expect((await del(s.id, a.id)).statusCode).toBe(204);
    const results = await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}/results` });
    expect(results.json().responses).toBe(0);
    const survey = await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}` });
    expect(survey.json().responseCount).toBe(0);
  });
});
