import type { ReactNode } from 'react';
import type { useTranslation } from 'react-i18next';
import { FieldRow } from './FieldRow.js';

/**
 * A message for a field, worded when shown: a form's own errors are kept as
 * this, not as text, so that they follow a switch of language.
 */
export type Message = (t: ReturnType<typeof useTranslation>['t']) => string;

/** A USWDS form group around a FieldRow: label, hint, the error under it when there is one, then the input. */
export function FormField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error: string | undefined;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  return (
    <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <FieldRow id={id} label={label} hint={hint} error={error}>
        {(control) => children(control['aria-describedby'])}
      </FieldRow>
    </div>
  );
}
