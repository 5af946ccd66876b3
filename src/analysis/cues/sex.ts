import { type Cue, cueList } from './cue.ts';

const { cues, add } = cueList();

/** People moan; `aging metal moaning`, `the wind moaned` do not say sex. */
const PEOPLE_MOAN =
  '(?<!(?:metal|wind|engines?|pipes|floorboards?|hull|timbers?|trees?|house|ship|door|hinges?) )';

// Graphic sexual vocabulary: a passage with several of these is explicit.
add('sexExplicit', 3, [
  // Not `cocks his head`, `cocked an eyebrow`, `cocked the gun`, a rifle's `shoulder-cock`, a `cock-up`.
  '(?<!-)cocks?(?!-)(?! (?:his|her|their|my|your|its|one|an?|the) (?:head|eyebrow|brow|hip|gun|pistol|rifle|hat|ear))',
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
  // Not the Latin `with` of `trainer cum translator`, `kitchen-cum-library`, `magna cum laude`.
  '(?<!\\b\\w+(?:er|or|ist|ian|ant|room|house|hall|shop|office|bar|club|friend) )(?<!-)cum(?!-)(?! laude)',
  'cum(?:ming|med|s)',
  // Not `come inside, it's cold`.
  'come (?:inside (?:me|her|him|you)|in me|in her|in him|on (?:my|his|her|your) (?:face|chest|stomach|belly|tongue|thighs?))',
  // Not `came inside the house`, `came with a bag`, `came into the room`.
  'came (?:inside (?:me|her|him|you)|in (?:her|him|me)|all over (?:his|her|my|your)|with a (?:cry|groan|moan|shout|gasp|sob|whimper|grunt))',
  'blow ?jobs?',
  // Not `went down on one knee`, `went down on her hands`.
  'went down on (?:him|her|me|you|each other)',
  'fuck(?:ed|ing)? (?:her|him|me|you|them|each other) (?:hard|harder|deep|deeper|slow|slowly|senseless|into)',
  // Not `fucked him up`, `fucking me over`.
  'fucked (?:her|him|me|you|them|each other)(?! (?:up|over|around)\\b)',
  'fucking (?:her|him|me|you|them|each other)(?! (?:up|over|around)\\b)',
  // Not `thrust deep into his jacket pockets`.
  'thrust(?:s|ed|ing)? (?:into|inside|deep|deeper|hard|harder)(?! (?:into )?(?:his|her|their|my|your|the) (?:\\w+ )?pockets?)',
  // Many fans write in the present tense: `he thrusts`, `she slides into him`, `he comes hard`. Not `thrusts
  // the folder at him`, `thrusts his sword`.
  'thrusts(?! (?:a|an|the|his|her|their|my|your|its) (?:\\w+ )?(?:hands?|arms?|fists?|sword|knife|blade|spear|stake|papers?|folder|file|book|phone|chin|jaw|it|way|pockets?))',
  '(?:pre-?come|precum|prostate)',
  '(?:his|my|your) (?:dick|balls)(?! (?:of|move))',
  'slick(?:s|ed)? (?:him|her|me|himself|herself|myself) up',
  '(?:he|she|i|you) comes? (?:apart|again|undone|hard|first|all over|with a (?:cry|groan|moan|shout|gasp|sob|whimper|grunt))',
  '(?:he|she|i|you) comes?,? (?:shuddering|gasping|groaning|moaning|shaking|crying out)',
  'inside (?:her|him) (?:to the hilt|fully|completely)',
  'spread (?:her|his|my) (?:legs|thighs)',
  // Not `get on his ass`, `made her entrance`, `the length of`: those words say sex only in a sex scene.
  '(?:his|her|my) (?:shaft|folds|slit)',
  'sucked (?:him|his|her) (?:off|cock|nipple|clit)',
  'licked (?:her|his) (?:folds|slit|clit|cock|nipples?)',
  'fingers? (?:inside|into) (?:her|him)',
  // A nipple played with; named alone it is a body (`pasties covering their nipples`, `poking through her
  // shirt`), weighed below with the other words around sex.
  "(?:(?:suck|lick|pinch|tweak|thumb|flick|nipp|tongu|twist|pluck|tug|tugg)(?:s|ed|es|ing|e)?|bit|bites?|biting|teas(?:e|es|ed|ing)|roll(?:s|ed|ing)?|circl(?:e|es|ed|ing)|play(?:s|ed|ing)? with|(?:fingers|thumbs?|tongue|teeth|mouth|lips) (?:around|over|on|across|against)) (?:at )?(?:one of )?(?:her|his|my|your|their|\\w+['’]s|a|one|each|both|the other) nipples?",
  // The wet heat of a mouth or a body, not `a thick, wet heat coming off the Bay`.
  'wet heat (?:of|around) (?:his|her|my|your|their)',
  '(?:into|in) (?:the|his|her|that) wet heat',
  'penetrat(?:ed|ing) (?:her|him|me)',
  'masturbat\\w*',
  'stroked (?:his|her) (?:cock|length|shaft|clit)',
  'rode (?:him|her) (?:hard|harder|faster)',
  'lub(?:e|ed|ricant)',
  // With the same look-behind as the bare word below, so that this longer cue is still tried first.
  `${PEOPLE_MOAN}moan(?:ed|ing)? (?:his|her) name`,
  // Not `let me come talk to you`, `let him come home`: the clause ends on the word.
  'let (?:him|her|me) come(?=[.,;!?"”…—]|\\s+(?:yet|again|first|until|now)\\b)',
  'found (?:her|him) wet',
  'came (?:with (?:his|her) (?:name|mouth|hand|fingers)|in (?:his|her|my) (?:mouth|hand))',
  '(?:hard|wet) and (?:leaking|aching|dripping)',
  'strok(?:ed|ing) (?:him|her) (?:slowly|fast|faster|rough|hard|off)',
  'wrapped around (?:his|her) (?:cock|length|shaft)',
  'swallowed (?:around )?(?:him|his cock)',
  '(?:she|he|i) came (?:apart|again|undone|hard)',
  '(?:push(?:es|ed)|slid(?:es|ing)?|sink(?:s|ing)|sank|eas(?:es|ed|ing)) (?:into|inside) (?:her|him|me)',
  '(?:met|matched) (?:every|each) thrust',
  'freed (?:his|her) (?:cock|erection)',
  'her wet (?:heat|folds|cunt|pussy)',
  '(?:his|her) hips (?:roll|buck|jerk|stutter)(?:s|ed)?',
  'made (?:him|her|me) come(?=[.,;!?"”…—]|\\s+(?:yet|again|first|until|now|so)\\b)',
  'rode (?:him|her)',
  // Someone named rather than `his`: `Kurt's dick`, `Jack's balls`, `Giles's stiff prick`; not `Moby Dick`, not
  // `it's Dick` or `that's Dick` (Dick Grayson). It starts at the `s` after the apostrophe: a cue that starts
  // with a name (`\\w+`) would be tried at every word and slow the scan for every cue.
  "(?<!(?:it|that|there|what|who|here|he|she|let)['’])s (?:hard |stiff |aching |leaking |swollen )?(?:dick|balls|prick)",
  'hard dick',
  // The body part, said as whose it is; not `you prick`.
  '(?:his|my|your) (?:stiff |hard |aching |swollen )?prick',
  // Present tense: `when Mike fucks him`. Not `fucks him up`, `fucks him over`.
  'fucks (?:her|him|me|you|them)(?! (?:up|over|around)\\b)',
  // An erection told without the word: `hard against Jim's stomach`, `obviously hard in his pants`.
  "hard (?:against|in) (?:his|her|my|your|\\w+['’]s) (?:pants|jeans|trousers|boxers|shorts|stomach|belly|hip|thigh)",
  // Oral sex: `suck him off`, `sucked cock`; not `sucked in a breath`.
  'suck(?:s|ed|ing)? (?:him|her|me|you|them) off',
  'suck(?:s|ed|ing)? cock',
  // Coming told in the present tense by what it is like (`he comes long and hard`, `Harold comes wet`), or
  // as the clause's end after `as` (`keels over as he comes,`): not `he comes home`, `as he comes in`.
  '(?:he|she|i|you) comes? (?:long|wet|messily|helplessly|untouched)',
  'comes (?:wet|messily|untouched|long and hard)',
  'as (?:he|she|i|you) comes?(?=[.,;!?"”…—])',
]);

