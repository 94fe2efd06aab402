/**
 * Where the command's main output goes: standard output, or the `--output`
 * file. A streaming output (JSON Lines) goes out as it is written, to the file
 * too, and a write waits while a slow reader of standard output catches up, so
 * nothing piles up in memory. Any other output for a file is kept and written
 * at once when the run ends.
 */
import * as fs from 'node:fs';

export class OutputSink {
  private readonly chunks: string[] = [];
  private fd: number | undefined;
  private error: string | undefined;
  private closed = false;

  constructor(
    private readonly stdout: NodeJS.WritableStream,
    /** The `--output` file (absolute), or undefined for standard output. */
    private readonly file: string | undefined,
    private readonly streaming: boolean,
  ) {}

  /** Writes a piece of output; the promise, when there is one, settles once the reader has taken it. */
  write(s: string): Promise<void> | undefined {
    if (this.file === undefined) return this.toStdout(s);
    if (!this.streaming) {
      this.chunks.push(s);
      return undefined;
    }
    if (this.error !== undefined) return undefined;
    try {
      this.fd ??= fs.openSync(this.file, 'w');
      fs.writeSync(this.fd, s);
    } catch (e) {
      this.error = (e as Error).message;
    }
    return undefined;
  }

  private toStdout(s: string): Promise<void> | undefined {
    if (this.closed || this.stdout.write(s)) return undefined;
    const stdout = this.stdout;
    return new Promise((resolve) => {
      const done = () => {
        stdout.removeListener('drain', done);
        stdout.removeListener('error', failed);
        stdout.removeListener('close', failed);
        resolve();
      };
      // A reader that went away takes nothing more.
      const failed = () => {
        this.closed = true;
        done();
      };
      stdout.once('drain', done);
      stdout.once('error', failed);
      stdout.once('close', failed);
    });
  }

  /** Finishes the file (standard output needs nothing); the reason it could not be written, if any. */
  end(): string | undefined {
    if (this.file === undefined) return undefined;
    try {
      if (!this.streaming) fs.writeFileSync(this.file, this.chunks.join(''));
      // A stream that wrote nothing still leaves its (empty) file.
      else if (this.error === undefined) this.fd ??= fs.openSync(this.file, 'w');
    } catch (e) {
      this.error ??= (e as Error).message;
    }
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    return this.error;
  }
}
