/**
 * Consultations for the demo set. EVERY ROW HERE IS MADE UP (made_up = true): the source
 * document gives no consultation figures for the city's standing windows. Only one figure is a
 * fact, and it is kept: the Saturday women-only window (相談窓口開設事業) received 0 consultations
 * on its 15 opening days, so no row is ever made up for it.
 *
 * The invented rows cover FY2021 (2021-04-01 to 2022-03-31) at the other windows of the flyer,
 * a few hundred in all, on the days and mostly within the hours each window opened, with a
 * plausible shape (busier mornings and early afternoons, Mondays a little busier, some phone
 * call-backs after closing). They are generated from a fixed seed, so every start gives the
 * same rows. No note contains personal data: the guard that the API applies is applied here too.
 *
 * A consultation that came by the guidance card (referral source guidance_card) carries the card
 * code of a real demo distribution point, also made up: the code of a point that had handed out
 * sets before the consultation, drawn in proportion to the sets handed out by then, so the
 * card-to-consultation funnel has something to trace. The draw has its own seeded generator, so
 * every other figure (the consultations themselves, the Saturday window's 0) stays as it was.
 */
import {
  type AgeBand,
  AgeBands,
  type Channel,
  isOpenAt,
  openingDays,
  personalDataKinds,
  type ReferralSource,
  type Topic,
  tokyoInstant,
} from '@tsunagari/shared';
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { consultations, consultationWindows, distributionPoints, distributions } from '../db/schema/index.ts';
import { SATURDAY_WINDOW_NAME } from './windows.ts';

const FY_START = '2021-04-01';
const FY_END = '2022-03-31';
const SEED = 20211113;

/** How busy each window is made to be (mean consultations per opening day) and what it is about. */
const profiles: { name: string; perDay: number; topics: Topic[]; also: Topic[] }[] = [
  {
    name: '福祉総合相談室「たるとび」',
    perDay: 0.35,
    topics: ['living_hardship'],
    also: ['employment', 'health', 'other'],
  },
  {
    name: 'こども福祉課 母子父子相談',
    perDay: 0.2,
    topics: ['single_parent'],
    also: ['living_hardship', 'employment'],
  },
  {
    name: '子育て世代総合支援センター「にこにこ」',
    perDay: 0.3,
    topics: ['pregnancy_childcare'],
    also: ['health', 'mental_health'],
  },
  { name: '小樽市家庭児童相談所', perDay: 0.2, topics: ['family'], also: ['pregnancy_childcare', 'domestic_violence'] },
  { name: 'こころの健康相談', perDay: 0.15, topics: ['mental_health'], also: ['health', 'family'] },
  { name: '生活安全課 法律相談・くらしの相談', perDay: 0.6, topics: ['legal_living'], also: ['domestic_violence'] },
  {
    name: '女性相談室',
    perDay: 0.3,
    topics: ['women_general'],
    also: ['domestic_violence', 'family', 'living_hardship', 'mental_health'],
  },
];

/** Notes a counsellor might write, none of them personal. */
const notes = [
  '次回は予約のうえ来所予定',
  '制度の案内のみで終了',
  '関係課と情報共有のうえ対応',
  '電話で後日折り返し',
  '継続して相談を受ける',
  '他の窓口を案内した',
];

const weekdayFactor = [1.2, 1, 1, 0.9, 1.1, 1, 1];
const hourWeight: Record<number, number> = {
  9: 1,
  10: 1.4,
  11: 1.2,
  12: 0.5,
  13: 1.1,
  14: 1.3,
  15: 1,
  16: 0.8,
  17: 0.4,
};

/** mulberry32: a small, well-known seeded generator, so the demo set is the same on every start. */
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

function weighted<T>(random: () => number, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of options) {
    r -= w;
    if (r < 0) return value;
  }
  return (options[options.length - 1] as readonly [T, number])[0];
}

