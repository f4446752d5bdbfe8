import {
  CreatePublicTrainingRegistration,
  PublicTrainingEvent,
  PublicTrainingRegistrationResult,
  TrainingTicket,
  TrainingTicketQrQuery,
  TrainingTokenParams,
  trainingTicketPath,
} from '@tsunagari/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Tx } from '../db/client.ts';
import { problems } from '../lib/openapi.ts';
import { HttpProblem } from '../lib/problem.ts';
import { publicOrigin } from '../lib/public-origin.ts';
import {
  type EventRow,
  getEvent,
  getEventByPublicToken,
  getRegistrationByTicket,
  lockEvent,
  lockRegistration,
  type RegistrationWithPosition,
  seatCounts,
  seatsOf,
} from './repository.ts';
import { type Audit, cancelRegistration, register } from './service.ts';

const TAGS = ['public'];
/** Tickets and forms are personal; no shared cache may keep them. */
const NO_STORE = 'no-store';
/**
 * A ticket's QR code never changes (it holds the token), so the phone may keep it for the day
 * and show it at the door without a connection; only the registrant's own browser, though.
 */
const QR_CACHE = 'private, max-age=86400';
const QR_OPTIONS = { margin: 4, errorCorrectionLevel: 'M' } as const;

const linkNotFound = () => new HttpProblem(404, 'not_found', 'No training event has this registration link');
const ticketNotFound = () => new HttpProblem(404, 'not_found', 'No ticket with this token (it may have expired)');

/** A public link works for an event that is published: not a draft. */
const published = (event: EventRow | null): event is EventRow => event !== null && event.status !== 'draft';

function registrationOpen(event: EventRow, now: Date) {
  return event.status === 'open' && now < event.startsAt;
}

function ticketOf(event: EventRow, r: RegistrationWithPosition) {
  const g = r.registration;
  const joins = g.status === 'confirmed' && g.mode === 'online' && event.status !== 'cancelled';
  return {
    event: {
      title: event.title,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      venueName: event.venueName,
      venueAddress: event.venueAddress,
      status: event.status,
    },
    name: g.name,
    mode: g.mode,
    status: g.status,
    waitlistPosition: g.status === 'waitlisted' ? r.waitlistPosition : null,
    checkedInAt: g.checkedInAt?.toISOString() ?? null,
    onlineJoinDetails: joins ? event.onlineJoinDetails : null,
  };
}

