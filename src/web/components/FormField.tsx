import type { ReactNode } from 'react';
import type { useTranslation } from 'react-i18next';

/**
 * A message for a field, worded when shown: a form's own errors are kept as
 * this, not as text, so that they follow a switch of language.
 */
export type Message = (t: ReturnType<typeof useTranslation>['t']) => string;

/** A USWDS form group: label, the error under it when there is one, then the input. */
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
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label className={`usa-label${error ? ' usa-label--error' : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="usa-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span className="usa-error-message" id={errorId}>
          {error}
        </span>
      ) : null}
      {children(describedBy)}
    </div>
  );
}
