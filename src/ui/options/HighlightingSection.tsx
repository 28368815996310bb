import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { CATEGORIES, ENTITY_KINDS, KIND_CATEGORY, type Category } from '@/src/core/pack/schema';
import {
  DEFAULT_COLORS,
  DEFAULT_SETTINGS,
  HIGHLIGHT_ENGINES,
  HIGHLIGHT_STYLES,
  type HighlightEngineChoice,
  type HighlightStyle,
  type Settings,
  type SettingsChange,
} from '@/src/core/settings';
import { t, type MessageKey } from '@/src/ui/i18n';
import { CategoryDot } from '@/src/ui/shared/CategoryDot';
import { categoryLabel, kindLabel } from '@/src/ui/shared/labels';
import { Switch } from '@/src/ui/shared/Switch';

export interface SettingsFormProps {
  /** The settings shown. */
  settings: Settings;
  /** Asks for a change; it is applied to the stored settings when saved (see `SettingsChange`). */
  onChange: (change: SettingsChange) => void;
}

const ENGINE_LABELS: Record<HighlightEngineChoice, MessageKey> = {
  auto: 'optionsEngineAuto',
  'css-highlight': 'optionsEngineCssHighlight',
  mark: 'optionsEngineMark',
};

const STYLE_LABELS: Record<HighlightStyle, MessageKey> = {
  underline: 'optionsStyleUnderline',
  dotted: 'optionsStyleDotted',
  background: 'optionsStyleBackground',
};

export const HOVER_DELAY_MIN_MS = 0;
export const HOVER_DELAY_MAX_MS = 2000;

function kindsIn(category: Category): string {
  return ENTITY_KINDS.filter((kind) => KIND_CATEGORY[kind] === category)
    .map((kind) => kindLabel(kind))
    .join(', ');
}

function sameColors(a: Record<Category, string>, b: Record<Category, string>): boolean {
  return CATEGORIES.every((category) => a[category].toLowerCase() === b[category].toLowerCase());
}

