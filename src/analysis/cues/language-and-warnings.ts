import { type Cue, cueList } from './cue.ts';

const { cues, add } = cueList();

add('profanity', 1, [
  'fuck(?:s|ed|ing|er)?',
  'shit(?:ty|s)?',
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
add('drugs', 2, [
  'heroin',
  'cocaine',
  'coke',
  'meth',
  'crack pipe',
  'shot up',
  'shooting up',
  'snort(?:ed|ing)?',
  'high on',
  'stoned',
  'joint',
  'weed',
  'junkie',
  'needle in (?:her|his|my) arm',
  'pills',
  'ecstasy',
  'lsd',
  'drug(?:s|ged)?',
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
  'tortur(?:e|ed|ing)',
  'interrogat(?:ed|ion) (?:with|under)',
  'pulled out (?:his|her) (?:nails|fingernails|teeth)',
  'branded',
]);

add('slur', 1, ['fag(?:got)?s?', 'dyke']);

export const LANGUAGE_AND_WARNING_CUES: readonly Cue[] = cues;
