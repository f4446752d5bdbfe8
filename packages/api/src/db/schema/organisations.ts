import type { OrganisationKinds } from '@tsunagari/shared';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps } from './common.ts';

export const organisations = pgTable('organisations', {
  id: id(),
  name: text().notNull().unique(),
  kind: text().$type<(typeof OrganisationKinds)[number]>().notNull(),
  version: integer().notNull().default(1),
  ...timestamps(),
});
