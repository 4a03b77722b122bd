/**
 * Where a build's time goes, for its progress output: wall time per named step, and the process's CPU time (worker
 * threads included) and peak memory. Reported once at the end; `npm run bench:scale` reads the line.
 */
import { performance } from "node:perf_hooks"

export interface Stopwatch {
  /** closes the current step under this name */
  readonly lap: (step: string) => void
  /** `timing: 12.3 s wall, 20.1 s CPU; list 0.1 s, tables 10.2 s, …; peak memory 512 MB` */
  readonly report: () => string
}

export const startStopwatch = (): Stopwatch => {
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  let last = t0
  const laps: Array<[string, number]> = []
  return {
    lap: (step) => {
      const now = performance.now()
      laps.push([step, now - last])
      last = now
    },
    report: () => {
      const cpu = process.cpuUsage(cpu0)
      const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
      return `timing: ${s(performance.now() - t0)} wall, ${s((cpu.user + cpu.system) / 1000)} CPU; ${laps.map(([n, ms]) => `${n} ${s(ms)}`).join(", ")}; peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`
    }
  }
}
