/**
 * Form helpers that always pair a control with a visible <label>, an optional hint and an error
 * message wired through aria-describedby, so no control ever goes unlabelled.
 */
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { shell as t } from '@/lib/strings-shell';

export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  required: boolean | undefined;
}

export interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  /** Label beside the control instead of above it. */
  inline?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

export function Field({ label, hint, error, required, inline = false, className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', inline ? 'field--inline' : '', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
        {required ? <span className="field__required">{t.components.requiredMark}</span> : null}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, required })}
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type FieldCommon = Pick<FieldProps, 'label' | 'hint' | 'error' | 'required' | 'inline' | 'className'>;

export function TextField({ label, hint, error, required, inline, className, ...input }: FieldCommon & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <Field label={label} hint={hint} error={error} required={required} inline={inline} className={className}>
      {(c) => <input className="input" type="text" {...input} {...c} />}
    </Field>
  );
}

export function TextAreaField({ label, hint, error, required, inline, className, ...area }: FieldCommon & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  return (
    <Field label={label} hint={hint} error={error} required={required} inline={inline} className={className}>
      {(c) => <textarea className="input textarea" rows={3} {...area} {...c} />}
    </Field>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}
export interface SelectGroup {
  group: string;
  options: SelectOption[];
}

export function SelectField({
  label,
  hint,
  error,
  required,
  inline,
  className,
  options,
  ...select
}: FieldCommon & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { options: ReadonlyArray<SelectOption | SelectGroup> }) {
  return (
    <Field label={label} hint={hint} error={error} required={required} inline={inline} className={className}>
      {(c) => (
        <select className="input select" {...select} {...c}>
          {options.map((o) =>
            'group' in o ? (
              <optgroup key={`g:${o.group}`} label={o.group}>
                {o.options.map((x) => (
                  <option key={x.value} value={x.value} disabled={x.disabled}>
                    {x.label}
                  </option>
                ))}
              </optgroup>
            ) : (
              <option key={o.value} value={o.value} disabled={o.disabled}>
                {o.label}
              </option>
            ),
          )}
        </select>
      )}
    </Field>
  );
}
