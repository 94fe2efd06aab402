/** Cheap tests of a Dockerfile's raw text that transforms use as their `applies()` screen. */

/** Can the text hold a cache mount at all? A cache mount needs a `--mount` flag with `type=cache`. */
export function mayHaveCacheMount(text: string): boolean {
  return text.includes('--mount') && /type=["']?cache/i.test(text);
}
