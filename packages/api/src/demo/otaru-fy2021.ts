/**
 * The Otaru City FY2021 (令和3年度) programme, from shared/seed/000_787d7df30df77fe3.txt.
 * Names of organisations, windows and their hours are facts of the source document
 * (OCR slips of the flyer corrected). Anything invented is marked `madeUp: true`.
 */
import type { OrganisationKinds, Role } from '@tsunagari/shared';

type Kind = (typeof OrganisationKinds)[number];

export const DEMO_PASSWORD = 'tsunagari-demo-2021';

export const organisations: { key: string; name: string; kind: Kind }[] = [
  { key: 'fukushi', name: '小樽市 福祉総合相談室', kind: 'city_department' },
  { key: 'kodomoFukushi', name: '小樽市 こども福祉課', kind: 'city_department' },
  { key: 'kodomoKatei', name: '小樽市 こども家庭課', kind: 'city_department' },
  { key: 'kenko', name: '小樽市 健康増進課', kind: 'city_department' },
  { key: 'seikatsuAnzen', name: '小樽市 生活安全課', kind: 'city_department' },
  { key: 'danjo', name: '小樽市 男女共同参画課', kind: 'city_department' },
  { key: 'shioya', name: '小樽市 塩谷サービスセンター', kind: 'city_department' },
  { key: 'zenibako', name: '小樽市 銭函サービスセンター', kind: 'city_department' },
  { key: 'chubuHokatsu', name: '小樽市中部地域包括支援センター', kind: 'commissioned' },
  { key: 'shakyo', name: '社会福祉法人小樽市社会福祉協議会', kind: 'partner' },
  { key: 'mothers', name: '小樽公共職業安定所マザーズコーナー', kind: 'partner' },
  { key: 'nagasakiya', name: '長崎屋小樽店', kind: 'partner' },
];

export type OrgKey = (typeof organisations)[number]['key'];

/** One demo account per role; the admin comes from ADMIN_EMAIL / ADMIN_PASSWORD. */
export const demoUsers: { email: string; displayName: string; role: Role; org: OrgKey; madeUp: true }[] = [
  { email: 'staff@tsunagari.example', displayName: '相談員 デモ', role: 'staff', org: 'danjo', madeUp: true },
  { email: 'partner@tsunagari.example', displayName: '社協 デモ', role: 'partner', org: 'shakyo', madeUp: true },
  { email: 'analyst@tsunagari.example', displayName: '分析担当 デモ', role: 'analyst', org: 'danjo', madeUp: true },
];
