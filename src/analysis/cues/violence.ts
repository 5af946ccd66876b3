import { type Cue, cueList } from './cue.ts';

const { cues, add } = cueList();

// Graphic violence: gore described, not just fighting.
add('violenceGraphic', 3, [
  'entrails',
  'intestines',
  'guts (?:spilled|spilling|hanging)',
  // Not British `gutted`, very disappointed (`I'm gutted`, `she felt gutted`), nor a fish cleaned.
  "(?<!(?:was|were|is|are|i['’]m|i am|feel|feels|felt|feeling|absolutely|totally|completely|utterly|bit|so|just) )gutted(?! (?:the|a|their|his|her) (?:\\w+ )?(?:fish|trout|salmon|catch|deer|rabbit|chicken|bird))",
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
  // Not `Gore-Tex`.
  'gore(?!-)',
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
  // A tendon torn or laid bare, not `the confluences of tendon and bone` of a back rubbed.
  '(?:torn|severed|exposed|snapped|ripped|cut|sliced) tendons?',
  'tendons? (?:snapped|tore|torn|severed|showed|exposed)',
  // Flesh or bone laid open, not a body admired (`all that raw muscle on display`, `glistening muscle`) nor
  // a butcher's `raw meat`.
  '(?:exposed|raw) (?:flesh|bone)',
  '(?:wet|glistening) bone',
  'exposed muscle',
  'skin (?:came away|peeled|tore|split|sloughed)',
  'peel(?:ed|ing)? (?:his|her|the) skin',
  'blood (?:was |were )?(?:welling|dripping|running|streaming|pouring|poured|soaked|soaking|everywhere|gushing|gushed|in sheets|burst|bursting|spurting|spurted|spraying|sprayed|fountaining)',
  'in spurts',
  'half (?:a|his|her) (?:spine|face|head|skull)',
  '(?:fangs|teeth) (?:sank|tore|ripped) into',
  'gout',
  'arterial',
  'wet red',
  // A body torn open, not `families torn apart`.
  '(?<!(?:famil(?:y|ies)|lives|li(?:fe|ves)|worlds?|hearts?|countr(?:y|ies)|nations?|cit(?:y|ies)) (?:were |was |being |been )?)(?:torn|ripped) (?:open|apart|in half)',
  '(?:shattered|crushed) (?:bones?|skull|jaw|ribs|spine)',
  // A broken bone through the skin, not `a blade of bone jutted up from the sand`.
  'bone (?:showed|jutted|poked|through)(?! up\\b)',
  'bullet (?:tore|ripped|punched|inched|pushed)',
  'shot (?:him|her) (?:through|in) the (?:heart|head|chest|throat)',
  'bled to death',
  // Organs on show, not `his internal organs had been turned into mincemeat` said of a crush.
  'organs (?:spilled|spilling|glistening|exposed|slid|slipped)',
  'viscera',
  'maggots',
  'drenched in blood',
  'soaked in blood',
  // Many fans write in the present tense: `blood sprays`, `the bone snaps`, `she slits his throat`.
  'blood (?:sprays|spurts|gushes|pours|fountains|wells|drips|streams|soaks)',
  'bones? (?:snaps|cracks|crunches|splinters|breaks)',
  'snaps (?:his|her) neck',
  'slits (?:his|her|their) throat',
  '(?:tears|rips) (?:out )?(?:his|her) throat',
  'flesh (?:tears|rips|splits|parts)',
  'skin (?:peels|tears|splits|sloughs)',
  '(?:fangs|teeth) (?:sink|tear|rip) into',
  'bleeds out',
]);

