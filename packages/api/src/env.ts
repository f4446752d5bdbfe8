import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const onOff = z.enum(['on', 'off']);

/** Every environment variable the system reads; nothing else reads process.env. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url().optional(),
  DATABASE_READ_URL: z.url().optional(),
  DATA_DIR: z.string().default('data'),
  ADMIN_EMAIL: z.email().default('admin@tsunagari.example'),
  ADMIN_PASSWORD: z.string().min(12).optional(),
  DEMO_DATA: onOff.default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SIGNIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT: onOff.default('on'),
  /** Minutes after recording during which a hand-out can be undone at the counter. */
  HANDOUT_UNDO_MINUTES: z.coerce.number().int().min(0).max(1440).default(10),
  /** Report counts from 1 to this − 1, read by a partner or an analyst, are suppressed (small-cell suppression). */
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(2).max(100).default(3),
  /** Days after a training event ends until its attendees' names and contact details are deleted. */
  TRAINING_CONTACT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Origin of the public survey links and QR codes (e.g. https://tsunagari.example); default: the request's host. */
  PUBLIC_BASE_URL: z.url().optional(),
  WEB_DIST: z.string().optional(),
  /** Set by npm/pnpm to the folder the command was run from. */
  INIT_CWD: z.string().optional(),
});
export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // `DATABASE_URL=` (set but empty, as compose files and shells often leave it) means unset.
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = EnvSchema.safeParse(given);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** A relative DATA_DIR is taken from where the command was run (pnpm sets INIT_CWD). */
export function resolveDataDir(env: Env): string {
  return path.resolve(env.INIT_CWD ?? repoRoot, env.DATA_DIR);
}
