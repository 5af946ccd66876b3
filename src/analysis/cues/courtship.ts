import { type Cue, cueList } from './cue.ts';

const { cues, add } = cueList();

// Romance as real fans also write it, beside the kisses in sex.ts: British snogging, making out, lovemaking
// named without the past tense, a mouth on someone's, a proposal. Each joins the two people in the scene as
// a kiss does (see `DECISIVE` in relationships.ts). Only the rating's kiss count reads `romance` cues, and
// that by `kiss`: these leave the rating alone.
add('romance', 1, [
  'snog(?:s|ged|ging)?',
  // Not `made out of wood`, `made out the shape`: making out with someone, or as the clause's end.
  '(?:made|make|makes|making) out (?:with (?:her|him|me|you|each other))',
  '(?:made|making) out(?=[.,;!?"”…—])',
  '(?:make|makes) love',
  // A mouth that meets someone, as `lips` in sex.ts.
  'mouths? (?:on|against|over|met|found|covered|claimed|captured) (?:his|her|hers|him|mine|my|yours|your|each other)',
  'marry me',
  'will you marry',
  "(?:we'll|we will|we should|let's|let us|wanna|want to) get married",
]);

export const COURTSHIP_CUES: readonly Cue[] = cues;
