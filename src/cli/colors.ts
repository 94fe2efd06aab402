/**
 * Colour on a terminal only: --color/--no-color decide; otherwise NO_COLOR
 * (any non-empty value) turns it off, FORCE_COLOR (not 0) turns it on, and a
 * terminal on the stream turns it on. picocolors does the escaping.
 */
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export function colorsFor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): Colors {
  let on: boolean;
  if (flag !== undefined) on = flag;
  else if (env.NO_COLOR) on = false;
  else if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') on = true;
  else on = isTTY && env.TERM !== 'dumb';
  return pc.createColors(on);
}

/** Colours a unified diff by line: headers bold, hunks cyan, removals red, additions green. */
export function colorDiff(diff: string, c: Colors): string {
  if (!c.isColorSupported) return diff;
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('diff --git') || line.startsWith('--- ') || line.startsWith('+++ '))
        return c.bold(line);
      if (line.startsWith('@@')) return c.cyan(line);
      if (line.startsWith('-')) return c.red(line);
      if (line.startsWith('+')) return c.green(line);
      return line;
    })
    .join('\n');
}
