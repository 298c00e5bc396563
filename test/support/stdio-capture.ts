type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

/**
 * Records everything written to `process.stdout` and `process.stderr` while it is started, and (unless `echo` is
 * off) still writes it through, so a leak is both detected and visible in the test output.
 */
export class StdioCapture {
  /** Whether captured writes also reach the terminal; a test planting data on purpose turns this off. */
  echo = true;
  private readonly chunks: string[] = [];
  private restore: (() => void) | undefined;

  start(): void {
    if (this.restore) return;
    const streams = [process.stdout, process.stderr];
    const originals = streams.map((stream) => stream.write);
    streams.forEach((stream, index) => {
      const original = originals[index].bind(stream) as Write;
      const capture: Write = (chunk, ...rest) => {
        this.chunks.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
        return this.echo ? original(chunk, ...rest) : true;
      };
      stream.write = capture;
    });
    this.restore = () =>
      streams.forEach((stream, index) => {
        stream.write = originals[index];
      });
  }

  stop(): void {
    this.restore?.();
    this.restore = undefined;
  }

  text(): string {
    return this.chunks.join('');
  }
}
