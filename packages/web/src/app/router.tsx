import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { Loading } from '../components/loading.tsx';
import { useSession } from './layout/session.ts';
import { adminParts, homePath, programmeParts, type UnbuiltPartKey } from './parts.ts';

// Every page is its own chunk: the public directory, opened from a card on a phone, loads
// neither the staff forms nor the shared validation schemas.
const AppShell = lazy(() => import('./layout/app-shell.tsx'));
const SignInPage = lazy(() => import('./pages/sign-in-page.tsx'));
const DirectoryPage = lazy(() => import('./pages/directory-page.tsx'));
const WindowsListPage = lazy(() => import('./pages/windows-list-page.tsx'));
const WindowDetailPage = lazy(() => import('./pages/window-detail-page.tsx'));
const WindowNewPage = lazy(() => import('./pages/window-new-page.tsx'));
const WindowEditPage = lazy(() => import('./pages/window-edit-page.tsx'));
const TrainingEventsPage = lazy(() => import('./pages/training-events-page.tsx'));
const TrainingEventPage = lazy(() => import('./pages/training-event-page.tsx'));
const TrainingEventNewPage = lazy(() => import('./pages/training-event-new-page.tsx'));
const TrainingEventEditPage = lazy(() => import('./pages/training-event-edit-page.tsx'));
const TrainingCheckInPage = lazy(() => import('./pages/training-check-in-page.tsx'));
const TrainingPublicPage = lazy(() => import('./pages/training-public-page.tsx'));
const TrainingTicketPage = lazy(() => import('./pages/training-ticket-page.tsx'));
const PointsListPage = lazy(() => import('./pages/points-list-page.tsx'));
const PointsDetailPage = lazy(() => import('./pages/points-detail-page.tsx'));
const PointsNewPage = lazy(() => import('./pages/points-new-page.tsx'));
const PointsEditPage = lazy(() => import('./pages/points-edit-page.tsx'));
const PointsMovementPage = lazy(() => import('./pages/points-movement-page.tsx'));
const CounterPage = lazy(() => import('./pages/counter-page.tsx'));
const CardPage = lazy(() => import('./pages/card-page.tsx'));
const ConsultationsListPage = lazy(() => import('./pages/consultations-list-page.tsx'));
const ConsultationNewPage = lazy(() => import('./pages/consultation-new-page.tsx'));
const ConsultationDetailPage = lazy(() => import('./pages/consultation-detail-page.tsx'));
const ConsultationEditPage = lazy(() => import('./pages/consultation-edit-page.tsx'));
const ConsultationAnalysisPage = lazy(() => import('./pages/consultation-analysis-page.tsx'));
const SurveyPublicPage = lazy(() => import('./pages/survey-public-page.tsx'));
const SurveysListPage = lazy(() => import('./pages/surveys-list-page.tsx'));
const SurveyDetailPage = lazy(() => import('./pages/survey-detail-page.tsx'));
const SurveyBuilderPage = lazy(() => import('./pages/survey-builder-page.tsx'));
const SurveyResultsPage = lazy(() => import('./pages/survey-results-page.tsx'));
const SurveyPaperPage = lazy(() => import('./pages/survey-paper-page.tsx'));
const SurveyResponsesPage = lazy(() => import('./pages/survey-responses-page.tsx'));
const DashboardPage = lazy(() => import('./pages/dashboard-page.tsx'));
const TargetMetricsPage = lazy(() => import('./pages/target-metrics-page.tsx'));
const TargetMetricNewPage = lazy(() => import('./pages/target-metric-new-page.tsx'));
const TargetMetricEditPage = lazy(() => import('./pages/target-metric-edit-page.tsx'));
const ResultsReportPage = lazy(() => import('./pages/results-report-page.tsx'));
const FunnelPage = lazy(() => import('./pages/funnel-page.tsx'));
const AdminUsersPage = lazy(() => import('./pages/admin-users-page.tsx'));
const AdminUserNewPage = lazy(() => import('./pages/admin-user-new-page.tsx'));
const AdminUserPage = lazy(() => import('./pages/admin-user-page.tsx'));
const AdminApiKeysPage = lazy(() => import('./pages/admin-api-keys-page.tsx'));
const AdminAuditLogPage = lazy(() => import('./pages/admin-audit-log-page.tsx'));
const NotBuiltPage = lazy(() => import('./pages/not-built-page.tsx'));
const NotFoundPage = lazy(() => import('./pages/not-found-page.tsx'));

