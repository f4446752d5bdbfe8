import { zodResolver } from '@hookform/resolvers/zod';
import { CreatePublicTrainingRegistration, CreateTrainingRegistration } from '@tsunagari/shared';
import { formErrorMap } from '../../../lib/validation.ts';

/**
 * The shared schema of a registration, as a form resolver. Loaded on demand by the registration
 * form (see registration-form.tsx), so that zod is not part of the public page's first load.
 */
export function registrationSchemaResolver(audience: 'staff' | 'public') {
  return zodResolver(audience === 'staff' ? CreateTrainingRegistration : CreatePublicTrainingRegistration, {
    error: formErrorMap,
  });
}
