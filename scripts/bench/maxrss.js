// Preloaded with `node --require` when /usr/bin/time is missing: writes the
// process's peak resident set size (KiB) and CPU time to $BENCH_MAXRSS_FILE
// on exit, in the words of `/usr/bin/time -v`, which the harness reads.
'use strict';
const fs = require('node:fs');

const file = process.env.BENCH_MAXRSS_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    const lines = [
      `User time (seconds): ${(u.userCPUTime / 1e6).toFixed(3)}`,
      `System time (seconds): ${(u.systemCPUTime / 1e6).toFixed(3)}`,
      `Maximum resident set size (kbytes): ${u.maxRSS}`,
    ];
    try {
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
    } catch {
      // The measurement is lost; the harness reports it as missing.
    }
  });
}
