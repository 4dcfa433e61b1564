/**
 * One row of a plain USWDS form: the label, the server's (or the form's)
 * message for that field when there is one, and the control. The structure
 * stays the same with or without a message, so that showing one never
 * remounts the control (and never loses what was typed in it).
 */
import type { InputHTMLAttributes, ReactNode } from 'react';

/** What the control of a row takes: its id, and the ARIA attributes that tie it to the message. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export function FieldRow({
  id,
  label,
  hint,
  error,
  labelClassName,
  children,
  input,
}: {
  id: string;
  label: ReactNode;
  /** A line under the label that says what to enter. */
  hint?: string;
  error?: string | undefined;
  /** Extra classes of the label, such as usa-sr-only for a label that is read but not shown. */
  labelClassName?: string;
  /** The control (select, textarea…), given the id and ARIA attributes. Without it, a text input. */
  children?: (control: ControlProps) => ReactNode;
  /** The attributes of the default text input. */
  input?: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const control: ControlProps = {
    id,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(error ? { 'aria-invalid': true as const } : {}),
  };
  return (
    <>
      <FieldLabel
        htmlFor={id}
        label={label}
        labelClassName={labelClassName}
        hint={hint}
        hintId={hintId}
        error={error}
        errorId={errorId}
      />
      {children ? (
        children(control)
      ) : (
        <input className={`usa-input${error ? ' usa-input--error' : ''}`} {...input} {...control} />
      )}
    </>
  );
}

/**
 * The label of a control, then the hint and the error message under it when
 * there are: the part of a row above the control, for a form that lays out
 * the control itself or names the hint and the error its own way.
 */
export function FieldLabel({
  htmlFor,
  label,
  labelClassName,
  hint,
  hintId,
  error,
  errorId,
}: {
  htmlFor: string;
  label: ReactNode;
  labelClassName?: string;
  hint?: string;
  hintId: string;
  error?: string;
  errorId: string;
}) {
  return (
    <>
      <label
        className={['usa-label', error ? 'usa-label--error' : '', labelClassName ?? ''].filter(Boolean).join(' ')}
        htmlFor={htmlFor}
      >
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
    </>
  );
}
