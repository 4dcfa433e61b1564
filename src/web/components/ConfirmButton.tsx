import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A button for an action that cannot be undone (revoke a token, disable an
 * account, end every session). The first press asks, in place, what will
 * happen; only the second does it. In place rather than in a modal: nothing
 * to trap focus in, and it reads the same to a screen reader as on screen.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  pending = false,
  buttonClassName = 'usa-button usa-button--outline',
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  buttonClassName?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const questionId = useId();
  const questionRef = useRef<HTMLParagraphElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) questionRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      buttonRef.current?.focus();
    }
  }, [asking]);

  if (!asking) {
    return (
      <button ref={buttonRef} type="button" className={`${buttonClassName} margin-0`} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="parley-confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId} ref={questionRef} tabIndex={-1} className="parley-confirm__question">
        {question}
      </p>
      <div className="parley-confirm__buttons">
        <button
          type="button"
          className="usa-button usa-button--secondary margin-0"
          disabled={pending}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
        <button
          type="button"
          className="usa-button usa-button--unstyled margin-0"
          disabled={pending}
          onClick={() => {
            returnFocus.current = true;
            setAsking(false);
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
