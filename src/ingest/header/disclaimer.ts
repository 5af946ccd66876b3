const DISCLAIMER_CUES =
  /\b(?:(?:do|does|did)(?: not|n['’]t) own|not mine|belongs? to|(?:is|are) the property of|property of|no (?:copyright )?infringement|no profit|not making (?:any )?money|owned by|all rights reserved|copyright)\b/i;

// Dialogue: `"It's not mine," Willow said.` and `The sword belongs to her, Buffy said.` are story, not disclaimers.
const DIALOGUE_CUES =
  /^\s*["“'‘]|[,!?]["”]|\b(?:said|says|asked|asks|whispered|replied|muttered|shouted|thought)\b/i;

/** A paragraph that only says who owns the characters. */
export function isDisclaimerParagraph(text: string): boolean {
  return text.length < 800 && DISCLAIMER_CUES.test(text) && !DIALOGUE_CUES.test(text);
}