const page = (element: React.ReactNode) => <Suspense fallback={<Loading />}>{element}</Suspense>;

/** Home: the targets dashboard for those who read targets; partners start at the windows. */
function HomeRedirect() {
  const me = useSession();
  return <Navigate to={homePath(me.role)} replace />;
}

export const router = createBrowserRouter([
  { path: '/sign-in', element: page(<SignInPage />) },
  { path: '/directory', element: page(<DirectoryPage />) },
  // The guidance card sheet prints alone, without the app shell around it.
  { path: '/points/:id/card', element: page(<CardPage />) },
  { path: '/t/:token', element: page(<TrainingPublicPage />) },
  { path: '/s/:token', element: page(<SurveyPublicPage />) },
  { path: '/tickets/:token', element: page(<TrainingTicketPage />) },
  { path: '/training/:id/check-in', element: page(<TrainingCheckInPage />) },
  {
    path: '/',
    element: page(<AppShell />),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'windows', element: page(<WindowsListPage />) },
      { path: 'windows/new', element: page(<WindowNewPage />) },
      { path: 'windows/:id', element: page(<WindowDetailPage />) },
      { path: 'windows/:id/edit', element: page(<WindowEditPage />) },
      { path: 'training', element: page(<TrainingEventsPage />) },
      { path: 'training/new', element: page(<TrainingEventNewPage />) },
      { path: 'training/:id', element: page(<TrainingEventPage />) },
      { path: 'training/:id/edit', element: page(<TrainingEventEditPage />) },
      { path: 'points', element: page(<PointsListPage />) },
      { path: 'points/new', element: page(<PointsNewPage />) },
      { path: 'points/movements/new', element: page(<PointsMovementPage />) },
      { path: 'points/:id', element: page(<PointsDetailPage />) },
      { path: 'points/:id/edit', element: page(<PointsEditPage />) },
      { path: 'points/:id/counter', element: page(<CounterPage />) },
      { path: 'counter', element: page(<CounterPage />) },
      { path: 'consultations', element: page(<ConsultationsListPage />) },
      { path: 'consultations/new', element: page(<ConsultationNewPage />) },
      { path: 'consultations/analysis', element: page(<ConsultationAnalysisPage />) },
      { path: 'consultations/:id', element: page(<ConsultationDetailPage />) },
      { path: 'consultations/:id/edit', element: page(<ConsultationEditPage />) },
      { path: 'surveys', element: page(<SurveysListPage />) },
      { path: 'surveys/new', element: page(<SurveyBuilderPage />) },
      { path: 'surveys/:id', element: page(<SurveyDetailPage />) },
      { path: 'surveys/:id/edit', element: page(<SurveyBuilderPage />) },
      { path: 'surveys/:id/results', element: page(<SurveyResultsPage />) },
      { path: 'surveys/:id/paper', element: page(<SurveyPaperPage />) },
      { path: 'surveys/:id/responses', element: page(<SurveyResponsesPage />) },
      { path: 'targets', element: page(<DashboardPage />) },
      { path: 'targets/metrics', element: page(<TargetMetricsPage />) },
      { path: 'targets/metrics/new', element: page(<TargetMetricNewPage />) },
      { path: 'targets/metrics/:id/edit', element: page(<TargetMetricEditPage />) },
      { path: 'reports', element: page(<ResultsReportPage />) },
      { path: 'reports/funnel', element: page(<FunnelPage />) },
      { path: 'admin/users', element: page(<AdminUsersPage />) },
      { path: 'admin/users/new', element: page(<AdminUserNewPage />) },
      { path: 'admin/users/:id', element: page(<AdminUserPage />) },
      { path: 'admin/api-keys', element: page(<AdminApiKeysPage />) },
      { path: 'admin/audit-log', element: page(<AdminAuditLogPage />) },
      ...[...programmeParts, ...adminParts]
        .filter((part) => !part.built)
        .map((part) => ({
          path: part.path.slice(1),
          element: page(<NotBuiltPage part={part.key as UnbuiltPartKey} />),
        })),
      { path: '*', element: page(<NotFoundPage />) },
    ],
  },
]);
