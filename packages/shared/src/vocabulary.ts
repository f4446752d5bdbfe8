import { z } from 'zod';

/** How a woman reaches a window; also the channel of a consultation. */
export const Channels = ['in_person', 'phone', 'sns', 'online', 'outreach'] as const;
export const Channel = z.enum(Channels).describe('in_person (窓口) | phone (電話) | sns | online | outreach');
export type Channel = z.infer<typeof Channel>;

/** What a window helps with and what a consultation was about. */
export const Topics = [
  'women_general',
  'living_hardship',
  'single_parent',
  'pregnancy_childcare',
  'family',
  'mental_health',
  'legal_living',
  'domestic_violence',
  'employment',
  'health',
  'other',
] as const;
export const Topic = z.enum(Topics).describe(`One of: ${Topics.join(', ')}`);
export type Topic = z.infer<typeof Topic>;
