import type { UpdateUser } from '@tsunagari/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { useOrganisations } from '../../features/organisations/api/get-organisations.ts';
import { useUser, type VersionedUser } from '../../features/users/api/get-user.ts';
import { useUpdateUser } from '../../features/users/api/update-user.ts';
import { PasswordResetForm } from '../../features/users/components/password-reset-form.tsx';
import { UserForm, type UserPayload } from '../../features/users/components/user-form.tsx';
import { UserStatusBadge } from '../../features/users/components/user-status-badge.tsx';
import { UserStatusSection } from '../../features/users/components/user-status-section.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { formatNumericDateTime } from '../../lib/format.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { AdminOnly } from './admin-only.tsx';

function changedFields(payload: UserPayload, base: VersionedUser['user']): UpdateUser {
  const changes: UpdateUser = {};
  if (payload.displayName !== base.displayName) changes.displayName = payload.displayName;
  if (payload.email !== base.email) changes.email = payload.email;
  if (payload.role !== base.role) changes.role = payload.role;
  if (payload.organisationId !== base.organisationId) changes.organisationId = payload.organisationId;
  return changes;
}

function EditUser() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { id = '' } = useParams();
  const me = useSession();
  const query = useUser(id);
  const organisations = useOrganisations();
  const update = useUpdateUser();
  // Every change starts from one read and its ETag; a success moves it on to the answer. A
  // background refetch must not swap the values under the admin's hands: only "load the latest"
  // does, after a 412.
  const [base, setBase] = useState<VersionedUser | null>(null);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // Bumped by "load the latest version": the sections start again, without their old failures.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!base && query.data) setBase(query.data);
  }, [base, query.data]);

  const current = base ?? query.data;
  if ((!current && query.isPending) || organisations.isPending) return <Loading />;
  if (organisations.isError)
    return <ErrorMessage error={organisations.error} onRetry={() => void organisations.refetch()} />;
  if (!current) {
    const missing = isApiError(query.error, 404) || isApiError(query.error, 400);
    return (
      <>
        <p className="back-link">
          <Link to="/admin/users">← {t('admin.users.title')}</Link>
        </p>
        <ErrorMessage
          error={query.error}
          message={missing ? t('admin.userForm.notFound') : undefined}
          onRetry={() => void query.refetch()}
        />
      </>
    );
  }

  const { user, etag } = current;
  const self = user.id === me.id;
  const orgName = organisations.data.find((o) => o.id === user.organisationId)?.name ?? t('admin.unknownOrganisation');

  const save = async (changes: UpdateUser, message: string) => {
    setSaved(null);
    // Without an ETag the API answers 428; the same words as a stale one fit.
    try {
      const result = await update.mutateAsync({ id: user.id, etag: etag ?? '', changes });
      setBase(result);
      setSaved(message);
    } catch (error) {
      if (isApiError(error, 412) || isApiError(error, 428)) setStale(true);
      throw error;
    }
  };

  /** What a refused change means, in words; null leaves it to the generic message. */
  const describeFailure = (error: unknown) => {
    // The banner at the top says it, with the button to load the latest version.
    if (isApiError(error, 412) || isApiError(error, 428)) {
      return (
        <div className="alert alert-warning" role="alert">
          <p>{t('admin.userForm.staleShort')}</p>
        </div>
      );
    }
    if (isApiError(error, 404)) return <ErrorMessage error={error} message={t('admin.userForm.notFound')} />;
    if (isApiError(error, 409) && !error.problem?.errors?.length) {
      return <ErrorMessage error={error} message={t('admin.userForm.lastAdmin')} />;
    }
    return null;
  };

  const reload = async () => {
    const latest = await query.refetch();
    if (latest.data) {
      setBase(latest.data);
      setStale(false);
      setSaved(null);
      setGeneration((g) => g + 1);
    }
  };

  return (
    <>
      <PageTitle>{user.displayName}</PageTitle>
      <p className="back-link">
        <Link to="/admin/users">← {t('admin.users.title')}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>
            {user.displayName} <UserStatusBadge disabled={user.disabled} />
          </h1>
          <p className="lead">{t('admin.userForm.editLead')}</p>
        </div>
      </div>
      {stale ? (
        <div className="alert alert-warning" role="alert">
          <p>{t('admin.userForm.stale')}</p>
          <button type="button" className="button button-secondary" onClick={() => void reload()}>
            {t('admin.userForm.reload')}
          </button>
        </div>
      ) : null}
      {saved ? (
        <div className="alert alert-success" role="status">
          <p>{saved}</p>
        </div>
      ) : null}
      <div className="admin-columns">
        <div>
          <div className="form-section admin-form-panel">
            <UserForm
              // A fresh read (after a 412, say) brings a new ETag: start the form again from it.
              key={`${generation}-${etag ?? user.updatedAt}`}
              mode="edit"
              defaultValues={{
                displayName: user.displayName,
                email: user.email,
                role: user.role,
                organisationId: user.organisationId,
                password: '',
              }}
              organisations={organisations.data}
              submitLabel={t('admin.userForm.save')}
              submittingLabel={t('admin.userForm.saving')}
              onSubmit={async (payload) => {
                const changes = changedFields(payload, user);
                if (Object.keys(changes).length === 0) {
                  setSaved(t('admin.userForm.noChanges'));
                  return;
                }
                await save(changes, t('admin.userForm.saved'));
              }}
              describeFailure={describeFailure}
            />
          </div>
          <div className="form-section admin-form-panel">
            <PasswordResetForm
              key={generation}
              self={self}
              onSubmit={(password) => save({ password }, t('admin.userForm.resetSaved'))}
              describeFailure={describeFailure}
            />
          </div>
        </div>
        <div>
          <section className="panel" aria-labelledby="user-facts">
            <h2 id="user-facts">{t('admin.userForm.sections.facts')}</h2>
            <dl className="facts">
              <dt>{t('admin.users.columns.email')}</dt>
              <dd className="break-all">{user.email}</dd>
              <dt>{t('admin.users.columns.role')}</dt>
              <dd>{t(`app.role.${user.role}`)}</dd>
              <dt>{t('admin.users.columns.organisation')}</dt>
              <dd>{orgName}</dd>
              <dt>{t('admin.users.columns.lastSignIn')}</dt>
              <dd>
                {user.lastSignInAt ? (
                  <time dateTime={user.lastSignInAt}>{formatNumericDateTime(user.lastSignInAt, lng)}</time>
                ) : (
                  t('admin.users.never')
                )}
              </dd>
              <dt>{t('admin.userForm.createdAt')}</dt>
              <dd>
                <time dateTime={user.createdAt}>{formatNumericDateTime(user.createdAt, lng)}</time>
              </dd>
              <dt>{t('admin.userForm.updatedAt')}</dt>
              <dd>
                <time dateTime={user.updatedAt}>{formatNumericDateTime(user.updatedAt, lng)}</time>
              </dd>
            </dl>
            <p className="small admin-audit-link">
              <Link to={`/admin/audit-log?entity=${encodeURIComponent(user.id)}`}>{t('admin.userForm.auditLink')}</Link>
            </p>
          </section>
          <div className="panel">
            <UserStatusSection
              key={generation}
              user={user}
              self={self}
              describeFailure={describeFailure}
              onChange={(disabled) =>
                save({ disabled }, disabled ? t('admin.userForm.disabledSaved') : t('admin.userForm.enabledSaved'))
              }
            />
          </div>
        </div>
      </div>
    </>
  );
}

export default function AdminUserPage() {
  return (
    <AdminOnly>
      <EditUser />
    </AdminOnly>
  );
}