// Sex that happens without graphic vocabulary: Mature.
// Words that say sex happened, however briefly.
add('sexImplied', 3, [
  'made love',
  'making love',
  'slept together',
  'slept with (?:her|him|me)',
  '(?:sleeping|sleeps) with (?:her|him|me|you)',
  // The idiom for having sex, not `tumbled into bed` worn out after a long day.
  '(?:tumbl(?:e|es|ed|ing)|f[ae]ll(?:s|ing)?) into bed (?:together|with (?:her|him|me|you|each other))',
  'had sex',
  'having sex',
  // `When they have sex, it's less frenzied`: told of the couple in narration.
  'have sex',
  'has sex',
  // Touching someone through their clothes: `the bulge in Kumar's jeans`.
  "bulge in (?:his|her|my|your|\\w+['’]s) (?:pants|jeans|trousers|boxers|shorts|briefs)",
]);
add('sexImplied', 2, [
  // Not a kind of person (`the opposite sex`, `same-sex marriage`), a school subject (`sex ed`), or sex as
  // gender (`his sudden sex change`, a `sex-swap` spell).
  '(?<!(?:same|opposite|fair|fairer|gentler|weaker|either|both)[- ])sex(?![- ](?:ed|education|appeal|symbol|offenders?|discrimination|change[ds]?|changing|reassignment|swap(?:s|ped)?)\\b)',
  // Not `the naked eye`.
  'naked(?! eye)',
  // Undressing someone else; undressing oneself (for bed, for a swim) weighs less, below.
  'undress(?:ed|ing)? (?:her|him|me|you|each other)',
  'strip(?:s|ped) (?:her|him|off|the clothes)',
  'her breasts?',
  'nipples?',
  'his bare chest',
  '(?:her|his) bare skin',
  `${PEOPLE_MOAN}moan(?:s|ed|ing)?`,
  'gasp(?:ed)? (?:his|her) name',
  'into (?:the )?bed together',
  // Not `like a puppy with his tail between his legs`.
  '(?<!tail )between (?:her|his) (?:legs|thighs)',
  'aroused',
  // `turned on by House licking his lips`; not `turned on the light`.
  'turned on by',
  'arousal',
  'lust',
  'tangled sheets',
  // The end of a scene told without its vocabulary: `Afterwards they lay tangled in the narrow bed`.
  '(?:afterwards|after),? (?:they|we) lay',
  'lay tangled',
  // Undressing someone else: `pulling Dean's jumper over his head`, `tugged his shirt off`.
  "(?:pull(?:ed|ing)?|tugg(?:ed|ing)|peel(?:ed|ing)?|strip(?:ped|ping)?) (?:\\w+['’]s|his|her) (?:shirt|jumper|sweater|blouse|dress|jeans|trousers|underwear|boxers|knickers) (?:off|over (?:his|her) head)",
  'afterglow',
]);

