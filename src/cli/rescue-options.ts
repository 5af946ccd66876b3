/** The options every `quire rescue` reading command takes. */
export interface CommonOptions {
  data?: string;
  name: string;
  sheet?: string;
  skip?: string;
  report?: string;
  pack: string[];
}
