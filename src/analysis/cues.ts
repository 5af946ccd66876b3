/**
 * Cue vocabularies for rating and warnings. Each cue is a regular-expression source matched on word
 * boundaries, case-insensitively, with a weight: how much one occurrence says on its own.
 * Kept as data so a reviewer can read what the detector looks for.
 */
export type CueKind =
  | 'sexExplicit'
  | 'sexImplied'
  | 'romance'
  | 'violenceGraphic'
  | 'violence'
  | 'death'
  | 'force'
  | 'refusal'
  | 'minorAge'
  | 'school'
  | 'profanity'
  | 'slur'
  | 'domesticAbuse'
  | 'selfHarm'
  | 'suicide'
  | 'drugs'
  | 'bdsm'
  | 'torture'
  | 'platonic';

export interface Cue {
  kind: CueKind;
  pattern: string;
  weight: number;
}

const cues: Cue[] = [];
function add(kind: CueKind, weight: number, patterns: string[]): void {
  for (const pattern of patterns) cues.push({ kind, pattern, weight });
}

// Graphic sexual vocabulary: a passage with several of these is explicit.
add('sexExplicit', 3, [
  // Not `cocks his head`, `cocked an eyebrow`, `cocked the gun`.
  'cocks?(?! (?:his|her|their|my|your|its|one|an?|the) (?:head|eyebrow|brow|hip|gun|pistol|rifle|hat|ear))',
  'cunts?',
  'clit(?:oris)?',
  'pussy',
  'dicks? (?:inside|in her|in him|in his|into)',
  'erections?',
  'hard-?on',
  'orgasm(?:s|ed|ing)?',
  'climax(?:ed|ing)',
  'ejaculat\\w*',
  'semen',
  'cum(?:ming|med|s)?',
  // Not `come inside, it's cold`.
  'come (?:inside (?:me|her|him|you)|in me|in her|in him|on (?:my|his|her|your) (?:face|chest|stomach|belly|tongue|thighs?))',
  // Not `came inside the house`, `came with a bag`, `came into the room`.
  'came (?:inside (?:me|her|him|you)|in (?:her|him|me)|all over (?:his|her|my|your)|with a (?:cry|groan|moan|shout|gasp|sob|whimper|grunt))',
  'blow ?jobs?',
  'went down on',
  'fuck(?:ed|ing)? (?:her|him|me|you|them|each other) (?:hard|harder|deep|deeper|slow|slowly|senseless|into)',
  'fucked (?:her|him|me|you|them|each other)',
  'fucking (?:her|him|me|you|them|each other)',
  'thrust(?:s|ed|ing)? (?:into|inside|deep|deeper|hard|harder)',
  'inside (?:her|him) (?:to the hilt|fully|completely)',
  'spread (?:her|his|my) (?:legs|thighs)',
  // Not `get on his ass`, `made her entrance`, `the length of`: those words say sex only in a sex scene.
  '(?:his|her|my) (?:shaft|folds|slit)',
  'sucked (?:him|his|her) (?:off|cock|nipple|clit)',
  'licked (?:her|his) (?:folds|slit|clit|cock|nipples?)',
  'fingers? (?:inside|into) (?:her|him)',
  'nipples?',
  'wet heat',
  'penetrat(?:ed|ing) (?:her|him|me)',
  'masturbat\\w*',
  'stroked (?:his|her) (?:cock|length|shaft|clit)',
  'rode (?:him|her) (?:hard|harder|faster)',
  'lube',
  'moan(?:ed|ing)? (?:his|her) name',
  'let (?:him|her|me) come',
  'found (?:her|him) wet',
  'came (?:with (?:his|her) (?:name|mouth|hand|fingers)|in (?:his|her|my) (?:mouth|hand))',
  '(?:hard|wet) and (?:leaking|aching|dripping)',
  'strok(?:ed|ing) (?:him|her) (?:slowly|fast|faster|rough|hard|off)',
  'wrapped around (?:his|her) (?:cock|length|shaft)',
  'swallowed (?:around )?(?:him|his cock)',
  '(?:she|he|i) came (?:apart|again|undone|hard)',
  '(?:pushed|slid|sank|eased) (?:into|inside) (?:her|him|me)',
  '(?:met|matched) (?:every|each) thrust',
  'freed (?:his|her) (?:cock|erection)',
  'her wet (?:heat|folds|cunt|pussy)',
  '(?:his|her) hips (?:rolled|bucked|jerked|stuttered)',
  'made (?:him|her|me) come',
  'rode (?:him|her)',
]);

// Sex that happens without graphic vocabulary: Mature.
// Words that say sex happened, however briefly.
add('sexImplied', 3, [
  'made love',
  'making love',
  'slept together',
  'slept with (?:her|him|me)',
  'had sex',
  'having sex',
]);
add('sexImplied', 2, [
  'sex',
  'naked',
  'undress(?:ed|ing)?',
  'stripped (?:her|him|off)',
  'her breasts?',
  'his bare chest',
  '(?:her|his) bare skin',
  'moan(?:s|ed|ing)?',
  'gasp(?:ed)? (?:his|her) name',
  'into (?:the )?bed together',
  'between (?:her|his) (?:legs|thighs)',
  'aroused',
  'arousal',
  'lust',
  'tangled sheets',
  'afterglow',
]);

