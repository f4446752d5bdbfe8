import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TrainingAttendance } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { eventPath, trainingKeys } from './keys.ts';

export const getAttendance = (id: string, signal?: AbortSignal) =>
  api.get<TrainingAttendance>(`${eventPath(id)}/attendance`, { signal });

export const attendanceQueryOptions = (id: string) =>
  queryOptions({ queryKey: trainingKeys.attendance(id), queryFn: ({ signal }) => getAttendance(id, signal) });

export const useAttendance = (id: string, live = false) =>
  useQuery({ ...attendanceQueryOptions(id), ...(live ? { refetchInterval: 10_000 } : {}) });

export const attendanceCsvUrl = (id: string) => `/api/v1${eventPath(id)}/attendance?format=csv`;
