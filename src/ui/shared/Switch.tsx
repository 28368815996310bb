import { useId } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

interface SwitchProps {
  /** The accessible name; keep it short and stable (tests and screen readers rely on it). */
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  /** Operable, but has no effect for now (another switch overrides it): drawn muted, whatever its position. */
  paused?: boolean;
  /** Extra explanation, announced after the name. */
  description?: ComponentChildren;
  /** Language of the label when it is not the interface's (a pack title, say). */
  labelLang?: string;
}

/**
 * A native checkbox with the switch role, so Space toggles it and form semantics come for free.
 * The whole row is clickable; the name comes from the label text alone so the description
 * does not leak into it.
 */
export function Switch({ label, checked, onChange, disabled = false, paused = false, description, labelLang }: SwitchProps) {
  const id = useId();
  return (
    <label class={`switch${disabled ? ' switch--disabled' : ''}${paused && !disabled ? ' switch--paused' : ''}`}>
      <span class="switch__text">
        <span id={`${id}-label`} class="switch__label" lang={labelLang}>
          {label}
        </span>
        {description ? (
          <span id={`${id}-description`} class="switch__description">
            {description}
          </span>
        ) : null}
      </span>
      <input
        type="checkbox"
        role="switch"
        class="switch__control"
        checked={checked}
        disabled={disabled}
        aria-labelledby={`${id}-label`}
        aria-describedby={description ? `${id}-description` : undefined}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
    </label>
  );
}
