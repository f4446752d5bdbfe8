import { queryOptions, useQuery } from '@tanstack/react-query';
import { type TrainingTicket, trainingTicketPath } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { publicTrainingKeys } from './keys.ts';

export const getTicket = (token: string, signal?: AbortSignal) =>
  api.get<TrainingTicket>(`/public/training-tickets/${encodeURIComponent(token)}`, { signal });

export const ticketQueryOptions = (token: string) =>
  queryOptions({ queryKey: publicTrainingKeys.ticket(token), queryFn: ({ signal }) => getTicket(token, signal) });

export const useTicket = (token: string) => useQuery(ticketQueryOptions(token));

/** The ticket's address: what its QR code carries and what the scanner at the door reads. */
export const ticketUrl = (token: string) => `${window.location.origin}${trainingTicketPath(token)}`;

/** The ticket's QR code, drawn by the API (it holds the ticket URL on this origin). */
export const ticketQrUrl = (token: string) => `/api/v1/public/training-tickets/${encodeURIComponent(token)}/qr.svg`;