/**
 * The invitee's side: the event behind a registration link, the form, and the ticket (whose token
 * is in the QR code staff scan at the door). Registered from app.ts under /public next to the
 * public directory; no sign-in, rate-limited per address.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const limit = (max: number) => (app.config.RATE_LIMIT === 'on' ? { max, timeWindow: '1 minute' } : false);
  const audit =
    (request: FastifyRequest, tx: Tx): Audit =>
    (entry) =>
      request.audit(entry, tx);

  app.get(
    '/training-events/:token',
    {
      config: { access: 'public', rateLimit: limit(60) },
      schema: {
        tags: TAGS,
        summary: 'A training event behind a registration link: times, venue and seats left per mode',
        description: 'Never the online join details: a confirmed online registrant reads them on the ticket.',
        params: TrainingTokenParams,
        response: {
          200: PublicTrainingEvent,
          ...problems([404, 'No event has this link'], [429, 'Too many requests']),
        },
      },
    },
    async (request, reply) => {
      const event = await getEventByPublicToken(app.db, request.params.token);
      if (!published(event)) throw linkNotFound();
      const seats = seatsOf(event, await seatCounts(app.db, [event.id]));
      reply.header('cache-control', NO_STORE);
      return {
        title: event.title,
        description: event.description,
        startsAt: event.startsAt.toISOString(),
        endsAt: event.endsAt.toISOString(),
        venueName: event.venueName,
        venueAddress: event.venueAddress,
        lecturer: event.lecturer,
        intendedAudiences: event.intendedAudiences,
        status: event.status,
        registrationOpen: registrationOpen(event, new Date()),
        seats: seats.map((s) => ({
          mode: s.mode,
          offered: s.capacity > 0,
          capacity: s.capacity,
          remaining: s.remaining,
        })),
      };
    },
  );

  app.post(
    '/training-registrations/:token',
    {
      config: { access: 'public', rateLimit: limit(10) },
      schema: {
        tags: TAGS,
        summary: 'Register through a link: a seat while the mode has one, otherwise the waitlist',
        description:
          'Only while the event is open and has not started (409 registration_closed). The answer carries the ' +
          'ticket token: the ticket page and its QR code are built from it. One registration per e-mail address ' +
          '(409 already_registered).',
        params: TrainingTokenParams,
        body: CreatePublicTrainingRegistration,
        response: {
          201: PublicTrainingRegistrationResult,
          ...problems(
            [404, 'No event has this link'],
            [409, 'registration_closed or already_registered'],
            [422, 'mode_not_offered'],
            [429, 'Too many requests from this address'],
          ),
        },
      },
    },
    async (request, reply) => {
      const found = await getEventByPublicToken(app.db, request.params.token);
      if (!published(found)) throw linkNotFound();
      const result = await app.db.transaction(async (tx) => {
        const event = await lockEvent(tx, found.id);
        if (!published(event) || event.publicRegistrationToken !== request.params.token) throw linkNotFound();
        if (!registrationOpen(event, new Date())) {
          throw new HttpProblem(409, 'registration_closed', 'This event does not take registrations now');
        }
        const row = await register(tx, event, request.body, { source: 'public' }, audit(request, tx));
        const withPosition = await getRegistrationByTicket(tx, row.ticketToken as string);
        return { ...ticketOf(event, withPosition as RegistrationWithPosition), ticketToken: row.ticketToken as string };
      });
      reply.header('cache-control', NO_STORE);
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/training-tickets/:token',
    {
      config: { access: 'public', rateLimit: limit(60) },
      schema: {
        tags: TAGS,
        summary: 'The registrant’s ticket: status, waitlist place and, for confirmed online registrants, how to join',
        params: TrainingTokenParams,
        response: { 200: TrainingTicket, ...problems([404, 'No such ticket'], [429, 'Too many requests']) },
      },
    },
    async (request, reply) => {
      const found = await getRegistrationByTicket(app.db, request.params.token);
      const event = found ? await getEvent(app.db, found.registration.eventId) : null;
      if (!found || !event) throw ticketNotFound();
      reply.header('cache-control', NO_STORE);
      return ticketOf(event, found);
    },
  );

  // ——— the ticket's QR code ———

  const qrDescription =
    'The QR code holds the ticket URL, <PUBLIC_BASE_URL or this host>/tickets/{token}: the SPA page of the ' +
    'ticket, and what the check-in screen at the door takes when it is scanned or pasted. Cancelled ' +
    'registrations still have one (the check-in refuses them); purged or unknown tokens are 404.';

  /** The ticket URL of a token that opens a ticket; 404 otherwise, like the ticket itself. */
  async function ticketLink(request: FastifyRequest, token: string) {
    const found = await getRegistrationByTicket(app.db, token);
    if (!found) throw ticketNotFound();
    return `${publicOrigin(app, request)}${trainingTicketPath(token)}`;
  }

  app.get(
    '/training-tickets/:token/qr.svg',
    {
      config: { access: 'public', rateLimit: limit(60) },
      schema: {
        tags: TAGS,
        summary: 'The ticket’s QR code (SVG), for the ticket page and to print at any size',
        description: qrDescription,
        params: TrainingTokenParams,
        response: {
          200: { description: 'SVG image', content: { 'image/svg+xml': { schema: z.string().describe('SVG') } } },
          ...problems([404, 'No such ticket'], [429, 'Too many requests']),
        },
      },
    },
    async (request, reply) => {
      const link = await ticketLink(request, request.params.token);
      const svg = await QRCode.toString(link, { ...QR_OPTIONS, type: 'svg' });
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', QR_CACHE)
        .serializer((body: unknown) => body as string)
        .send(svg);
    },
  );

  app.get(
    '/training-tickets/:token/qr.png',
    {
      config: { access: 'public', rateLimit: limit(60) },
      schema: {
        tags: TAGS,
        summary: 'The ticket’s QR code (PNG), for e-mail or messaging apps that do not show SVG',
        description: qrDescription,
        params: TrainingTokenParams,
        querystring: TrainingTicketQrQuery,
        response: {
          200: { description: 'PNG image', content: { 'image/png': { schema: z.string().describe('PNG') } } },
          ...problems([404, 'No such ticket'], [429, 'Too many requests']),
        },
      },
    },
    async (request, reply) => {
      const link = await ticketLink(request, request.params.token);
      const png = await QRCode.toBuffer(link, { ...QR_OPTIONS, type: 'png', width: request.query.size });
      return (
        reply
          .type('image/png')
          .header('cache-control', QR_CACHE)
          // A Buffer is sent as it is; the schema's string type only documents the body.
          .send(png as unknown as string)
      );
    },
  );

  app.post(
    '/training-tickets/:token/cancel',
    {
      config: { access: 'public', rateLimit: limit(10) },
      schema: {
        tags: TAGS,
        summary: 'Cancel one’s own registration with the ticket (idempotent); the seat goes to the first waiting',
        params: TrainingTokenParams,
        response: {
          200: TrainingTicket,
          ...problems([404, 'No such ticket'], [409, 'checked_in or event_cancelled'], [429, 'Too many requests']),
        },
      },
    },
    async (request, reply) => {
      const found = await getRegistrationByTicket(app.db, request.params.token);
      if (!found) throw ticketNotFound();
      const ticket = await app.db.transaction(async (tx) => {
        const event = await lockEvent(tx, found.registration.eventId);
        const reg = event ? await lockRegistration(tx, event.id, found.registration.id) : null;
        if (!event || !reg || reg.ticketToken !== request.params.token) throw ticketNotFound();
        await cancelRegistration(tx, event, reg, audit(request, tx));
        return ticketOf(event, (await getRegistrationByTicket(tx, request.params.token)) as RegistrationWithPosition);
      });
      reply.header('cache-control', NO_STORE);
      return ticket;
    },
  );
};

export default routes;
