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

/** A list of cues and the function that adds a vocabulary to it, one pattern per cue. */
export function cueList(): { cues: Cue[]; add: (kind: CueKind, weight: number, patterns: string[]) => void } {
  const cues: Cue[] = [];
  return {
    cues,
    add: (kind, weight, patterns) => {
      for (const pattern of patterns) cues.push({ kind, pattern, weight });
    },
  };
}
