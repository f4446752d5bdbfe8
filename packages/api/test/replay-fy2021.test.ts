/**
 * The replay: Otaru's FY2021 built only through the HTTP API, as the city's staff and a partner's
 * API key would build it (organisations, the Saturday window, points and hand-outs, the seminar
 * with its registrations and check-ins, the satisfaction survey typed in from paper, the targets),
 * then the target report must say what the source document says: 36 of 80 participants (45%),
 * satisfaction 86% against 80% (met), 0 of 16 Saturday consultations.
 */
import type { FunnelReport, TargetMetricsReport } from '@tsunagari/shared';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { useFixture } from './helper.ts';

const f = useFixture();

const ok = (res: LightMyRequestResponse, status = 201) => {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
};
const staff = (o: InjectOptions) => f.current.as('staff', o);
const admin = (o: InjectOptions) => f.current.as('admin', o);
const post = (url: string, payload: object) => ({ method: 'POST' as const, url: `/api/v1${url}`, payload });

const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }));

/** Satisfaction of the 36 attendees on the five-point scale: 31 answer 4 or 5 (86.1%). */
const SATISFACTION = [
  5, 4, 5, 5, 4, 3, 5, 4, 5, 4, 5, 5, 4, 2, 5, 4, 5, 3, 4, 5, 5, 4, 5, 4, 3, 5, 4, 5, 4, 5, 5, 4, 3, 5, 4, 5,
];
const AFFILIATIONS = ['minsei_jido_iin', 'teacher', 'city_counsellor'] as const;

let ids: {
  saturday: string;
  partnerWindow: string;
  cityPoint: string;
  partnerPoint: string;
  event: string;
  seminarSurvey: string;
  satisfactionQuestion: string;
  handoutSurvey: string;
  goodQuestion: string;
};
let partnerKey: Record<string, string>;
let analystKey: Record<string, string>;

