import { describe, expect, it } from 'vitest';
import { consultationWindows, distributionPoints, trainingEvents } from '../src/db/schema/index.ts';
import { expectProblem, useFixture } from './helper.ts';

const f = useFixture();

const json = (payload: unknown) => ({ payload: payload as object, headers: { 'content-type': 'application/json' } });

async function point(orgId: string, cardCode: string) {
  const [row] = await f.current.database.db
    .insert(distributionPoints)
    .values({
      name: `配付場所 ${cardCode}`,
      kind: 'partner_site',
      organisationId: orgId,
      place: 'テスト',
      cardCode,
      validFrom: '2021-11-18',
      schedule: [],
    })
    .returning();
  return row?.id as string;
}

const minimal = {
  title: '研修アンケート',
  questions: [{ kind: 'scale5', text: '満足度を教えてください', required: true }],
};

describe('surveys: create and read', () => {
  it('creates a survey with defaults, a token, a version and a scale counting 4 and 5 as satisfied', async () => {
    const res = await f.current.as('staff', { method: 'POST', url: '/api/v1/surveys', ...json(minimal) });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(res.headers.etag).toBe('"v1"');
    expect(res.headers.location).toBe(`/api/v1/surveys/${s.id}`);
    expect(s).toMatchObject({
      title: '研修アンケート',
      description: null,
      context: { kind: 'none' },
      opensOn: null,
      closesOn: null,
      status: 'draft',
      oneAnswerPerCode: 'none',
      currentVersion: 1,
      responseCount: 0,
      versions: [{ number: 1, responseCount: 0 }],
    });
    expect(s.publicToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(s.publicUrl).toBe(`http://localhost:80/s/${s.publicToken}`);
    const q = s.questions[0];
    expect(q).toMatchObject({ position: 1, kind: 'scale5', required: true, maxChoices: null, maxLength: null });
    expect(q.options.map((o: { value: number }) => o.value)).toEqual([1, 2, 3, 4, 5]);
    expect(q.options.map((o: { countsAsSatisfied: boolean }) => o.countsAsSatisfied)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(q.options.map((o: { countsAsPositive: boolean }) => o.countsAsPositive)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('stores every question kind with its settings, in order', async () => {
    const res = await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/surveys',
      ...json({
        title: '全種類',
        description: '説明\n二行目',
        opensOn: '2021-11-19',
        closesOn: '2021-12-31',
        questions: [
          {
            kind: 'single_choice',
            text: 'どこで知りましたか',
            options: [{ label: 'チラシ' }, { label: '広報誌', countsAsPositive: true }],
          },
          {
            kind: 'multiple_choice',
            text: '役立った内容',
            maxChoices: 2,
            options: [{ label: 'A' }, { label: 'B', countsAsSatisfied: true }, { label: 'C' }],
          },
          {
            kind: 'scale5',
            text: '満足度',
            options: ['1', '2', '3', '4', '5'].map((label, i) => ({ label, countsAsSatisfied: i === 4 })),
          },
          {
            kind: 'yes_no',
            text: 'また参加したいですか',
            options: [{ label: 'はい', countsAsPositive: true }, { label: 'いいえ' }],
          },
          { kind: 'number', text: '参加回数', min: 0, max: 50 },
          { kind: 'free_text', text: 'ご意見', maxLength: 200 },
        ],
      }),
    });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s.status).toBe('closed');
    expect(s.questions.map((q: { kind: string }) => q.kind)).toEqual([
      'single_choice',
      'multiple_choice',
      'scale5',
      'yes_no',
      'number',
      'free_text',
    ]);
    expect(s.questions[1].maxChoices).toBe(2);
    expect(s.questions[2].options.map((o: { countsAsSatisfied: boolean }) => o.countsAsSatisfied)).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(s.questions[3].options).toMatchObject([
      { label: 'はい', value: 1, countsAsPositive: true },
      { label: 'いいえ', value: 0, countsAsPositive: false },
    ]);
    expect(s.questions[4]).toMatchObject({ min: 0, max: 50, integer: true });
    expect(s.questions[5]).toMatchObject({ maxLength: 200, options: [] });

    const read = await f.current.as('analyst', { method: 'GET', url: `/api/v1/surveys/${s.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"v1"');
    expect(read.json().questions).toEqual(s.questions);
  });

  it('takes the public link origin from PUBLIC_BASE_URL when set', async () => {
    const { createFixture } = await import('./helper.ts');
    const g = await createFixture({ PUBLIC_BASE_URL: 'https://tsunagari.example/' });
    try {
      const res = await g.as('staff', { method: 'POST', url: '/api/v1/surveys', ...json(minimal) });
      expect(res.json().publicUrl).toBe(`https://tsunagari.example/s/${res.json().publicToken}`);
    } finally {
      await g.close();
    }
  });

  it('links a context: distribution points, a window, a training event', async () => {
    const p1 = await point(f.current.orgs.partner, 'CTX-A');
    const p2 = await point(f.current.orgs.otherPartner, 'CTX-B');
    const res = await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/surveys',
      ...json({
        ...minimal,
        context: { kind: 'distribution', distributionPointIds: [p1, p2] },
        oneAnswerPerCode: 'card_code',
      }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().context.kind).toBe('distribution');
    expect([...res.json().context.distributionPointIds].sort()).toEqual([p1, p2].sort());
    expect(res.json().contextName).toBeNull();

    const [w] = await f.current.database.db
      .insert(consultationWindows)
      .values({
        name: '窓口',
        topics: ['women_general'],
        organisationId: f.current.orgs.city,
        place: '本庁舎',
        channels: ['in_person'],
        validFrom: '2021-04-01',
        schedule: [],
      } as typeof consultationWindows.$inferInsert)
      .returning();
    const win = await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/surveys',
      ...json({ ...minimal, context: { kind: 'consultation_window', consultationWindowId: w?.id } }),
    });
    expect(win.statusCode).toBe(201);
    expect(win.json().context).toEqual({ kind: 'consultation_window', consultationWindowId: w?.id });
    // The context in words, so a reader who cannot open the window or event still knows what it is.
    expect(win.json().contextName).toBe('窓口');

    const [event] = await f.current.database.db
      .insert(trainingEvents)
      .values({
        title: '研修会',
        startsAt: new Date('2021-11-19T14:00:00+09:00'),
        endsAt: new Date('2021-11-19T16:00:00+09:00'),
        venueCapacity: 30,
        onlineCapacity: 10,
        status: 'open',
        fiscalYear: 2021,
      } as typeof trainingEvents.$inferInsert)
      .returning();
    const ev = await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/surveys',
      ...json({
        ...minimal,
        context: { kind: 'training_event', trainingEventId: event?.id },
        oneAnswerPerCode: 'ticket',
      }),
    });
    expect(ev.statusCode).toBe(201);
    expect(ev.json()).toMatchObject({
      context: { kind: 'training_event', trainingEventId: event?.id },
      contextName: '研修会',
      oneAnswerPerCode: 'ticket',
    });
    const listed = await f.current.as('analyst', { method: 'GET', url: '/api/v1/surveys?contextKind=training_event' });
    expect(listed.json().items.find((s: { id: string }) => s.id === ev.json().id)?.contextName).toBe('研修会');
    const plain = await f.current.as('staff', { method: 'POST', url: '/api/v1/surveys', ...json(minimal) });
    expect(plain.json().contextName).toBeNull();
  });

  it('refuses a context that names nothing that exists (422), storing nothing', async () => {
    const ghost = '00000000-0000-4000-8000-000000000001';
    for (const [context, code] of [
      [{ kind: 'distribution', distributionPointIds: [ghost] }, 'unknown_distribution_point'],
      [{ kind: 'consultation_window', consultationWindowId: ghost }, 'unknown_window'],
      [{ kind: 'training_event', trainingEventId: ghost }, 'unknown_training_event'],
    ] as const) {
      const res = await f.current.as('staff', {
        method: 'POST',
        url: '/api/v1/surveys',
        ...json({ ...minimal, title: `ghost ${code}`, context }),
      });
      expectProblem(res, 422, code);
    }
    const list = await f.current.as('staff', { method: 'GET', url: '/api/v1/surveys?q=ghost' });
    expect(list.json().items).toEqual([]);
  });

  it('refuses bad bodies with 400 and stores nothing', async () => {
    const bad: unknown[] = [
      {},
      { title: '' },
      { title: 'x', extra: 1 },
      { title: 'x', opensOn: '2021-13-01' },
      { title: 'x', opensOn: '2021-12-02', closesOn: '2021-12-01' },
      { title: 'x', oneAnswerPerCode: 'ticket' },
      { title: 'x', oneAnswerPerCode: 'card_code', context: { kind: 'none' } },
      { title: 'x', context: { kind: 'distribution', distributionPointIds: [] } },
      { title: 'x', context: { kind: 'nowhere' } },
      { title: 'x', questions: [{ kind: 'essay', text: 'q' }] },
      { title: 'x', questions: [{ kind: 'single_choice', text: 'q', options: [{ label: 'only one' }] }] },
      { title: 'x', questions: [{ kind: 'single_choice', text: 'q', options: [{ label: 'a' }, { label: 'a' }] }] },
      {
        title: 'x',
        questions: [{ kind: 'multiple_choice', text: 'q', maxChoices: 3, options: [{ label: 'a' }, { label: 'b' }] }],
      },
      { title: 'x', questions: [{ kind: 'scale5', text: 'q', options: [{ label: '1' }] }] },
      { title: 'x', questions: [{ kind: 'number', text: 'q', min: 5, max: 1 }] },
      { title: 'x', questions: [{ kind: 'free_text', text: 'q', maxLength: 0 }] },
      { title: 'x', questions: [{ kind: 'free_text', text: 'q', options: [] }] },
      { title: 'x', questions: [{ kind: 'yes_no', text: 'q', required: 'yes' }] },
      { title: 'x', questions: [{ kind: 'free_text', text: 'q', id: '00000000-0000-4000-8000-000000000001' }] },
      { title: 'x', description: 'a\u0000b' },
    ];
    for (const body of bad) {
      const res = await f.current.as('staff', { method: 'POST', url: '/api/v1/surveys', ...json(body) });
      expectProblem(res, 400, 'validation_failed');
    }
    const malformed = await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/surveys',
      payload: '{"title":',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(malformed, 400, 'malformed_json');
    const list = await f.current.as('staff', { method: 'GET', url: '/api/v1/surveys?q=x&limit=500' });
    expect(list.json().items.filter((s: { title: string }) => s.title === 'x')).toEqual([]);
  });

  it('refuses questions that ask who she is (422 identity_question), but not choice questions about phones', async () => {
    for (const text of ['お名前を教えてください', 'ご住所', '電話番号', 'メールアドレス（任意）', '連絡先']) {
      const res = await f.current.as('staff', {
        method: 'POST',
        url: '/api/v1/surveys',
        ...json({ title: 'identity', questions: [{ kind: 'free_text', text }] }),
      });
      const body = expectProblem(res, 422, 'identity_question');
      expect(body.errors?.[0]?.path).toBe('body.questions.0.text');
    }
    const number = await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/surveys',
      ...json({ title: 'identity', questions: [{ kind: 'number', text: '携帯電話の番号' }] }),
    });
    expectProblem(number, 422, 'identity_question');
    const choice = await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/surveys',
      ...json({
        title: 'ok',
        questions: [{ kind: 'yes_no', text: '電話相談を利用したことがありますか' }],
      }),
    });
    expect(choice.statusCode).toBe(201);
  });
});

