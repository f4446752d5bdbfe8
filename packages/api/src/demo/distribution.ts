/**
 * The hand-out side of the Otaru FY2021 programme (相談支援つながり事業) for the demo set.
 *
 * Facts of the source (shared/seed/000_787d7df30df77fe3.txt): the nine hand-out places
 * (福祉総合相談室・こども福祉課・こども家庭課・健康増進課・生活安全課・男女共同参画課・塩谷SC・
 * 銭函SC・社会福祉協議会), hand-outs at the counters on weekdays 09:00–17:20, the period
 * 2021-11-18 to 2022-02-28, one set (one pack of night pads) per person in an envelope with the
 * card listing the windows, asked for by bringing the flyer or its stub or showing it on a phone
 * (flyer, flyer_stub, phone_screen), "until stocks run out", and that the city's elementary,
 * junior-high and high schools got stock for their nurse offices.
 * Places follow the windows of the same flyer (see ./windows.ts for the OCR corrections).
 *
 * Made up (every ledger row and hand-out here has made_up = true): the schools (one per level,
 * fictional names marked 架空, and their organisations), the schools' hours (08:30–16:30) and
 * their batches, the card codes, the place of 社会福祉協議会 (小樽市総合福祉センター), the New
 * Year closure (12/29–1/3, as for the windows), the item's minimum level, the opening stock, the
 * restock, the transfer and the stocktake, and every hand-out: the source gives no counts. The
 * hand-outs are drawn by a seeded PRNG, so every load gives the same figures.
 */
import {
  CreateDistributionPoint,
  intervalsOn,
  type RequestMethod,
  type SchoolLevel,
  tokyoInstant,
} from '@tsunagari/shared';
import type { z } from 'zod';
import type { Tx } from '../db/client.ts';
import {
  distributionPoints,
  distributions,
  items,
  organisations,
  stockBalances,
  stockMovements,
} from '../db/schema/index.ts';
import type { OrgKey } from './otaru-fy2021.ts';

const PERIOD = { validFrom: '2021-11-18', validTo: '2022-02-28' } as const;
const NEW_YEAR_CLOSURE = ['2021-12-29', '2021-12-30', '2021-12-31', '2022-01-01', '2022-01-02', '2022-01-03'];
const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }));
const MADE_UP_BY = 'デモデータ（架空）';

export const DEMO_ITEM = { name: '生理用品セット（夜用1パック）', unit: 'セット', defaultMinimumLevel: 10 };

interface DemoPoint {
  org: OrgKey | `school:${SchoolLevel}`;
  name: string;
  kind: 'city_counter' | 'service_center' | 'partner_site' | 'school_nurse_office';
  schoolLevel?: SchoolLevel;
  place: string;
  cardCode: string;
  /** Made up: the sets received before the start. */
  openingStock: number;
  /** Made up: mean hand-outs per opening day (counters) or sets per batch (schools). */
  rate: number;
}

const counters: DemoPoint[] = [
  {
    org: 'fukushi',
    name: '福祉総合相談室「たるとび」',
    kind: 'city_counter',
    place: '市役所別館1階',
    cardCode: 'OTR-FUK',
    openingStock: 100,
    rate: 0.9,
  },
  {
    org: 'kodomoFukushi',
    name: 'こども福祉課',
    kind: 'city_counter',
    place: '市役所別館4階',
    cardCode: 'OTR-KFK',
    openingStock: 80,
    rate: 0.6,
  },
  {
    org: 'kodomoKatei',
    name: 'こども家庭課',
    kind: 'city_counter',
    place: '保健所庁舎',
    cardCode: 'OTR-KKT',
    openingStock: 80,
    rate: 0.7,
  },
  {
    org: 'kenko',
    name: '健康増進課',
    kind: 'city_counter',
    place: '保健所',
    cardCode: 'OTR-KEN',
    openingStock: 60,
    rate: 0.4,
  },
  {
    org: 'seikatsuAnzen',
    name: '生活安全課',
    kind: 'city_counter',
    place: '市役所別館4階',
    cardCode: 'OTR-SAN',
    openingStock: 40,
    rate: 0.3,
  },
  {
    org: 'danjo',
    name: '男女共同参画課',
    kind: 'city_counter',
    place: '勤労女性センター',
    cardCode: 'OTR-DJK',
    openingStock: 150,
    rate: 1.0,
  },
  {
    org: 'shioya',
    name: '塩谷サービスセンター',
    kind: 'service_center',
    place: '塩谷サービスセンター',
    cardCode: 'OTR-SHY',
    openingStock: 20,
    rate: 0.2,
  },
  {
    org: 'zenibako',
    name: '銭函サービスセンター',
    kind: 'service_center',
    place: '銭函サービスセンター',
    cardCode: 'OTR-ZNB',
    openingStock: 15,
    rate: 0.3,
  },
  {
    org: 'shakyo',
    name: '小樽市社会福祉協議会',
    kind: 'partner_site',
    place: '小樽市総合福祉センター',
    cardCode: 'OTR-SKK',
    openingStock: 80,
    rate: 0.8,
  },
];

