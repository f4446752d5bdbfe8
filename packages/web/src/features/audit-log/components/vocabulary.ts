/**
 * The actions and resource types the API writes to the audit log (grep `request.audit(` in
 * packages/api/src). The filters offer these; an entry of a kind added later still shows, by its
 * code, until it gets a label here and in the i18n files.
 */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'read',
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'revoke',
  'cancel',
  'promote',
  'check_in',
  'undo_check_in',
  'undo',
  'import',
  'purge_contact_details',
  'add_manual_value',
] as const;

export const AUDIT_ENTITY_TYPES = [
  'user',
  'api_key',
  'session',
  'organisation',
  'consultation_window',
  'consultation',
  'distribution_point',
  'distribution',
  'stock_movement',
  'item',
  'item_point_minimum',
  'training_event',
  'training_registration',
  'survey',
  'survey_response',
  'target_metric',
  'results_report_challenges',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export const isKnownAction = (v: string): v is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(v);
export const isKnownEntityType = (v: string): v is AuditEntityType =>
  (AUDIT_ENTITY_TYPES as readonly string[]).includes(v);

/** Where a resource of this type is shown in the SPA, if it has a page of its own. */
export function entityPath(type: string, id: string | null): string | null {
  if (!id) return null;
  const e = encodeURIComponent(id);
  switch (type) {
    case 'user':
      return `/admin/users/${e}`;
    case 'consultation_window':
      return `/windows/${e}`;
    case 'consultation':
      return `/consultations/${e}`;
    case 'distribution_point':
      return `/points/${e}`;
    case 'training_event':
      return `/training/${e}`;
    case 'survey':
      return `/surveys/${e}`;
    default:
      return null;
  }
}