// Romantic interaction between the people in a scene: what makes a relationship tag. A kiss on the forehead
// or the top of the head is what parents and friends give.
add('romance', 1, [
  'kiss(?:ed|es|ing)?(?! (?:(?:her|his|my|your|the) (?:forehead|brow|hair)|the top of (?:her|his|my|your) head|(?:her|him|me|you) on the (?:forehead|brow|top of the head)))',
  'love (?:you|her|him)',
  'loved (?:her|him)',
  'in love',
  'lovers?',
  'caress(?:ed|ing)?',
  'held (?:her|him) close',
  'cuddl(?:e|ed|ing)',
  'snuggl(?:e|ed)',
  'his hand in hers',
  'her hand in his',
  'hands? (?:entwined|intertwined)',
  'nuzzl(?:e|ed)',
  'flirt(?:ed|ing)?',
  'touched (?:her|his) (?:face|cheek|hair)',
  'lips',
  'boyfriend',
  'girlfriend',
  'husband',
  'wife',
  'wedding',
  'married',
  'date',
  'dating',
  'embrace(?:d)?',
  'blush(?:ed|ing)?',
  'darling',
  'sweetheart',
  'desire',
  'longing',
  'tender(?:ly)?',
]);

add('platonic', 1, [
  'friends?',
  'friendship',
  'best friend',
  'like a sister',
  'like a brother',
  'hugged',
  'laughed together',
  'mentor',
  'teammates?',
  'partners? in crime',
]);

// Graphic violence: gore described, not just fighting.
add('violenceGraphic', 3, [
  'entrails',
  'intestines',
  'guts (?:spilled|spilling|hanging)',
  'gutted',
  'disembowel\\w*',
  'eviscerat\\w*',
  'sever(?:ed|ing)',
  'decapitat\\w*',
  'behead(?:ed|ing)?',
  'skull (?:cracked|caved|shattered|split|crushed)',
  'caved in (?:his|her) skull',
  'brains? (?:matter|spattered|splattered|leaking)',
  'blood (?:sprayed|spraying|spurted|spurting|gushed|gushing|fountained|splattered|spattered|poured)',
  'spray of blood',
  'pool of blood',
  'bones? (?:snapped|snapping|cracked|crunched|splintered|broke)',
  'snapped (?:his|her) neck',
  'slit (?:his|her|their) throat',
  'throat (?:torn|ripped|slashed|cut)',
  'tore (?:out )?(?:his|her) throat',
  'ripped (?:out )?(?:his|her) throat',
  'gore',
  'dismember\\w*',
  'mutilat\\w*',
  'flesh (?:tore|ripped|torn|ripping|parted|split)',
  'gouged',
  'eyeballs?',
  'bled out',
  'bleeding out',
  'shot (?:him|her) in the (?:head|face|chest|stomach|gut)',
  'stabbed (?:him|her) (?:again|repeatedly|over and over)',
  'knife (?:sank|slid|plunged) into',
  'blood everywhere',
  'covered in blood',
  'fla(?:y|yed|ying)',
  'flayed',
  'tendons?',
  '(?:wet|glistening|exposed|raw) (?:muscle|flesh|bone|meat)',
  'skin (?:came away|peeled|tore|split|sloughed)',
  'peel(?:ed|ing)? (?:his|her|the) skin',
  'blood (?:was |were )?(?:welling|dripping|running|streaming|pouring|poured|soaked|soaking|everywhere|gushing|gushed|in sheets|burst|bursting|spurting|spurted|spraying|sprayed|fountaining)',
  'in spurts',
  'half (?:a|his|her) (?:spine|face|head|skull)',
  '(?:fangs|teeth) (?:sank|tore|ripped) into',
  'gout',
  'arterial',
  'wet red',
  '(?:torn|ripped) (?:open|apart|in half)',
  '(?:shattered|crushed|broken) (?:bones?|skull|jaw|ribs|spine)',
  'bone (?:showed|jutted|poked|through)',
  'bullet (?:tore|ripped|punched|inched|pushed)',
  'shot (?:him|her) (?:through|in) the (?:heart|head|chest|throat)',
  'bled to death',
  'organs',
  'viscera',
  'maggots',
  'drenched in blood',
  'soaked in blood',
]);

add('violence', 1, [
  'blood(?:y|ied)?',
  'fight(?:s|ing)?',
  'fought',
  'punch(?:ed|es)?',
  'kick(?:ed)?',
  'stabbed',
  'stab',
  'stake(?:d)?',
  'dust(?:ed)?',
  'sword',
  'knife',
  'gun',
  'shot',
  'wound(?:ed|s)?',
  'bruis(?:e|ed|es)',
  'slammed',
  'hurt',
  'pain',
  'kill(?:ed|ing)?',
  'attack(?:ed)?',
  'scream(?:ed)?',
  'bit(?:e|ten)',
  'fangs',
]);

// Death: a named character within the window makes it a character's death.
add('death', 2, [
  "(?:she|he)['’]s gone(?! to| out| home| back| for| away| off| up| down| in| with| now| again)",
  "(?:wasn['’]t|isn['’]t|not) breathing",
  'no heartbeat',
  "didn['’]t take another",
  '(?:breathed|drew) (?:her|his) last',
  "(?:was|is|'s|’s) dead",
  'killed (?:her|him|them)',
  'what was left of',
  'dead body',
  'the body',
  'stopped moving',
  'never moved again',
  'died',
  'dies',
  'dead',
  'death',
  'killed',
  'funeral',
  'grave(?:stone|side)?',
  'coffin',
  'buried',
  'stopped breathing',
  'no pulse',
  'last breath',
  '(?:his|her) body',
  'corpse',
  'dusted',
  'turned to dust',
  'exploded into dust',
  'murdered',
  'never woke',
  'passed away',
  'rest in peace',
  'mourn(?:ed|ing)?',
  'lifeless',
]);

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
  'assault(?:ed)?',
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

export const CUES: readonly Cue[] = cues;