const schools: DemoPoint[] = [
  {
    org: 'school:elementary',
    name: '小樽市立〇〇小学校 保健室（架空）',
    kind: 'school_nurse_office',
    schoolLevel: 'elementary',
    place: '保健室',
    cardCode: 'OTR-ES1',
    openingStock: 40,
    rate: 4,
  },
  {
    org: 'school:junior_high',
    name: '小樽市立〇〇中学校 保健室（架空）',
    kind: 'school_nurse_office',
    schoolLevel: 'junior_high',
    place: '保健室',
    cardCode: 'OTR-JH1',
    openingStock: 60,
    rate: 9,
  },
  {
    org: 'school:high',
    name: '北海道〇〇高等学校 保健室（架空）',
    kind: 'school_nurse_office',
    schoolLevel: 'high',
    place: '保健室',
    cardCode: 'OTR-HS1',
    openingStock: 60,
    rate: 10,
  },
];

/** The fictional schools' organisations (made up). */
const schoolOrganisations: Record<SchoolLevel, string> = {
  elementary: '小樽市立〇〇小学校（架空）',
  junior_high: '小樽市立〇〇中学校（架空）',
  high: '北海道〇〇高等学校（架空）',
};

/** Card codes of the demo points, e.g. for consultations that record where a card came from. */
export const DEMO_CARD_CODES = Object.fromEntries([...counters, ...schools].map((p) => [p.name, p.cardCode]));

/** Made up: blocks a school nurse office reports as one batch each (ending on the last school day of the block). */
const SCHOOL_BLOCKS: [string, string][] = [
  ['2021-11-18', '2021-11-30'],
  ['2021-12-01', '2021-12-24'],
  ['2022-01-17', '2022-01-31'],
  ['2022-02-01', '2022-02-28'],
];

/** Made up: how the women asked, as cumulative weights. */
const REQUEST_METHODS: [RequestMethod, number][] = [
  ['flyer', 0.35],
  ['flyer_stub', 0.6],
  ['phone_screen', 0.9],
  ['none', 1],
];

/** mulberry32: a small seeded PRNG, so the demo figures are the same on every load. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson-distributed count (Knuth), for a few hand-outs a day. */
function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function* days(from: string, to: string) {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    yield new Date(t).toISOString().slice(0, 10);
  }
}

type Movement = typeof stockMovements.$inferInsert;
type Handout = typeof distributions.$inferInsert;

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
}

/**
 * Seeds the points, the item, the made-up stock and hand-outs, in the loader's transaction. The
 * database is empty, so the levels are tracked here while the events are laid out in time order
 * (a hand-out finding no stock is skipped: なくなり次第終了); the lock rows get the final sums.
 */
