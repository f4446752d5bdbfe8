/** An organisation as a form's picker offers it. */
export interface OrganisationOption {
  id: string;
  name: string;
}

/** The picker's list, with the record's own organisation first if the list lacks it: it stays selectable. */
export function withOrganisation(list: OrganisationOption[], own: OrganisationOption): OrganisationOption[] {
  return list.some((o) => o.id === own.id) ? list : [own, ...list];
}
