/**
 * The FY2021 training seminar (女性相談担当者養成研修会) for the demo set.
 *
 * Facts from the source document: held on 2021-11-19 (Fri) at 小樽市総合福祉センター研修室,
 * capacity reduced for infection control, 36 participants, 28 at the venue and 8 online, who
 * were 民生児童委員, 教職員 and 市の相談員 "等".
 *
 * MADE UP (made_up = true on every registration): every attendee. Their names are fictional
 * and say so (the family name is 架空, "fictional"); the split by affiliation, their
 * organisations, the start and end times (the document gives only the date), the check-in
 * times and the registration dates are invented, chosen so that the named groups dominate.
 * The rows are fixed, so every load gives the same set. Like any event's, these contact details
 * are deleted by the retention job once the event is past TRAINING_CONTACT_RETENTION_DAYS; the
 * counts stay.
 */
import { type Affiliation, type AttendanceMode, fiscalYearOfInstant, kanaSearchKey } from '@tsunagari/shared';
import type { Tx } from '../db/client.ts';
import { trainingEvents, trainingRegistrations } from '../db/schema/index.ts';
import { sha256 } from '../lib/tokens.ts';

export const DEMO_SEMINAR_TITLE = '女性相談担当者養成研修会';
const STARTS_AT = '2021-11-19T14:00:00+09:00';
const ENDS_AT = '2021-11-19T16:00:00+09:00';

/** Given names with their readings; each attendee is 架空 (かくう) + one of these. */
const givenNames: [string, string][] = [
  ['一花', 'いちか'],
  ['二葉', 'ふたば'],
  ['三咲', 'みさき'],
  ['四季', 'しき'],
  ['五月', 'さつき'],
  ['六花', 'りっか'],
  ['七海', 'ななみ'],
  ['八重', 'やえ'],
  ['九美', 'くみ'],
  ['十和', 'とわ'],
  ['春子', 'はるこ'],
  ['夏美', 'なつみ'],
  ['秋代', 'あきよ'],
  ['冬香', 'ふゆか'],
  ['桜', 'さくら'],
  ['梅子', 'うめこ'],
  ['菊江', 'きくえ'],
  ['百合', 'ゆり'],
  ['葵', 'あおい'],
  ['楓', 'かえで'],
  ['椿', 'つばき'],
  ['菫', 'すみれ'],
  ['蓮', 'れん'],
  ['茜', 'あかね'],
  ['翠', 'みどり'],
  ['紫乃', 'しの'],
  ['空', 'そら'],
  ['海斗', 'かいと'],
  ['陸', 'りく'],
  ['健', 'けん'],
  ['誠', 'まこと'],
  ['亮', 'りょう'],
  ['学', 'まなぶ'],
  ['聡', 'さとし'],
  ['浩', 'ひろし'],
  ['進', 'すすむ'],
];

/** How many came from each affiliation, per mode (28 at the venue, 8 online). */
const split: { mode: AttendanceMode; affiliation: Affiliation; count: number; organisations: string[] }[] = [
  {
    mode: 'venue',
    affiliation: 'minsei_jido_iin',
    count: 14,
    organisations: [
      '第1地区民生児童委員協議会（架空）',
      '第2地区民生児童委員協議会（架空）',
      '第3地区民生児童委員協議会（架空）',
    ],
  },
  { mode: 'venue', affiliation: 'teacher', count: 6, organisations: ['架空小学校', '架空中学校', '架空高等学校'] },
  {
    mode: 'venue',
    affiliation: 'city_counsellor',
    count: 5,
    organisations: ['小樽市 福祉総合相談室', '小樽市 こども福祉課', '小樽市 女性相談室'],
  },
  { mode: 'venue', affiliation: 'city_staff', count: 2, organisations: ['小樽市 男女共同参画課'] },
  { mode: 'venue', affiliation: 'partner_staff', count: 1, organisations: ['社会福祉法人小樽市社会福祉協議会'] },
  { mode: 'online', affiliation: 'teacher', count: 4, organisations: ['架空小学校', '架空中学校'] },
  { mode: 'online', affiliation: 'city_counsellor', count: 2, organisations: ['小樽市 子育て世代総合支援センター'] },
  { mode: 'online', affiliation: 'minsei_jido_iin', count: 2, organisations: ['第4地区民生児童委員協議会（架空）'] },
];

const at = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

export async function seedTraining(tx: Tx) {
  const [event] = await tx
    .insert(trainingEvents)
    .values({
      title: DEMO_SEMINAR_TITLE,
      description:
        '女性への支援業務に携わる職員等を対象に、相談知識を身につけるための研修会（小樽市地域女性つながりサポート事業）。' +
        '新型コロナウイルス感染症の感染防止の観点から定員を減らしての開催。',
      startsAt: new Date(STARTS_AT),
      endsAt: new Date(ENDS_AT),
      venueName: '小樽市総合福祉センター研修室',
      venueCapacity: 28,
      onlineCapacity: 8,
      onlineJoinDetails: 'オンライン参加の接続先は確定した申込者に個別に案内（デモ用の架空の記載）',
      intendedAudiences: ['minsei_jido_iin', 'teacher', 'city_counsellor', 'city_staff', 'partner_staff'],
      status: 'held',
      fiscalYear: fiscalYearOfInstant(STARTS_AT),
    })
    .returning({ id: trainingEvents.id });
  if (!event) throw new Error('demo training event not inserted');

  const rows: (typeof trainingRegistrations.$inferInsert)[] = [];
  let i = 0;
  for (const group of split) {
    for (let k = 0; k < group.count; k++, i++) {
      const [given, reading] = givenNames[i] as [string, string];
      const name = `架空 ${given}`;
      const nameKana = `かくう ${reading}`;
      rows.push({
        eventId: event.id,
        name,
        nameKana,
        affiliation: group.affiliation,
        organisationName: group.organisations[k % group.organisations.length] ?? null,
        searchKey: kanaSearchKey(`${name} ${nameKana}`),
        mode: group.mode,
        status: 'confirmed',
        source: 'staff',
        // Venue arrivals from 13:30, one a minute or so; online participants join from 13:50.
        checkedInAt: group.mode === 'venue' ? at(STARTS_AT, -30 + i) : at(STARTS_AT, -10 + (i % 8)),
        ticketToken: sha256(`tsunagari-demo-training-ticket-${i}`).slice(0, 32),
        madeUp: true,
        createdAt: at('2021-10-25T09:00:00+09:00', i * 137),
        updatedAt: at(STARTS_AT, 0),
      });
    }
  }
  await tx.insert(trainingRegistrations).values(rows);
}
