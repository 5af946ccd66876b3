import { type Cue, cueList } from './cue.ts';

const { cues, add } = cueList();

add('profanity', 1, [
  'fuck(?:s|ed|ing|er)?',
  'shit(?:ty|s)?',
  '(?:bull|horse|dip|chicken|bat)shit',
  'shithead',
  'motherfuck(?:er|ers|ing)?',
  'bastard',
  'bitch',
  'arsehole',
  'asshole',
  'bollocks',
  'piss(?:ed)?',
  'goddamn',
  'damn(?:ed|it)?',
  'bloody (?:hell|long|well|brilliant|idiot|git|stupid|great|good|bastard|mess|typical|obvious|ridiculous|fool|useless|hurts?)',
  'git',
  'bugger(?:ed)?',
  'sod off',
  'wanker',
  'cunt',
]);

add('domesticAbuse', 3, [
  'hit (?:her|him|me) again',
  '(?:beat|hit|slapped) (?:her|him|me)',
  'abusive',
  'abuse(?:d|r)?',
  'bruises (?:he|she) (?:gave|left)',
  'afraid of (?:him|her) coming home',
  'domestic (?:violence|abuse)',
  "he(?:'d| had) hit her",
]);
add('selfHarm', 3, [
  'self-?harm',
  'cut (?:herself|himself|myself)',
  'cutting (?:herself|himself|myself)',
  'razor (?:blade )?(?:against|across|to) (?:her|his|my) (?:wrist|arm|skin|thigh)',
  'burned (?:herself|himself|myself)',
  'the scars on (?:her|his|my) (?:wrists?|arms?)',
]);
add('suicide', 3, [
  'suicid(?:e|al)',
  'kill(?:ed)? (?:herself|himself|myself|themselves)',
  'end(?:ed)? (?:it all|her life|his life|my life)',
  'took (?:her|his) own life',
  'overdos(?:e|ed)',
  'hang(?:ed)? (?:herself|himself|myself)',
  'want(?:ed)? to die',
]);
// Drugs taken, each a different sign. Not `she snorted` (a laugh), `a Coke`, `knee joint`, `high on
// adrenaline`, `her pills` (medicine) or `ecstasy` (a feeling): those words say drugs only with what they take.
add('drugs', 2, [
  'heroin',
  'cocaine',
  'meth(?:amphetamine)?',
  'crack (?:pipe|cocaine|house)',
  'shot up',
  'shooting up',
  'snort(?:s|ed|ing)? (?:a line|lines|coke|cocaine|heroin|speed|it|the powder|something)',
  'lines? of (?:coke|cocaine|speed)',
  // Not `on speed-dial`.
  '(?:did|doing|do|on) (?:coke|speed|drugs|meth|heroin|acid|ecstasy|molly|pills)(?!-)',
  'high on (?:coke|drugs|pills|something|weed|meth|heroin|ecstasy|acid|pot)',
  'stoned(?! to death)',
  '(?:smok|roll|light|lit|pass|shar|toke)\\w* (?:a|the|another|his|her|their) joint',
  'joint (?:between|to|from|back)',
  'weed',
  'junkies?',
  'needle in (?:her|his|my) arm',
  'popp(?:ed|ing) pills',
  '(?:took|take|taking|dropped) (?:ecstasy|acid|lsd|molly|pills)',
  'lsd',
  // Not medicine at work: `drug trial forms`, `the drug companies`, `a drug interaction`.
  'drug(?:s|ged)?(?! (?:trials?|companies|company|reps?|interactions?|formulary|regimens?)\\b)',
]);
add('bdsm', 2, [
  'safe ?word',
  'collar(?:ed)?',
  'bdsm',
  'dominant',
  'submissive',
  'dom',
  'sub',
  'flogger',
  'riding crop',
  // A whip used on someone or the marks it leaves; not the wind that `whips around` them, a `whip-smart`
  // mind or a party's whip.
  'whip(?:s|ped|ping)? (?:him|me|you|them)(?! (?:around|round|back|up|out|off)\\b)',
  // `whipped her` as the clause ends, not `whipped her head around`.
  'whip(?:s|ped|ping)? her(?=[.,;!?"”…—]|\\s+(?:until|again|with|hard|harder)\\b)',
  '(?:leather|horsehair) whips?',
  'bull ?whips?',
  'whip[- ]?marks',
  'manacle(?:s|d)',
  // Not `kinky hair`.
  'kinky(?! (?:hair|curls|locks))',
  'bondage',
  'spank(?:ed|ing)?',
  'tied (?:her|him|me) to the bed',
  'handcuffed to the (?:bed|headboard)',
  'on (?:her|his|your|my) knees',
  'good girl',
  'good boy',
  'yes,? (?:sir|master|mistress)',
]);
add('torture', 3, [
  // Not `why torture himself?`, worrying at something, said of oneself.
  'tortur(?:e|ed|ing)(?! (?:himself|herself|myself|yourself|themselves|ourselves)\\b)',
  'interrogat(?:ed|ion) (?:with|under)',
  'pulled out (?:his|her) (?:nails|fingernails|teeth)',
  // Someone branded, not a brand (`team-branded t-shirt`, `tracksuits branded as Team Australia`): the
  // verb said of whom or with what, or at the clause's end (`branded, screaming`).
  '(?<!-)branded(?= (?:him|her|them|me|you|us|with|into|across|on (?:his|her|their|my|your))\\b|[.,;!?"”…—])',
]);

add('slur', 1, ['fag(?:got)?s?', 'dyke']);

export const LANGUAGE_AND_WARNING_CUES: readonly Cue[] = cues;
