/**
 * CPU time used by this process's descendants (the Chromium browser, renderer and helper
 * processes Playwright starts), from /proc. On a shared machine wall time includes waiting for a
 * core; CPU time does not, so budgets are checked against it (Linux only; 0 elsewhere).
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export function descendantsCpuMs(root = process.pid): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const d of entries) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      continue;
    }
    // The command name (field 2) may hold spaces and parentheses; fields after the last ')' are fixed.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parent.set(Number(d), Number(rest[1]));
    ticks.set(Number(d), Number(rest[11]) + Number(rest[12]));
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    let p = parent.get(pid);
    for (let hops = 0; p !== undefined && p > 1 && hops < 20; hops++) {
      if (p === root) {
        total += t;
        break;
      }
      p = parent.get(p);
    }
  }
  return (total * 1000) / TICKS_PER_SECOND;
}