describe('surveys: list, update, delete', () => {
  it('lists by title with keyset pagination and filters', async () => {
    for (const title of ['あ一覧', 'い一覧', 'う一覧']) {
      await f.current.as('staff', {
        method: 'POST',
        url: '/api/v1/surveys',
        ...json({ ...minimal, title, opensOn: title === 'い一覧' ? '2021-01-01' : null }),
      });
    }
    const first = await f.current.as('staff', { method: 'GET', url: '/api/v1/surveys?q=一覧&limit=2' });
    expect(first.json().items.map((s: { title: string }) => s.title)).toEqual(['あ一覧', 'い一覧']);
    expect(first.json().items[0].questionCount).toBe(1);
    const second = await f.current.as('staff', {
      method: 'GET',
      url: `/api/v1/surveys?q=一覧&limit=2&cursor=${first.json().nextCursor}`,
    });
    expect(second.json()).toMatchObject({ items: [{ title: 'う一覧' }], nextCursor: null });
    const open = await f.current.as('staff', { method: 'GET', url: '/api/v1/surveys?q=一覧&status=open' });
    expect(open.json().items.map((s: { title: string }) => s.title)).toEqual(['い一覧']);
    expectProblem(await f.current.as('staff', { method: 'GET', url: '/api/v1/surveys?cursor=nope' }), 400);
    expectProblem(await f.current.as('staff', { method: 'GET', url: '/api/v1/surveys?status=maybe' }), 400);
  });

  it('updates with If-Match: 428 without, 412 when stale, 400 when inconsistent', async () => {
    const created = (await f.current.as('staff', { method: 'POST', url: '/api/v1/surveys', ...json(minimal) })).json();
    const url = `/api/v1/surveys/${created.id}`;
    expectProblem(await f.current.as('staff', { method: 'PATCH', url, ...json({ title: '新' }) }), 428);
    const ok = await f.current.as('staff', {
      method: 'PATCH',
      url,
      payload: { title: '新しい題', opensOn: '2021-11-19' },
      headers: { 'if-match': '"v1"' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ title: '新しい題', opensOn: '2021-11-19', version: 2 });
    expect(ok.headers.etag).toBe('"v2"');
    expectProblem(
      await f.current.as('staff', { method: 'PATCH', url, payload: { title: 'x' }, headers: { 'if-match': '"v1"' } }),
      412,
    );
    const inconsistent = await f.current.as('staff', {
      method: 'PATCH',
      url,
      payload: { closesOn: '2021-11-01' },
      headers: { 'if-match': '"v2"' },
    });
    expectProblem(inconsistent, 400, 'validation_failed');
    const ticket = await f.current.as('staff', {
      method: 'PATCH',
      url,
      payload: { oneAnswerPerCode: 'ticket' },
      headers: { 'if-match': '"v2"' },
    });
    expectProblem(ticket, 400, 'validation_failed');
    expectProblem(
      await f.current.as('staff', { method: 'PATCH', url, payload: {}, headers: { 'if-match': '"v2"' } }),
      400,
    );
    expectProblem(
      await f.current.as('staff', {
        method: 'PATCH',
        url: '/api/v1/surveys/00000000-0000-4000-8000-000000000009',
        payload: { title: 'x' },
        headers: { 'if-match': '"v1"' },
      }),
      404,
    );
    const read = await f.current.as('staff', { method: 'GET', url });
    expect(read.json()).toMatchObject({ title: '新しい題', closesOn: null, oneAnswerPerCode: 'none', version: 2 });
  });

  it('deletes a survey without responses; 404 for an unknown one; bad ids 400', async () => {
    const created = (await f.current.as('staff', { method: 'POST', url: '/api/v1/surveys', ...json(minimal) })).json();
    const del = await f.current.as('staff', { method: 'DELETE', url: `/api/v1/surveys/${created.id}` });
    expect(del.statusCode).toBe(204);
    expectProblem(await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${created.id}` }), 404);
    expectProblem(await f.current.as('staff', { method: 'DELETE', url: `/api/v1/surveys/${created.id}` }), 404);
    expectProblem(await f.current.as('staff', { method: 'GET', url: '/api/v1/surveys/not-a-uuid' }), 400);
  });
});

describe('surveys: access', () => {
  it('401 without credentials, 403 for roles that may not write, CSRF on cookie writes', async () => {
    expectProblem(await f.current.as('anonymous', { method: 'GET', url: '/api/v1/surveys' }), 401);
    expectProblem(await f.current.as('anonymous', { method: 'POST', url: '/api/v1/surveys', ...json(minimal) }), 401);
    for (const role of ['partner', 'analyst'] as const) {
      expectProblem(await f.current.as(role, { method: 'POST', url: '/api/v1/surveys', ...json(minimal) }), 403);
    }
    const key = await f.current.apiKey('partner');
    const viaKey = await f.current.app.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      payload: minimal,
      headers: key,
    });
    expectProblem(viaKey, 403);
    const session = await f.current.session('staff');
    const noCsrf = await f.current.app.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      payload: minimal,
      headers: { cookie: session.cookie as string },
    });
    expectProblem(noCsrf, 403, 'csrf_failed');
    const admin = await f.current.as('admin', { method: 'POST', url: '/api/v1/surveys', ...json(minimal) });
    expect(admin.statusCode).toBe(201);
  });

  it('a partner sees only surveys at its own points; others are 404', async () => {
    const mine = await point(f.current.orgs.partner, 'ACC-MINE');
    const theirs = await point(f.current.orgs.otherPartner, 'ACC-THEIRS');
    const a = (
      await f.current.as('staff', {
        method: 'POST',
        url: '/api/v1/surveys',
        ...json({ ...minimal, title: 'ACC mine', context: { kind: 'distribution', distributionPointIds: [mine] } }),
      })
    ).json();
    const b = (
      await f.current.as('staff', {
        method: 'POST',
        url: '/api/v1/surveys',
        ...json({ ...minimal, title: 'ACC theirs', context: { kind: 'distribution', distributionPointIds: [theirs] } }),
      })
    ).json();
    const list = await f.current.as('partner', { method: 'GET', url: '/api/v1/surveys?q=ACC' });
    expect(list.json().items.map((s: { title: string }) => s.title)).toEqual(['ACC mine']);
    expect((await f.current.as('partner', { method: 'GET', url: `/api/v1/surveys/${a.id}` })).statusCode).toBe(200);
    expectProblem(await f.current.as('partner', { method: 'GET', url: `/api/v1/surveys/${b.id}` }), 404);
    expectProblem(await f.current.as('partner', { method: 'GET', url: `/api/v1/surveys/${b.id}/results` }), 404);
    expectProblem(await f.current.as('partner', { method: 'GET', url: `/api/v1/surveys/${b.id}/qr.png` }), 404);
    const analyst = await f.current.as('analyst', { method: 'GET', url: '/api/v1/surveys?q=ACC' });
    expect(analyst.json().items).toHaveLength(2);
    expectProblem(await f.current.as('analyst', { method: 'GET', url: `/api/v1/surveys/${a.id}/qr.svg` }), 403);
    expectProblem(await f.current.as('partner', { method: 'GET', url: `/api/v1/surveys/${a.id}/responses` }), 403);
    expectProblem(await f.current.as('analyst', { method: 'GET', url: `/api/v1/surveys/${a.id}/responses` }), 403);
  });
});

describe('surveys: QR codes', () => {
  it('answers a PNG and an SVG of the public link, with ?card= for one of its points', async () => {
    const p = await point(f.current.orgs.partner, 'QR-PT');
    const s = (
      await f.current.as('staff', {
        method: 'POST',
        url: '/api/v1/surveys',
        ...json({ ...minimal, context: { kind: 'distribution', distributionPointIds: [p] } }),
      })
    ).json();
    const png = await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}/qr.png?size=256` });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.rawPayload.readUInt32BE(16)).toBe(256);
    const svg = await f.current.as('partner', { method: 'GET', url: `/api/v1/surveys/${s.id}/qr.svg?card=qr-pt` });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expectProblem(await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}/qr.svg?card=NOPE` }), 400);
    expectProblem(await f.current.as('staff', { method: 'GET', url: `/api/v1/surveys/${s.id}/qr.png?size=5` }), 400);
  });
});

describe('surveys: OpenAPI', () => {
  it('documents every survey route with named components', async () => {
    const res = await f.current.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    for (const path of [
      '/api/v1/surveys',
      '/api/v1/surveys/{id}',
      '/api/v1/surveys/{id}/questions',
      '/api/v1/surveys/{id}/versions/{number}',
      '/api/v1/surveys/{id}/qr.png',
      '/api/v1/surveys/{id}/qr.svg',
      '/api/v1/surveys/{id}/responses',
      '/api/v1/surveys/{id}/responses/{responseId}',
      '/api/v1/surveys/{id}/results',
      '/api/v1/public/surveys/{token}',
      '/api/v1/public/surveys/{token}/responses',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    for (const name of [
      'Survey',
      'SurveyResults',
      'PublicSurvey',
      'SubmitSurveyResponse',
      'QuestionSpec',
      'SurveyResponse',
    ]) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
    expect(doc.tags.map((t: { name: string }) => t.name)).toContain('surveys');
    expect(doc.paths['/api/v1/public/surveys/{token}/responses'].post.security).toBeUndefined();
    expect(Object.keys(doc.paths['/api/v1/public/surveys/{token}/responses'].post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '404', '409', '410', '422', '429']),
    );
  });
});