beforeAll(async () => {
  // ——— organisations (admin) and the partner's key ———
  const org = async (name: string, kind: string) =>
    ok(await admin(post('/organisations', { name, kind }))).id as string;
  const danjo = await org('小樽市 男女共同参画課', 'city_department');
  const chubu = await org('小樽市中部地域包括支援センター', 'commissioned');
  const shakyo = await org('社会福祉法人小樽市社会福祉協議会', 'partner');
  await org('小樽公共職業安定所マザーズコーナー', 'partner');
  await org('長崎屋小樽店', 'partner');
  const key = async (role: string, organisationId: string) =>
    ({
      authorization: `Bearer ${ok(await admin(post('/api-keys', { name: `replay ${role}`, role, organisationId }))).secret}`,
    }) as Record<string, string>;
  partnerKey = await key('partner', shakyo);
  analystKey = await key('analyst', danjo);

  // ——— the Saturday women-only window and the partner's own window (staff) ———
  const saturday = ok(
    await staff(
      post('/consultation-windows', {
        name: '女性専用相談',
        topics: ['women_general'],
        organisationId: chubu,
        place: '小樽市総合福祉センター1階',
        phone: '090-2500-9863',
        channels: ['in_person', 'phone'],
        womenOnly: true,
        isNew: true,
        validFrom: '2021-11-13',
        validTo: '2022-02-26',
        closureDates: ['2022-01-01'],
        schedule: [{ weekday: 6, opens: '10:00', closes: '15:00' }],
      }),
    ),
  ).id as string;
  const partnerWindow = ok(
    await staff(
      post('/consultation-windows', {
        name: '社会福祉協議会 相談窓口',
        topics: ['living_hardship'],
        organisationId: shakyo,
        place: '小樽市総合福祉センター',
        channels: ['in_person', 'phone'],
        validFrom: '2021-04-01',
        schedule: weekdays('09:00', '17:20'),
      }),
    ),
  ).id as string;

  // ——— points, the item and stock; hand-outs by the partner's key ———
  const point = async (name: string, kind: string, organisationId: string, cardCode: string) =>
    ok(
      await staff(
        post('/distribution-points', {
          name,
          kind,
          organisationId,
          place: '市内',
          cardCode,
          validFrom: '2021-11-18',
          validTo: '2022-02-28',
          schedule: weekdays('09:00', '17:20'),
        }),
      ),
    ).id as string;
  const cityPoint = await point('男女共同参画課', 'city_counter', danjo, 'OTR-DAN');
  const partnerPoint = await point('社会福祉協議会', 'partner_site', shakyo, 'OTR-SHA');
  const item = ok(await staff(post('/items', { name: '生理用品セット（夜用1パック）', unit: 'セット' }))).id as string;
  const receipt = (pointId: string, occurredAt: string) => ({
    kind: 'receipt',
    pointId,
    itemId: item,
    quantity: 50,
    source: 'purchase',
    occurredAt,
  });
  ok(await staff(post('/stock-movements', receipt(cityPoint, '2021-11-17T10:00:00+09:00'))));
  ok(
    await f.current.app.inject({
      ...post('/stock-movements', receipt(partnerPoint, '2021-11-17T10:00:00+09:00')),
      headers: partnerKey,
    }),
  );
  for (let i = 0; i < 6; i++) {
    ok(
      await f.current.app.inject({
        ...post('/distributions', {
          pointId: partnerPoint,
          itemId: item,
          requestMethod: 'flyer',
          occurredAt: `2021-12-0${i + 1}T11:00:00+09:00`,
        }),
        headers: partnerKey,
      }),
    );
  }
  for (let i = 0; i < 4; i++) {
    ok(
      await staff(
        post('/distributions', {
          pointId: cityPoint,
          itemId: item,
          requestMethod: 'phone_screen',
          occurredAt: `2022-01-1${i}T14:00:00+09:00`,
        }),
      ),
    );
  }
  // A woman brings the partner's card to its window on a Friday: card-traced, but not a Saturday.
  ok(
    await f.current.app.inject({
      ...post('/consultations', {
        windowId: partnerWindow,
        occurredAt: '2021-12-10T10:30:00+09:00',
        channel: 'in_person',
        topics: ['living_hardship'],
        referralSource: 'guidance_card',
        cardCode: 'otr-sha',
      }),
      headers: partnerKey,
    }),
  );

  // ——— the seminar: 36 registrations, 28 at the venue and 8 online, all checked in ———
  const event = ok(
    await staff(
      post('/training-events', {
        title: '女性相談担当者養成研修会',
        startsAt: '2021-11-19T14:00:00+09:00',
        endsAt: '2021-11-19T16:00:00+09:00',
        venueName: '小樽市総合福祉センター研修室',
        venueCapacity: 28,
        onlineCapacity: 8,
        intendedAudiences: [...AFFILIATIONS],
        status: 'open',
      }),
    ),
  ).id as string;
  for (let i = 0; i < 36; i++) {
    const reg = ok(
      await staff(
        post(`/training-events/${event}/registrations`, {
          name: `再現 参加者${i + 1}`,
          affiliation: AFFILIATIONS[i % 3],
          mode: i < 28 ? 'venue' : 'online',
        }),
      ),
    );
    expect(reg.status).toBe('confirmed');
    ok(await staff(post(`/training-events/${event}/registrations/${reg.id}/check-in`, {})), 200);
  }

  // ——— the satisfaction survey, 36 paper answers of which 31 satisfied ———
  const seminarSurvey = ok(
    await staff(
      post('/surveys', {
        title: '研修会アンケート',
        context: { kind: 'training_event', trainingEventId: event },
        opensOn: '2021-11-19',
        closesOn: '2021-12-03',
        questions: [{ kind: 'scale5', text: '本日の研修会の内容に満足しましたか', required: true }],
      }),
    ),
  );
  const satisfactionQuestion = seminarSurvey.questions[0].id as string;
  for (const value of SATISFACTION) {
    ok(
      await staff(
        post(`/surveys/${seminarSurvey.id}/responses`, {
          answers: { [satisfactionQuestion]: value },
          submittedAt: '2021-11-19',
        }),
      ),
    );
  }

  // ——— the hand-out survey: 10 paper answers at the points, 8 of them "yes" ———
  const handoutSurvey = ok(
    await staff(
      post('/surveys', {
        title: '生理用品配付 アンケート',
        context: { kind: 'distribution', distributionPointIds: [cityPoint, partnerPoint] },
        opensOn: '2021-11-18',
        closesOn: '2022-02-28',
        questions: [
          {
            kind: 'yes_no',
            text: '今回の支援はよかったですか',
            required: true,
            options: [{ label: 'はい', countsAsPositive: true }, { label: 'いいえ' }],
          },
        ],
      }),
    ),
  );
  const goodQuestion = handoutSurvey.questions[0].id as string;
  for (let i = 0; i < 10; i++) {
    ok(
      await staff(
        post(`/surveys/${handoutSurvey.id}/responses`, {
          answers: { [goodQuestion]: i % 5 !== 4 },
          submittedAt: `2021-12-1${i}`,
          distributionPointId: i % 2 ? cityPoint : partnerPoint,
        }),
      ),
    );
  }

  ids = {
    saturday,
    partnerWindow,
    cityPoint,
    partnerPoint,
    event,
    seminarSurvey: seminarSurvey.id,
    satisfactionQuestion,
    handoutSurvey: handoutSurvey.id,
    goodQuestion,
  };

  // ——— the four targets of the source document ———
  const targets = [
    {
      label: '研修会参加者',
      unit: 'people',
      target: 80,
      definition: { kind: 'training_participants', basis: 'attended' },
    },
    {
      label: '研修参加者の満足度',
      unit: 'percent',
      target: 80,
      definition: { kind: 'survey_satisfied_share', surveyId: ids.seminarSurvey, questionId: satisfactionQuestion },
    },
    {
      label: '土曜日における相談件数',
      unit: 'count',
      target: 16,
      definition: { kind: 'consultations', windowIds: [saturday], weekdays: [6] },
    },
    {
      label: '今回の支援に対し、よかったと感じる人の割合',
      unit: 'percent',
      target: 70,
      definition: { kind: 'survey_positive_share', surveyId: ids.handoutSurvey, questionId: goodQuestion },
    },
  ];
  for (const t of targets) ok(await staff(post('/target-metrics', { fiscalYear: 2021, ...t })));
}, 240_000);

