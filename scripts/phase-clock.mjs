// How long a phase of the test run took, on the clock and in CPU: the CPU of the child
// processes that have ended (Linux's /proc/self/stat, cutime + cstime; their own children
// included once waited for), so that a log shows where the time goes and whether the
// machine's cores were busy or waiting. Elsewhere the CPU is left out.
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function childCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // The fields after the command's closing parenthesis start at the 3rd (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[16 - 3]) + Number(fields[17 - 3])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Starts a clock; its `lap()` says "in 12 s (CPU 20 s)" since the start. */
export function phaseClock() {
  const start = Date.now();
  const cpu = childCpuSeconds();
  return {
    lap() {
      const seconds = Math.round((Date.now() - start) / 1000);
      const now = childCpuSeconds();
      return cpu === null || now === null
        ? `in ${seconds} s`
        : `in ${seconds} s (CPU of its processes ${Math.round(now - cpu)} s)`;
    },
  };
}
