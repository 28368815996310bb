import { describe, expect, it } from 'vitest';
import { t } from '../../src/ui/i18n';

describe('t() with the English fallback', () => {
  it('substitutes placeholders literally, whatever the value contains', () => {
    expect(t('cardShowAllFacts', 7)).toBe('Show all 7 facts');
    expect(t('cardNotThisTitle', 'A $& B $$ C')).toBe('Stop highlighting A $& B $$ C on this site');
  });
});
