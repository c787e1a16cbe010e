// Preloaded (node --require) into a measured child only when /usr/bin/time is missing: on exit,
// writes the process's peak RSS (KiB) and CPU time (ms) to the file named by BENCH_RSS_FILE.
"use strict";
const { writeFileSync } = require("node:fs");

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    writeFileSync(target, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs }));
  });
}
