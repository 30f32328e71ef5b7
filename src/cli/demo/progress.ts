/**
 * Demo progress: on a terminal one line redrawn in place (\r); otherwise (a pipe, a CI
 * log) a line each time another 10% is done, so logs stay short.
 */
export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  update(done: number, booked: number, failed: number): void;
  end(): void;
}

const BAR_WIDTH = 30;

export function createProgress(total: number, sink: ProgressSink): Progress {
  const tty = sink.isTTY === true;
  let lastDecile = 0;
  let lastLine = '';
  return {
    update(done, booked, failed) {
      if (tty) {
        const filled = Math.round((done / total) * BAR_WIDTH);
        const line = `\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total}  booked ${booked}  failed ${failed}`;
        if (line !== lastLine) sink.write(line);
        lastLine = line;
        return;
      }
      const decile = Math.floor((done * 10) / total);
      if (decile > lastDecile) {
        lastDecile = decile;
        sink.write(`progress ${decile * 10}%: ${done}/${total} done (booked ${booked}, failed ${failed})\n`);
      }
    },
    end() {
      if (tty) sink.write('\n');
    },
  };
}
