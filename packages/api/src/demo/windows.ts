/**
 * The consultation windows of the Otaru FY2021 citizens' flyer (【市民向け業職周知チラシ】, the table
 * 「小樽市の主な相談窓口」 at the end of shared/seed/000_787d7df30df77fe3.txt) and the Saturday
 * window of the 相談窓口開設事業.
 *
 * From the source: every name, topic, place, local phone number, extension, weekday hours and
 * reservation remark, and all of the Saturday window (dates, hours, closure, channels, place,
 * phone, women-only, 新設).
 * OCR slips corrected (the flyer is OCR text): 「市民生活課1階/4階」 is read as 市役所別館 (the same
 * table gives 生活安全課 as 市役所別館4階); 「市役所の場合は/土曜日の場合は、予約制」 as 来所の場合は予約制;
 * 「法務相談・倉の上相談<らしの行政相談」 as 法律相談・身の上相談・くらしの行政相談; 健康推進課 as 健康増進課
 * (the flyer's own list of hand-out places); 「小樽福祉センター」 as 小樽市総合福祉センター; the Saturday
 * window's 「月～金」, which contradicts its own 「土曜日のみ」, as Saturday.
 * Otaru's area code 0134 is added to the flyer's local numbers.
 * Assumptions (not in the source): which city department operates にこにこ and the 家庭児童相談所
 * (こども家庭課), the channels of the city windows (in person and phone), that the city windows run
 * from the start of the fiscal year (2021-04-01) without end and close over the New Year (12/29–1/3,
 * the city offices' closing days), the descriptions, and where the flyer disagrees with itself the
 * choice of the table over the hand-out list (たるとび 33-1124 rather than 32-1124; こども福祉課
 * 別館4階 rather than 5階). The 生活安全課 hours beyond 法律相談 on Monday afternoons are unreadable
 * in the OCR text and kept only in words.
 */
import type { CreateConsultationWindow } from '@tsunagari/shared';
import { insertWindows } from '../consultation-windows/repository.ts';
import type { Tx } from '../db/client.ts';
import type { OrgKey } from './otaru-fy2021.ts';

const FISCAL_YEAR_START = '2021-04-01';
/** 年末年始: the city offices' closing days (assumption, see above); 1/1 is a holiday anyway. */
const NEW_YEAR_CLOSURE = ['2021-12-29', '2021-12-30', '2021-12-31', '2022-01-01', '2022-01-02', '2022-01-03'];
const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }));
const BY_APPOINTMENT = '来所の場合は予約制';

export const SATURDAY_WINDOW_NAME = '女性専用相談';

type DemoWindow = Omit<CreateConsultationWindow, 'organisationId'> & { org: OrgKey };

const cityWindow = {
  validFrom: FISCAL_YEAR_START,
  validTo: null,
  closureDates: NEW_YEAR_CLOSURE,
  opensOnHolidays: false,
  channels: ['in_person', 'phone'],
} satisfies Partial<DemoWindow>;

export const demoWindows: DemoWindow[] = [
  {
    ...cityWindow,
    org: 'fukushi',
    name: '福祉総合相談室「たるとび」',
    description: '生活困窮ほか、暮らしの困りごとの相談。電話 0134-33-1128 でも受け付けます。',
    topics: ['living_hardship', 'other'],
    place: '市役所別館1階',
    phone: '0134-33-1124',
    reservationRequired: true,
    reservationNote: BY_APPOINTMENT,
    schedule: weekdays('09:00', '17:00'),
  },
  {
    ...cityWindow,
    org: 'kodomoFukushi',
    name: 'こども福祉課 母子父子相談',
    description: 'ひとり親に関する相談。',
    topics: ['single_parent'],
    place: '市役所別館4階',
    phone: '0134-32-4111',
    phoneExtension: '315',
    reservationRequired: true,
    reservationNote: BY_APPOINTMENT,
    schedule: weekdays('09:00', '15:30'),
  },
  {
    ...cityWindow,
    org: 'kodomoKatei',
    name: '子育て世代総合支援センター「にこにこ」',
    description: '妊娠・出産・育児の相談。',
    topics: ['pregnancy_childcare'],
    place: '保健所庁舎 202号室',
    phone: '0134-32-2208',
    reservationRequired: true,
    reservationNote: BY_APPOINTMENT,
    schedule: weekdays('09:00', '17:00'),
  },
  {
    ...cityWindow,
    org: 'kodomoKatei',
    name: '小樽市家庭児童相談所',
    description: '育児や家庭内の問題の相談。',
    topics: ['family', 'pregnancy_childcare'],
    place: '保健所庁舎 202号室',
    phone: '0134-32-2208',
    reservationRequired: true,
    reservationNote: BY_APPOINTMENT,
    schedule: weekdays('09:00', '17:00'),
  },
  {
    ...cityWindow,
    org: 'kenko',
    name: 'こころの健康相談',
    description: '精神保健の相談。',
    topics: ['mental_health'],
    place: '保健所 健康増進課',
    phone: '0134-22-3110',
    reservationRequired: true,
    reservationNote: BY_APPOINTMENT,
    schedule: weekdays('09:00', '17:00'),
  },
  {
    ...cityWindow,
    org: 'seikatsuAnzen',
    name: '生活安全課 法律相談・くらしの相談',
    description: '法律相談、身の上相談、くらしの行政相談。',
    topics: ['legal_living'],
    place: '市役所別館4階 生活安全課',
    phone: '0134-32-4111',
    phoneExtension: '202',
    reservationRequired: true,
    reservationNote:
      '予約制（内線202・203）。法律相談は月曜午後1時～4時20分、身の上相談は午前9時～午後3時30分、' +
      'くらしの行政相談は午後1時～3時。身の上相談・くらしの行政相談の開催日は生活安全課にお問い合わせください。',
    schedule: [{ weekday: 1, opens: '13:00', closes: '16:20' }],
  },
  {
    ...cityWindow,
    org: 'danjo',
    name: '女性相談室',
    description: '女性の相談全般。',
    topics: ['women_general'],
    place: '勤労女性センター（男女共同参画課）',
    phone: '0134-22-6010',
    schedule: weekdays('09:00', '17:30'),
  },
  {
    org: 'chubuHokatsu',
    name: SATURDAY_WINDOW_NAME,
    description:
      '女性専用の相談窓口（新設）。女性相談室が開いていない土曜日に、窓口・電話ともに受け付けます。令和4年1月1日はお休みです。',
    topics: ['women_general'],
    place: '小樽市総合福祉センター1階',
    phone: '090-2500-9863',
    channels: ['in_person', 'phone'],
    womenOnly: true,
    isNew: true,
    validFrom: '2021-11-13',
    validTo: '2022-02-26',
    closureDates: ['2022-01-01'],
    opensOnHolidays: false,
    schedule: [{ weekday: 6, opens: '10:00', closes: '15:00' }],
  },
];

/** Inserts the flyer's windows, each validated by the same schema the API uses. */
export async function seedWindows(tx: Tx, orgId: (key: string) => string): Promise<void> {
  await insertWindows(
    tx,
    demoWindows.map(({ org, ...w }) => ({ ...w, organisationId: orgId(org) })),
  );
}
