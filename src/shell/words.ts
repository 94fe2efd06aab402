/** A word of a command as the shell reader gives it. */
export interface Word {
  /** The word after quote removal and expansion; undefined when it depends on something unknown. */
  value: string | undefined;
  /** The word as written. */
  raw: string;
  /** Document span of the word, where the script maps onto the document one to one. */
  start?: number;
  end?: number;
}
