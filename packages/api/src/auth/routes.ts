import { Me, SignIn } from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../lib/openapi.ts';
import { burnVerify, verifyPassword } from '../lib/passwords.ts';
import { HttpProblem } from '../lib/problem.ts';
import { SESSION_COOKIE } from '../plugins/auth.ts';
import { createSession, deleteSession, findUserByEmail } from './repository.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  const secure = (protocol: string) =>
    app.config.COOKIE_SECURE === 'always' || (app.config.COOKIE_SECURE === 'auto' && protocol === 'https');

  app.post(
    '/sign-in',
    {
      config: {
        access: 'public',
        rateLimit:
          app.config.RATE_LIMIT === 'on' ? { max: app.config.SIGNIN_RATE_LIMIT, timeWindow: '1 minute' } : false,
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: SignIn,
        response: {
          200: Me,
          ...problems(
            [401, 'Wrong e-mail or password (which one is not said)'],
            [429, 'Too many sign-in attempts from this address'],
          ),
        },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const user = await findUserByEmail(app.db, email);
      let ok = false;
      if (user && !user.disabled) ok = await verifyPassword(user.passwordHash, password);
      else await burnVerify(password);
      if (!user || !ok) {
        await request.audit({ action: 'sign_in_failed', entityType: 'session', details: { email } });
        throw new HttpProblem(401, 'invalid_credentials', 'メールアドレスまたはパスワードが正しくありません');
      }
      const session = await createSession(app.db, user.id, app.config.SESSION_TTL_HOURS);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secure(request.protocol),
        expires: session.expiresAt,
      });
      request.principal = { ...request.principal, kind: 'user', id: user.id, label: user.displayName };
      await request.audit({ action: 'sign_in', entityType: 'user', entityId: user.id });
      const me = await app.db.query.organisations.findFirst({ where: (o, { eq }) => eq(o.id, user.organisationId) });
      return {
        kind: 'user' as const,
        id: user.id,
        displayName: user.displayName,
        email: user.email,
        role: user.role,
        organisationId: user.organisationId,
        organisationName: me?.name ?? '',
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/sign-out',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'End the session and clear its cookie', response: { 204: z.null() } },
    },
    async (request, reply) => {
      if (request.principal.sessionId) {
        await deleteSession(app.db, request.principal.sessionId);
        await request.audit({ action: 'sign_out', entityType: 'user', entityId: request.principal.id });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user or the calling API key, with the CSRF token',
        response: { 200: Me },
      },
    },
    async (request) => {
      const p = request.principal;
      return {
        kind: p.kind === 'api_key' ? ('api_key' as const) : ('user' as const),
        id: p.id as string,
        displayName: p.label ?? '',
        email: p.email,
        role: p.role as NonNullable<typeof p.role>,
        organisationId: p.organisationId as string,
        organisationName: p.organisationName ?? '',
        csrfToken: p.csrfToken,
      };
    },
  );
};

export default routes;
