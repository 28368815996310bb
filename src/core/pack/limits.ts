/** Limits of a knowledge pack that other parts of Gloss rely on (kept apart from the schema, which content scripts do not load). */

/** The longest alias: settings keep a spelling hidden with "Not this" (see HIDDEN_TERM_PATTERN), and keep it short. */
export const MAX_ALIAS_LENGTH = 200;