export async function seedDistribution(tx: Tx, orgId: (key: string) => string): Promise<void> {
  const schoolOrgRows = await tx
    .insert(organisations)
    .values(Object.values(schoolOrganisations).map((name) => ({ name, kind: 'school' as const })))
    .returning({ id: organisations.id, name: organisations.name });
  const organisationOf = (org: DemoPoint['org']) => {
    if (!org.startsWith('school:')) return orgId(org);
    const name = schoolOrganisations[org.slice('school:'.length) as SchoolLevel];
    const row = schoolOrgRows.find((o) => o.name === name);
    if (!row) throw new Error(`demo school organisation ${org} missing`);
    return row.id;
  };

  const all = [...counters, ...schools];
  const values: z.output<typeof CreateDistributionPoint>[] = all.map((p) =>
    CreateDistributionPoint.parse({
      name: p.name,
      kind: p.kind,
      schoolLevel: p.schoolLevel ?? null,
      organisationId: organisationOf(p.org),
      place: p.place,
      cardCode: p.cardCode,
      ...PERIOD,
      closureDates: NEW_YEAR_CLOSURE,
      schedule: p.kind === 'school_nurse_office' ? weekdays('08:30', '16:30') : weekdays('09:00', '17:20'),
    }),
  );
  const pointRows = await tx.insert(distributionPoints).values(values).returning();
  const [item] = await tx.insert(items).values(DEMO_ITEM).returning({ id: items.id });
  if (!item) throw new Error('demo item missing');
  const pointOf = (name: string) => {
    const row = pointRows.find((p) => p.name === name);
    if (!row) throw new Error(`demo point ${name} missing`);
    return row;
  };

  const random = prng(20211118);
  const levels = new Map<string, number>();
  const movements: Movement[] = [];
  const handouts: Handout[] = [];
  const madeUp = { itemId: item.id, madeUp: true, recordedByLabel: MADE_UP_BY };

  type Event = { at: Date; apply: () => void };
  const events: Event[] = [];
  const move = (pointId: string, quantity: number, at: Date, extra: Partial<Movement>) => {
    levels.set(pointId, (levels.get(pointId) ?? 0) + quantity);
    movements.push({ ...madeUp, pointId, quantity, occurredAt: at, createdAt: at, kind: 'receipt', ...extra });
  };
  const handOut = (pointId: string, sets: number, at: Date, batch: { periodFrom: string; periodTo: string } | null) => {
    const level = levels.get(pointId) ?? 0;
    if (level < sets) return;
    const id = crypto.randomUUID();
    const cumulative = random();
    const requestMethod = batch ? 'none' : (REQUEST_METHODS.find(([, w]) => cumulative < w)?.[0] ?? 'none');
    handouts.push({
      ...madeUp,
      id,
      pointId,
      sets,
      occurredAt: at,
      createdAt: at,
      requestMethod,
      cardEnclosed: true,
      periodFrom: batch?.periodFrom ?? null,
      periodTo: batch?.periodTo ?? null,
    });
    move(pointId, -sets, at, { kind: 'handout', distributionId: id });
  };

  for (const p of all) {
    const point = pointOf(p.name);
    const at = tokyoInstant('2021-11-17', '10:00');
    events.push({
      at,
      apply: () => move(point.id, p.openingStock, at, { source: 'purchase', note: '事業開始時の配置' }),
    });
  }
  for (const p of counters) {
    const point = pointOf(p.name);
    for (const date of days(PERIOD.validFrom, PERIOD.validTo)) {
      for (const interval of intervalsOn(point, date)) {
        const count = poisson(random, p.rate);
        const open = toMinutes(interval.opens);
        const span = toMinutes(interval.closes) - open;
        for (let i = 0; i < count; i++) {
          const at = tokyoInstant(date, hhmm(open + Math.floor(random() * span)));
          events.push({ at, apply: () => handOut(point.id, 1, at, null) });
        }
      }
    }
  }
  for (const p of schools) {
    const point = pointOf(p.name);
    for (const [from, to] of SCHOOL_BLOCKS) {
      const open = [...days(from, to)].filter((d) => intervalsOn(point, d).length > 0);
      const last = open[open.length - 1];
      if (!last) continue;
      const sets = Math.max(1, Math.round(p.rate * (0.6 + random() * 0.8)));
      const at = tokyoInstant(last, '15:30');
      events.push({ at, apply: () => handOut(point.id, sets, at, { periodFrom: from, periodTo: last }) });
    }
  }
  const restockAt = tokyoInstant('2022-01-11', '11:00');
  const shakyo = pointOf('小樽市社会福祉協議会');
  events.push({
    at: restockAt,
    apply: () => move(shakyo.id, 50, restockAt, { source: 'donation', note: '寄付による追加（架空）' }),
  });
  const transferAt = tokyoInstant('2022-01-12', '10:30');
  const danjo = pointOf('男女共同参画課');
  const zenibako = pointOf('銭函サービスセンター');
  events.push({
    at: transferAt,
    apply: () => {
      if ((levels.get(danjo.id) ?? 0) < 20) return;
      const transferId = crypto.randomUUID();
      const transfer = { kind: 'transfer' as const, transferId, note: '在庫の少ない銭函SCへ（架空）' };
      move(danjo.id, -20, transferAt, { ...transfer, counterpartPointId: zenibako.id });
      move(zenibako.id, 20, transferAt, { ...transfer, counterpartPointId: danjo.id });
    },
  });
  const stocktakeAt = tokyoInstant('2022-02-28', '17:30');
  events.push({
    at: stocktakeAt,
    apply: () => {
      const counted = Math.max(0, (levels.get(danjo.id) ?? 0) - 1);
      const quantity = counted - (levels.get(danjo.id) ?? 0);
      move(danjo.id, quantity, stocktakeAt, {
        kind: 'adjustment',
        countedLevel: counted,
        reason: '期末棚卸: 破損1（架空）',
      });
    },
  });

  for (const event of events.sort((a, b) => a.at.getTime() - b.at.getTime())) event.apply();

  await insertChunks(handouts, (chunk) => tx.insert(distributions).values(chunk));
  await insertChunks(movements, (chunk) => tx.insert(stockMovements).values(chunk));
  await tx.insert(stockBalances).values([...levels].map(([pointId, level]) => ({ pointId, itemId: item.id, level })));
}