describe('the FY2021 replay through the API', () => {
  let report: TargetMetricsReport;
  beforeAll(async () => {
    const res = await staff({ method: 'GET', url: '/api/v1/reports/target-metrics?fiscalYear=2021' });
    report = ok(res, 200);
  });

  it('gives 36 of 80 participants (45%), not met', () => {
    expect(report.items[0]).toMatchObject({
      label: '研修会参加者',
      actual: 36,
      numerator: 36,
      target: 80,
      achievementRate: 0.45,
      met: false,
      atRisk: true,
    });
  });

  it('gives a satisfaction of 86% (31 of 36) against 80%, met', () => {
    const m = report.items[1];
    expect(m).toMatchObject({ numerator: 31, denominator: 36, target: 80, met: true, atRisk: false });
    expect(Math.round(m?.actual ?? 0)).toBe(86);
    expect(m?.actual).toBe(86.11);
    expect(m?.achievementRate).toBe(1.0764);
  });

  it('gives 0 of 16 Saturday consultations, not met', () => {
    expect(report.items[2]).toMatchObject({ actual: 0, numerator: 0, target: 16, achievementRate: 0, met: false });
  });

  it('gives the positive share of the hand-out survey against 70%', () => {
    expect(report.items[3]).toMatchObject({ numerator: 8, denominator: 10, actual: 80, met: true });
  });

  it('is a finished year: projections are the actuals; the weekly series ends on the last week', () => {
    expect(report).toMatchObject({ finished: true, daysInYear: 365, daysElapsed: 365, from: '2021-04-01' });
    expect(report.items.map((m) => m.projection)).toEqual([36, 86.11, 0, 80]);
    const participants = report.items[0]?.series ?? [];
    expect(participants[0]?.weekStart).toBe('2021-03-29');
    expect(participants[participants.length - 1]?.weekStart).toBe('2022-03-28');
    expect(participants.find((p) => p.weekStart === '2021-11-08')?.value).toBe(0);
    expect(participants.find((p) => p.weekStart === '2021-11-15')?.value).toBe(36);
  });

  it('agrees with the other reports read through the API', async () => {
    const training = ok(await staff({ method: 'GET', url: '/api/v1/reports/training?fiscalYear=2021' }), 200);
    expect(training.years[0].counts.attended).toBe(36);
    const results = ok(await staff({ method: 'GET', url: `/api/v1/surveys/${ids.seminarSurvey}/results` }), 200);
    expect(results.questions[0].satisfied).toMatchObject({ count: 31, denominator: 36 });
    const demand = ok(
      await staff({ method: 'GET', url: '/api/v1/reports/window-demand?from=2021-11-13&to=2022-02-26' }),
      200,
    );
    const saturday = demand.items.find((w: { windowId: string }) => w.windowId === ids.saturday);
    expect(saturday).toMatchObject({ openingDays: 15, openHours: 75, consultations: 0 });
  });

  it('reads the same through an analyst key; the funnel traces the card to the partner’s point', async () => {
    const res = await f.current.app.inject({
      method: 'GET',
      url: '/api/v1/reports/target-metrics?fiscalYear=2021',
      headers: analystKey,
    });
    const analyst = ok(res, 200) as TargetMetricsReport;
    expect(analyst.items.map((m) => m.actual).slice(0, 3)).toEqual([36, 86.11, 0]);
    // Two women answered "no" on the hand-out survey: too few to show an analyst, so the share is hidden.
    expect(analyst.items[3]).toMatchObject({
      actual: null,
      numerator: { suppressed: true, reason: 'complementary' },
      denominator: { suppressed: true },
      met: null,
    });
    const funnel = ok(
      await staff({ method: 'GET', url: '/api/v1/reports/funnel?fiscalYear=2021' }),
      200,
    ) as FunnelReport;
    const partner = funnel.points.find((p) => p.pointId === ids.partnerPoint);
    expect(partner?.total).toEqual({ setsHandedOut: 6, consultations: 1, conversionRate: 0.1667 });
    expect(funnel.points.find((p) => p.pointId === ids.cityPoint)?.total.setsHandedOut).toBe(4);
  });

  it('gives the results report with the seminar, the Saturday window and the targets', async () => {
    const r = ok(await staff({ method: 'GET', url: '/api/v1/results-report?fiscalYear=2021' }), 200);
    expect(r.effects.training).toMatchObject({ participants: 36, venue: 28, online: 8 });
    expect(r.effects.windows.items).toEqual([
      { windowId: ids.saturday, name: '女性専用相談', openingDays: 15, consultations: 0 },
    ]);
    expect(r.effects.distribution).toMatchObject({ setsHandedOut: 10, handOuts: 10, cardTracedConsultations: 1 });
    expect(r.targets.map((m: { met: boolean }) => m.met)).toEqual([false, true, false, true]);
  });
});
