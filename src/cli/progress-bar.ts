/** A one-line progress bar on stderr for terminals; silent when stderr is not a terminal (CI, pipes). */
export function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  let last = -1;
  return {
    update(done: number, total: number): void {
      if (!tty || total <= 0) return;
      const percent = Math.min(100, Math.floor((done / total) * 100));
      if (percent === last) return;
      last = percent;
      const filled = Math.round(percent / 4);
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(25 - filled)}] ${percent}%`);
    },
    done(): void {
      if (tty && last >= 0) process.stderr.write('\n');
    },
  };
}
