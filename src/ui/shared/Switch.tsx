import { useId } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

interface SwitchProps {
  /** The accessible name; keep it short and stable (tests and screen readers rely on it). */
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  /** Extra explanation, announced after the name. */
  description?: ComponentChildren;
}

/** A native checkbox with the switch role, so Space toggles it and forms semantics come for free. */
export function Switch({ label, checked, onChange, disabled = false, description }: SwitchProps) {
  const descriptionId = useId();
  return (
    <div class={`switch${disabled ? ' switch--disabled' : ''}`}>
      <label class="switch__row">
        <span class="switch__label">{label}</span>
        <input
          type="checkbox"
          role="switch"
          class="switch__control"
          checked={checked}
          disabled={disabled}
          aria-describedby={description ? descriptionId : undefined}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
      </label>
      {description ? (
        <p id={descriptionId} class="switch__description">
          {description}
        </p>
      ) : null}
    </div>
  );
}