add('violence', 1, [
  // A broken bone is an injury, not gore.
  'broken (?:bones?|ribs?|jaw|arm|leg|wrist|nose)',
  // Not `bloody`: in British speech it is a curse, counted as one where it is (`bloody hell`).
  // Nor blood that rushes to a face or pounds in the ears (a blush, a fright), or `flesh and blood`.
  '(?<!flesh and )blood(?:ied)?(?! (?:type|pressure|sugar|test|tests|bank|drive|donor|orange|oranges|moon|relatives?|brother|brothers|rush|rushes|rushed|rushing|pounding|pounded|pounds|pumping|racing|raced|roaring|roared|singing|sang|thrumming|boiling|ran cold|run cold|runs cold)\\b)',
  // Not `fight a yawn`, `fighting back a smile`, `fighting the urge`: a struggle with oneself.
  'fight(?:s|ing)?(?! (?:(?:back|off) )?(?:an?|the|his|her|my) (?:yawn|smile|grin|laugh|urge|blush|tears|impulse|temptation|cold|flu))(?! (?:back|off) (?:a |the )?(?:yawn|smile|grin|laugh|tears))',
  'fought',
  'punch(?:ed|es)?(?! (?:bowl|line|card|cards|clock))',
  // Not `got a kick out of`.
  '(?<!got a )kick(?:ed)?(?! (?:off|in|back|up|out of)\\b)',
  // Not `stabbed the elevator button`, `a stab of guilt`.
  'stabbed(?! (?:at )?(?:the|a) (?:\\w+ )?(?:button|key|keys|switch)\\b)',
  'stab(?! of\\b)',
  // Not `too much at stake`, `stake a claim`, `stake out`.
  '(?<!at )stake(?:d)?(?! (?:a claim|out)\\b)',
  // A vampire dusted, not `a pile of dust`, `a dust stain`, `the dust of Sunnydale`.
  'dusted',
  '(?:vamp|vampire|demon)[- ]dust',
  '(?:dissolved|exploded|crumbled|burst|turned|went) (?:in)?to dust',
  'sword',
  'knife',
  'gun',
  // Not `a shot of whiskey`, `a shot at it`, `a long shot`; not a look shot at someone (`shot him a glare`,
  // `shot a glance at her`), a head that `shot up`, hair `shot with grey` or a sky `shot through with` green.
  "(?<!(?:long|big|good|best|a|head|hand|eyebrows?|eyes) )shot(?! (?:of|at|glass|glasses|up|through with|with (?:grey|gray|silver|white))\\b)(?! (?:(?:him|her|me|them|us|you|\\w+['’]s?) )?(?:an? )?(?:\\w+ )?(?:look|looks|glance|glances|glare|glares|grin|smile|frown)\\b)",
  // The injury, not the past of `wind`: `wound her arms around him`, `the lane wound down`, `wound up`.
  'wound(?:ed|s)?(?! (?:up|down|around|round|through|along|upward|upwards|off|tight|tighter|tightly|into|its|his|her|their|my|your|a|the)\\b)',
  'bruis(?:e|ed|es)',
  // Not a door, a book or a glass slammed, nor someone `slammed awake`.
  '(?<!doors? )slammed(?! (?:(?:the|a|his|her|their) (?:\\w+ )?(?:door|doors|glass|book|phone|laptop|drawer|cup|mug|receiver|brakes?|lid)|open|shut|awake)\\b)',
  'hurt',
  // Not `a pain in the neck`.
  'pain(?! in the (?:ass|arse|neck|butt|backside))',
  // Not `killing time`, `kill an hour`, `dressed to kill`, `moved in for the kill`, `the mood killed`.
  '(?<!(?:dressed to|in for the) )kill(?:ed|ing)?(?! (?:time|an? (?:hour|afternoon|evening|few)|the (?:mood|lights?|engine|music))\\b)',
  // Not a panic attack or a heart attack.
  '(?<!(?:panic|heart|anxiety|asthma) )attack(?:ed)?',
  'scream(?:ed)?',
  // Not food (`a bite of his burger`, `a bite to eat`) or holding something back (`bite back a smile`, `bit her lip`).
  '(?<!(?:a|one|last|another|first|every|tiny|single|small|big|quick) )bit(?:e|ten)(?! (?:of|to eat|back|(?:his|her|my|your|their) (?:lip|lips|tongue)|(?:it|his|her) back)\\b)',
  'fangs',
]);

// Death: a named character within the window makes it a character's death.
add('death', 2, [
  "(?:she|he)['’]s gone(?! to| out| home| back| for| away| off| up| down| in| with| now| again)",
  "(?:wasn['’]t|isn['’]t|not) breathing",
  'no heartbeat',
  "didn['’]t take another",
  '(?:breathed|drew) (?:her|his) last',
  // Not `dead quiet`, `dead tired`, `dead serious`, `dead on`: an intensifier.
  "(?:was|is|'s|’s) dead(?! (?:quiet|tired|serious|silent|certain|sure|set|right|wrong|on|centre|center|ahead|drunk|asleep|broke|last|easy|simple|boring|still|weight|of (?:night|winter)))",
  'killed (?:her|him|them)',
  'what was left of',
  'dead body',
  'the body',
  'stopped moving',
  'never moved again',
  // Not `the noise died down`, `the fire dies out`.
  'died(?! (?:down|out|away))',
  'dies(?! (?:down|out|away))',
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
  // `"Dead," said Illyria.`: the one-word answer to where someone is.
  '["“]dead[,.!]["”]',
]);

// Signs of a body, each weak alone (`Buffy didn't answer`, `his eyes were open`): death-scene.ts counts
// them only several together, of more than one kind, tied to one named character.
add('death', 1, [
  '(?:skin|hands?|face|cheeks?|fingers|lips|body) (?:was|were|felt|had gone|had grown|went) (?:cold|icy|stiff|waxy)',
  'which was cold',
  "(?:didn['’]t|couldn['’]t|wouldn['’]t|never) (?:just )?(?:answer|get (?:back )?up|wake(?: up)?|stir)",
  'nobody answered',
  "(?:weren['’]t|wasn['’]t) looking at anything",
  'eyes (?:were |still |stayed )?(?:open|empty|glassy|fixed|unseeing|sightless)',
  '(?:please )?(?:get|wake) up[.!]',
  'loose and wrong',
  '(?:went|hung|lay|lying) limp',
  'nothing (?:you|anyone|we|i) could (?:have )?do(?:ne)?',
  "(?:she|he)['’]s been gone",
  'the dead (?:were|lay)',
]);

export const VIOLENCE_CUES: readonly Cue[] = cues;