function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};
const hhmm = (total: number) =>
  `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

/** A minute inside the day's intervals, drawn with the hour shape above. */
function minuteWithin(random: () => number, intervals: { opens: string; closes: string }[]): number {
  for (;;) {
    const iv = intervals[Math.floor(random() * intervals.length)] as { opens: string; closes: string };
    const m = minutes(iv.opens) + Math.floor(random() * (minutes(iv.closes) - minutes(iv.opens)));
    if (random() * 1.4 < (hourWeight[Math.floor(m / 60)] ?? 0.3)) return m;
  }
}

/**
 * A card code for a consultation that came by the guidance card: the code of a point that had
 * handed out sets before it, drawn in proportion to those sets (made up, from its own generator).
 */
async function cardCodeDrawer(tx: Tx): Promise<(at: Date) => string | null> {
  const handOuts = await tx
    .select({ at: distributions.occurredAt, sets: distributions.sets, cardCode: distributionPoints.cardCode })
    .from(distributions)
    .innerJoin(distributionPoints, eq(distributionPoints.id, distributions.pointId))
    .orderBy(asc(distributions.occurredAt), asc(distributionPoints.cardCode));
  const random = prng(SEED + 1);
  return (at) => {
    const before = handOuts.filter((h) => h.at < at && h.cardCode);
    if (before.length === 0) return null;
    return weighted(
      random,
      before.map((h) => [h.cardCode as string, h.sets] as const),
    );
  };
}

/** Inserts the made-up consultations; call after the windows and the distribution points are seeded. */
export async function seedConsultations(tx: Tx): Promise<void> {
  const random = prng(SEED);
  const cardCodeAt = await cardCodeDrawer(tx);
  const windows = await tx.select().from(consultationWindows);
  const byName = new Map(windows.map((w) => [w.name, w]));
  const rows: (typeof consultations.$inferInsert)[] = [];

  for (const profile of profiles) {
    const window = byName.get(profile.name);
    // The Saturday window keeps its true figure, 0; it is never in `profiles`.
    if (!window || window.name === SATURDAY_WINDOW_NAME) continue;
    const others = windows.filter((w) => w.id !== window.id && w.name !== SATURDAY_WINDOW_NAME);
    for (const day of openingDays(window, FY_START, FY_END)) {
      const count = poisson(random, profile.perDay * (weekdayFactor[day.weekday - 1] ?? 1));
      for (let k = 0; k < count; k++) {
        const callBack = random() < 0.04;
        const lastClose = minutes(day.intervals[day.intervals.length - 1]?.closes ?? '17:00');
        const minute = callBack
          ? Math.min(lastClose + 5 + Math.floor(random() * 50), 23 * 60 + 59)
          : minuteWithin(random, day.intervals);
        const occurredAt = tokyoInstant(day.date, hhmm(minute));
        const channel: Channel = callBack
          ? 'phone'
          : weighted(random, [
              ['in_person', 55],
              ['phone', 38],
              ['online', 5],
              ['outreach', 2],
            ] as const);
        const topics: Topic[] = [...profile.topics];
        if (random() < 0.3) {
          const extra = profile.also[Math.floor(random() * profile.also.length)] as Topic;
          if (!topics.includes(extra)) topics.push(extra);
        }
        const referralSource: ReferralSource = weighted(random, [
          ['unknown', 25],
          ['other_window', 18],
          ['website', 14],
          ['pr_magazine', 12],
          ['flyer', 8],
          ['partner', 8],
          ['school', 5],
          ['other', 6],
          // The guidance cards were handed out from 2021-11-18 on.
          ['guidance_card', day.date >= '2021-11-18' ? 6 : 0],
        ] as const);
        const ageBand: AgeBand | null =
          random() < 0.25
            ? null
            : weighted(
                random,
                AgeBands.map((b, i) => [b, [2, 9, 14, 13, 10, 6, 4][i] ?? 1] as const),
              );
        const referredTo = random() < 0.12 ? others[Math.floor(random() * others.length)] : undefined;
        const note = random() < 0.2 ? (notes[Math.floor(random() * notes.length)] as string) : null;
        if (note && personalDataKinds(note).length > 0) throw new Error(`demo note looks personal: ${note}`);
        rows.push({
          windowId: window.id,
          occurredAt,
          channel,
          topics,
          referralSource,
          cardCode: referralSource === 'guidance_card' ? cardCodeAt(occurredAt) : null,
          ageBand,
          isRepeat: random() < 0.3,
          referredToWindowId: referredTo?.id ?? null,
          referredToExternal: !referredTo && random() < 0.04 ? '法テラス小樽' : null,
          followUpNeeded: random() < 0.25,
          note,
          outsideOpeningHours: !isOpenAt(window, occurredAt),
          madeUp: true,
          recordedByType: 'system',
          recordedById: null,
          recordedByLabel: 'デモデータ（架空）',
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(consultations).values(rows.slice(i, i + 500));
}