add('sexImplied', 1, ['undress(?:ed|ing)?']);

// Romantic interaction between the people in a scene: what makes a relationship tag. A kiss on the forehead
// or the top of the head is what parents and friends give. Words for a relationship's standing (`wife`,
// `dating`, `wedding`, `boyfriend`) are not here: a paragraph says them mostly of someone not in the scene
// (`the vendor cheats on his wife`, `You're dating Tara`).
add('romance', 1, [
  'kiss(?:ed|es|ing)?(?! (?:(?:her|his|my|your|the) (?:forehead|brow|hair)|the top of (?:her|his|my|your) head|(?:(?:her|him|me|you) )?on (?:the|her|his|my|your) (?:forehead|brow|hair|top of (?:the|her|his|my|your) head)))',
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
  // Lips that meet someone (`her lips on his`), not `his lips tightened` or fingers pressed to them.
  'lips (?:on|against|met|meet|brushed|brush|found|find|touched|touch|pressed to|claimed|captured) (?:his|her|hers|him|mine|my|yours|your|each other|their)',
  'embrace(?:d)?',
  'blush(?:ed|ing)?',
  'darling',
  'sweetheart',
  'desire',
  'longing',
  'tender(?:ly)?',
]);

// An established couple on the page: quiet domestic intimacy rather than a kiss (a head on his chest, held
// hands, their bed, asleep in her arms, a pet name). Each alone could be comfort between friends, so a pairing
// needs two of them (see relationships.ts); the phrases tie the two people in the scene, not a third.
add('romance', 1, [
  '(?:took|pulled|gathered|drew|wrapped) (?:her|him) (?:in|into) (?:his|her) arms',
  '(?:asleep|slept|sleeping|curled|nestled|lay|lying) in (?:his|her) arms',
  '(?:head|cheek) (?:on|against|pillowed on) (?:his|her) (?:chest|shoulder)',
  'nestl(?:e|ed|es|ing) (?:(?:herself|himself) )?(?:against|into|closer)',
  '(?:held|holding|hold) hands',
  'hand in hand',
  'laced (?:their|her|his) fingers',
  'fingers (?:laced|twined|entwined) (?:with|through)',
  '(?:their|our) bed',
  '(?:in|into) bed (?:with|beside|next to) (?:him|her)',
  'slipped (?:into bed |in )?(?:next to|beside) (?:him|her)',
  '(?:curled|snuggled|tucked) (?:up )?(?:against|into) (?:him|her|his side|her side)',
  'my love',
  // A hand resting on the other one's thigh, not on the hand's owner's own (`his hands on his thighs`).
  "her (?:hands?|fingers|palm)(?: \\w+)?(?: \\w+)?(?: \\w+)? on (?:his|\\w+['’]s) thighs?",
  "his (?:hands?|fingers|palm)(?: \\w+)?(?: \\w+)?(?: \\w+)? on (?:her|\\w+['’]s) thighs?",
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

export const SEX_CUES: readonly Cue[] = cues;