export function HighlightingSection({ settings, onChange }: SettingsFormProps) {
  const styleGroupId = useId();
  return (
    <section class="card" aria-labelledby="highlighting-title">
      <h2 id="highlighting-title" class="card__title">
        {t('highlightingTitle')}
      </h2>
      <div class="card__body">
        <Switch
          label={t('switchEverywhere')}
          description={t('optionsEverywhereHint')}
          checked={settings.enabled}
          onChange={(enabled) => onChange((current) => ({ ...current, enabled }))}
        />

        <fieldset class="field-group">
          <legend class="field-group__legend">{t('optionsCategoriesLegend')}</legend>
          <ul class="category-rows">
            {CATEGORIES.map((category) => (
              <li key={category} class="category-row">
                <CategoryDot category={category} color={settings.colors[category]} />
                <div class="category-row__switch">
                  <Switch
                    label={categoryLabel(category)}
                    description={kindsIn(category)}
                    checked={settings.categories[category]}
                    onChange={(on) => onChange((current) => ({ ...current, categories: { ...current.categories, [category]: on } }))}
                  />
                </div>
                <input
                  type="color"
                  class="color-input"
                  aria-label={t('optionsCategoryColour', categoryLabel(category))}
                  value={settings.colors[category]}
                  onChange={(event) => {
                    const color = event.currentTarget.value;
                    onChange((current) => ({ ...current, colors: { ...current.colors, [category]: color } }));
                  }}
                />
              </li>
            ))}
          </ul>
          <button
            type="button"
            class="button"
            disabled={sameColors(settings.colors, DEFAULT_COLORS)}
            onClick={() => onChange((current) => ({ ...current, colors: { ...DEFAULT_COLORS } }))}
          >
            {t('optionsResetColours')}
          </button>
        </fieldset>

        <fieldset class="field-group" aria-describedby={`${styleGroupId}-hint`}>
          <legend class="field-group__legend">{t('optionsStyleLegend')}</legend>
          <p id={`${styleGroupId}-hint`} class="field-hint">
            {t('optionsStyleHint')}
          </p>
          <div class="style-options">
            {HIGHLIGHT_STYLES.map((style) => (
              <label key={style} class="style-option">
                <input
                  type="radio"
                  name={`${styleGroupId}-style`}
                  value={style}
                  checked={settings.highlightStyle === style}
                  onChange={() => onChange((current) => ({ ...current, highlightStyle: style }))}
                />
                <span>{t(STYLE_LABELS[style])}</span>
                <span
                  class={`style-sample style-sample--${style}`}
                  style={{ '--sample-color': settings.colors.places }}
                  aria-hidden="true"
                >
                  Tartus
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset class="field-group" aria-describedby={`${styleGroupId}-engine-hint`}>
          <legend class="field-group__legend">{t('optionsEngineLegend')}</legend>
          <p id={`${styleGroupId}-engine-hint`} class="field-hint">
            {t('optionsEngineHint')}
          </p>
          {HIGHLIGHT_ENGINES.map((engine) => (
            <label key={engine} class="radio-option">
              <input
                type="radio"
                name={`${styleGroupId}-engine`}
                value={engine}
                checked={settings.highlightEngine === engine}
                onChange={() => onChange((current) => ({ ...current, highlightEngine: engine }))}
              />
              <span>{t(ENGINE_LABELS[engine])}</span>
            </label>
          ))}
        </fieldset>

        <HoverDelayField settings={settings} onChange={onChange} />

        <Switch
          label={t('optionsFirstMention')}
          description={t('optionsFirstMentionHint')}
          checked={settings.firstMentionOnly}
          onChange={(firstMentionOnly) => onChange((current) => ({ ...current, firstMentionOnly }))}
        />
      </div>
    </section>
  );
}

function isValidHoverDelay(value: string): boolean {
  const ms = Number(value);
  return value.trim() !== '' && Number.isInteger(ms) && ms >= HOVER_DELAY_MIN_MS && ms <= HOVER_DELAY_MAX_MS;
}

function HoverDelayField({ settings, onChange }: SettingsFormProps) {
  const id = useId();
  // The box keeps what is typed, even when invalid: an out-of-range value stays on screen, flagged and
  // explained, until the reader fixes it (reverting it on leaving would drop it without a word).
  const [text, setText] = useState(String(settings.hoverDelayMs));
  const invalid = !isValidHoverDelay(text);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Not while the reader types: each valid value typed is saved, and the saves' echoes (an
    // earlier value, 12 while 1234 is being typed) would overwrite the box. Nor over an invalid
    // value the reader has yet to fix (the message says which delay is in use meanwhile).
    if ((input.current && input.current === document.activeElement) || invalid) return;
    setText(String(settings.hoverDelayMs));
  }, [settings.hoverDelayMs]);

  function onInput(value: string) {
    setText(value);
    // Nothing is saved while the value is out of range: the stored delay stays as it was.
    if (!isValidHoverDelay(value)) return;
    const ms = Number(value);
    if (ms !== settings.hoverDelayMs) onChange((current) => ({ ...current, hoverDelayMs: ms }));
  }

  return (
    <div class="field">
      <label for={id} class="field__label">
        {t('optionsHoverDelay')}
      </label>
      <p id={`${id}-hint`} class="field-hint">
        {t('optionsHoverDelayHint', DEFAULT_SETTINGS.hoverDelayMs)}
      </p>
      <div class="field__row">
        <input
          ref={input}
          id={id}
          type="number"
          class="number-input"
          min={HOVER_DELAY_MIN_MS}
          max={HOVER_DELAY_MAX_MS}
          step={50}
          inputMode="numeric"
          value={text}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${id}-hint ${id}-error` : `${id}-hint`}
          onInput={(event) => onInput(event.currentTarget.value)}
          onBlur={() => {
            // A valid value shows as stored (an echo skipped while typing); an invalid one stays to be fixed.
            if (!invalid) setText(String(settings.hoverDelayMs));
          }}
        />
        <span class="muted">{t('optionsMilliseconds')}</span>
      </div>
      {/* Always in the page, so that screen readers announce the message when it appears. */}
      <p id={`${id}-error`} class="field-error" aria-live="polite">
        {invalid ? t('optionsHoverDelayError', HOVER_DELAY_MIN_MS, HOVER_DELAY_MAX_MS, settings.hoverDelayMs) : ''}
      </p>
    </div>
  );
}
