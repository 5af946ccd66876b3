import { type Cue, cueList } from './cue.ts';

const { cues, add } = cueList();

// Force and refusal: with sexual cues, non-consent.
add('force', 3, [
  'rap(?:e|ed|ing|ist)',
  // Not `forced himself to calm down`, `forced her way through the crowd`.
  'forced (?:himself|herself) (?:on|onto|into) (?:her|him)',
  'forced (?:her|him)(?! to\\b| out\\b| back\\b| away\\b| through\\b| open\\b)',
  'against (?:her|his|my) will',
  'held (?:her|him|me) down',
  'pinned (?:her|him|me) (?:down|to)',
  'pinned (?:her|his|my) (?:wrists|arms)',
  '(?:her|him|me) pinned (?:down|to|against)',
  "couldn[’']?t (?:fight|push|get) (?:him|her) off",
  "didn[’']?t consent",
  'without (?:her|his|my) consent',
  'non-?consensual',
  'drugged',
  'tore (?:her|his) clothes',
  'struggl(?:ed|ing) (?:against|beneath|under)',
  // Not an `assault rifle`, `an assault on the senses` or a `full-on assault` on a building.
  '(?<!full-on )assault(?:ed)?(?! (?:rifles?|weapons?|course|team|teams|troops|on (?:the|his|her|my|your|their) senses)\\b)',
  // Not `violated his privacy` or `six cultural taboos`.
  'violated (?:her|him|me)(?! (?:privacy|trust|rights|space|sense))',
  'took (?:her|him) anyway',
  // Not "didn't stop" inside a sentence, which consensual scenes say as often ("and didn't stop until..."):
  // the flat sentence that follows a refusal, or not stopping when asked to.
  "didn[’']?t stop[.!]",
  "didn[’']?t stop (?:when|even when|though|after) (?:she|he|i|they) (?:said|asked|begged|cried|screamed|told)",
]);
add('refusal', 2, [
  '["“]no[,.!]?["”]?',
  "no,? (?:please|stop|don[’']?t)",
  "please (?:stop|don[’']?t)",
  'stop,? please',
  'begged (?:him|her) to stop',
  '(?:said|screamed|cried|whimpered|sobbed) no',
  "didn[’']?t want (?:this|it|to)",
  'tried to (?:push|pull) away',
  'crying',
  'sobbed',
]);

// Stated ages under 18 and school settings: with sexual cues, a minor.
add('minorAge', 3, [
  '(?:1[0-7]|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)[- ]years?[- ]old',
  "(?:she|he|i) (?:was|is|am|'m|’m) (?:only |just |barely )?(?:1[0-7]|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)\\b",
  'only (?:1[0-7]|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)\\b',
  'under ?age',
  'minor',
  '(?:thirteenth|fourteenth|fifteenth|sixteenth|seventeenth) birthday',
]);
add('school', 1, [
  'high school',
  'homework',
  'sophomore',
  'freshman',
  'junior year',
  'ninth grade',
  'tenth grade',
  'fifth year',
  'fourth year',
  'third year',
  'first year',
  'second year',
  'classroom',
  'detention',
  'prom',
]);

export const CONSENT_AND_AGE_CUES: readonly Cue[] = cues;
