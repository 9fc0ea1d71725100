/**
 * `model-studio <argv>` in this process, then one JSON line with its memory: for the preview test,
 * which must see the CLI's own resident memory, not the test runner's.
 */
import { main } from '../../../src/cli/main';

const rssBefore = process.memoryUsage().rss;

void (async () => {
  const lines: string[] = [];
  const t0 = performance.now();
  const code = await main(process.argv.slice(2), { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: process.cwd() });
  const ms = performance.now() - t0;
  const rssAfter = process.memoryUsage().rss;
  // resourceUsage reports kilobytes: the peak over the whole process, module loading included.
  const maxRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ code, ms, rssBefore, rssAfter, maxRss, output: lines.join('\n').slice(0, 4000) })}\n`);
  process.exit(0);
})();
