import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The year's results report and the card-to-consultation funnel, one click apart, same year. */
export function ReportTabs({ fiscalYear }: { fiscalYear: number }) {
  const { t } = useTranslation();
  const tabs = [
    { to: '/reports', label: t('reports.tabs.results') },
    { to: '/reports/funnel', label: t('reports.tabs.funnel') },
  ];
  return (
    <nav className="section-tabs no-print" aria-label={t('reports.tabs.label')}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink to={`${tab.to}?fy=${fiscalYear}`} end className="section-tab">
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
