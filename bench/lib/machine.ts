/**
 * How busy the machine is. Other work on a 2-core machine (a test suite, a build) changes absolute
 * times a lot, so before each page the benchmark waits, up to a limit, until the CPUs are quiet, and
 * records how busy they were.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { sleep } from './page-tools';

interface CpuTimes {
  idle: number;
  total: number;
}

function cpuTimes(): CpuTimes | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { idle, total: fields.reduce((sum, value) => sum + value, 0) };
  } catch {
    return null;
  }
}

/** Fraction of all CPU time (0–1) spent busy over `windowMs`; null where /proc/stat is missing. */
export async function cpuBusy(windowMs = 1000): Promise<number | null> {
  const before = cpuTimes();
  await sleep(windowMs);
  const after = cpuTimes();
  if (!before || !after || after.total === before.total) return null;
  return 1 - (after.idle - before.idle) / (after.total - before.total);
}

export interface QuietResult {
  /** Busy fraction of the last sample. */
  busy: number | null;
  waitedMs: number;
  /** The machine stayed busy for the whole wait. */
  busyAnyway: boolean;
}

/** Waits until the CPUs are below `threshold` busy (our browsers are idle then), at most `maxWaitMs`. */
export async function waitForQuiet(threshold = 0.3, maxWaitMs = 120_000): Promise<QuietResult> {
  const started = Date.now();
  let busy = await cpuBusy();
  while (busy !== null && busy > threshold && Date.now() - started < maxWaitMs) busy = await cpuBusy();
  return { busy, waitedMs: Date.now() - started, busyAnyway: busy !== null && busy > threshold };
}

interface ProcessTimes {
  ppid: number;
  ticks: number;
}

function processTable(): Map<number, ProcessTimes> {
  const table = new Map<number, ProcessTimes>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return table;
  }
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command may contain spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended meanwhile.
    }
  }
  return table;
}

function ownProcesses(table: Map<number, ProcessTimes>): Set<number> {
  const own = new Set<number>([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, entry] of table) {
      if (!own.has(pid) && own.has(entry.ppid)) {
        own.add(pid);
        grew = true;
      }
    }
  }
  return own;
}

/**
 * Measures how much CPU other processes (not this one or its browsers) used between `start()` and
 * `stop()`, as a fraction of all cores. Processes that started and ended in between are missed.
 */
export function otherCpuMeter(): { stop(): number | null } {
  const ticksPerSecond = 100;
  const before = processTable();
  const started = Date.now();
  return {
    stop() {
      const after = processTable();
      const elapsedS = (Date.now() - started) / 1000;
      if (after.size === 0 || elapsedS <= 0) return null;
      const own = ownProcesses(after);
      let ticks = 0;
      for (const [pid, entry] of after) {
        if (own.has(pid)) continue;
        ticks += entry.ticks - (before.get(pid)?.ticks ?? entry.ticks);
      }
      return ticks / ticksPerSecond / elapsedS / Math.max(1, cpus().length);
    },
  };
}
