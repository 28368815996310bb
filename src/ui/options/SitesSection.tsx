import { useId, useState } from 'preact/hooks';
import { withSiteEnabled } from '@/src/core/settings';
import type { SettingsFormProps } from './HighlightingSection';
import { parseSiteInput } from './hostname';

export function SitesSection({ settings, onChange }: SettingsFormProps) {
  const id = useId();
  const [input, setInput] = useState('');
  const [error, setError] = useState('');

  function addSite(event: Event) {
    event.preventDefault();
    const parsed = parseSiteInput(input);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    if (settings.disabledSites.includes(parsed.site)) {
      setError(`${parsed.site} is already in the list.`);
      return;
    }
    setError('');
    setInput('');
    onChange(withSiteEnabled(settings, parsed.site, false));
  }

  const sites = settings.disabledSites;
  return (
    <section class="card" aria-labelledby="sites-title">
      <h2 id="sites-title" class="card__title">
        Sites
      </h2>
      <div class="card__body">
        <p class="field-hint">Gloss stays off on these sites. You can also switch a site off from the toolbar popup.</p>
        {sites.length === 0 ? (
          <p class="sites__empty muted">No sites yet: Gloss highlights on every site.</p>
        ) : (
          <ul class="sites" aria-label="Sites where highlighting is off">
            {sites.map((site) => (
              <li key={site} class="sites__item">
                <span class="sites__name">{site}</span>
                <button
                  type="button"
                  class="button button--small"
                  aria-label={`Remove ${site}`}
                  onClick={() => onChange(withSiteEnabled(settings, site, true))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <form class="sites__add" onSubmit={addSite} noValidate>
          <label for={id} class="field__label">
            Add a site
          </label>
          <div class="field__row">
            <input
              id={id}
              type="text"
              class="text-input"
              inputMode="url"
              autoComplete="off"
              autoCapitalize="none"
              spellcheck={false}
              placeholder="example.com"
              value={input}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onInput={(event) => {
                setInput(event.currentTarget.value);
                if (error) setError('');
              }}
            />
            <button type="submit" class="button">
              Add
            </button>
          </div>
          {error ? (
            <p id={`${id}-error`} class="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      </div>
    </section>
  );
}
