import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time used so far by the process or thread of a /proc stat file (`/proc/<pid>/stat`,
 * `/proc/self/task/<tid>/stat`): utime + stime, in ms, at the kernel's 10 ms clock tick.
 */
export function procCpuMs(statFile: string): number {
  // Fields after the command name (which may hold spaces) start at state, the 3rd; utime is the 14th.
  const fields = readFileSync(statFile, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time used so far by each thread of this process, ms, by thread id. */
export function threadCpuMs(): Map<string, number> {
  const used = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      used.set(tid, procCpuMs(`/proc/self/task/${tid}/stat`));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return used;
}
