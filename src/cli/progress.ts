/**
 * A progress line on stderr for long runs: shown only on a terminal, never in
 * CI, and only once a run has taken about a second. It redraws at most ten
 * times a second and erases itself before anything else is printed.
 */
export class Progress {
  private readonly started = Date.now();
  private shown = false;
  private lastDraw = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly enabled: boolean,
  ) {}

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.started < 1000 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.shown = true;
    this.stream.write(`\r\x1b[2Kdockerfile-codemod: ${done}/${total} files`);
  }

  clear(): void {
    if (!this.shown) return;
    this.shown = false;
    this.stream.write('\r\x1b[2K');
  }
}
