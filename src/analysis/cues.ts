import { CONSENT_AND_AGE_CUES } from './cues/consent-and-age.ts';
import { COURTSHIP_CUES } from './cues/courtship.ts';
import type { Cue } from './cues/cue.ts';
import { LANGUAGE_AND_WARNING_CUES } from './cues/language-and-warnings.ts';
import { SEX_CUES } from './cues/sex.ts';
import { VIOLENCE_CUES } from './cues/violence.ts';

/** Every cue the rating and warnings look for, each vocabulary in its own file under `cues/`. */
export const CUES: readonly Cue[] = [
  ...SEX_CUES,
  ...VIOLENCE_CUES,
  ...CONSENT_AND_AGE_CUES,
  ...LANGUAGE_AND_WARNING_CUES,
  ...COURTSHIP_CUES,
];
