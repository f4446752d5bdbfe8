import type { Role } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { canReadConsultations, canRecordConsultations } from '../access.ts';

/** The three consultation pages, one click apart: record, list, analyse. */
export function SectionTabs({ role }: { role: Role }) {
  const { t } = useTranslation();
  const tabs = [
    canRecordConsultations(role) ? { to: '/consultations/new', label: t('consultations.tabs.new') } : null,
    canReadConsultations(role) ? { to: '/consultations', label: t('consultations.tabs.list') } : null,
    { to: '/consultations/analysis', label: t('consultations.tabs.analysis') },
  ].filter((tab) => tab !== null);
  return (
    <nav className="section-tabs" aria-label={t('consultations.tabs.label')}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink to={tab.to} end className="section-tab">
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
