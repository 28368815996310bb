/**
 * Chrome tracing of one tab, and what the benchmark reads from it.
 *
 * The trace has every main-thread task of the renderer (RunTask), the content script's evaluation
 * (EvaluateScript with its chrome-extension:// URL), callbacks with their script URL (FunctionCall),
 * user-timing marks with both their trace time and their performance.now() time (so page times map
 * onto the trace), and the V8 sampling profiler's stacks. A task is Gloss's when a profiler sample
 * inside it has a frame from the extension's scripts, or when it evaluates or calls into them:
 * continuations of `await scheduler.yield()` and of settings/messaging promises run as microtasks
 * with no URL of their own, so the stacks are the only way to tell them apart from outside.
 */
import type { CDPSession } from 'playwright-core';
import { CONTENT_SCRIPT_FILES } from '../../src/content/lazy-scripts';

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'disabled-by-default-v8.cpu_profiler',
];

const KEPT_EVENTS = new Set([
  'RunTask',
  'EvaluateScript',
  'v8.compile',
  'FunctionCall',
  'TimerFire',
  'Profile',
  'ProfileChunk',
  // Which frame is the tab's top document (the content script also runs in its frames).
  'TracingStartedInBrowser',
  'FrameCommittedInBrowser',
  // Which threads are renderers' main threads (frames of other sites run in processes of their own).
  'thread_name',
]);

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread time of a complete event, µs: its duration without the time the thread was descheduled. */
  tdur?: number;
  id?: string;
  args?: {
    data?: {
      url?: string;
      startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
      [key: string]: unknown;
    };
    [key: string]: unknown;
  };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number; columnNumber?: number };
}

/** Records a trace of everything the browser does while it runs; keeps only the events used here. */
export class Tracer {
  readonly #cdp: CDPSession;
  #events: TraceEvent[] = [];
  #complete: Promise<void> | null = null;

  constructor(cdp: CDPSession) {
    this.#cdp = cdp;
    cdp.on('Tracing.dataCollected', (event) => {
      for (const item of event.value as unknown as TraceEvent[]) {
        if (KEPT_EVENTS.has(item.name) || item.cat.includes('blink.user_timing')) this.#events.push(item);
      }
    });
  }

  async start(): Promise<void> {
    this.#events = [];
    this.#complete = new Promise((resolve) => this.#cdp.once('Tracing.tracingComplete', () => resolve()));
    await this.#cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: TRACE_CATEGORIES },
    } as never);
  }

  async stop(): Promise<TraceEvent[]> {
    if (!this.#complete) throw new Error('Tracing was not started');
    await this.#cdp.send('Tracing.end');
    await this.#complete;
    this.#complete = null;
    return this.#events;
  }
}

export interface MainThreadTask {
  /** Trace time, microseconds. */
  start: number;
  end: number;
  durMs: number;
  /** The task's thread time, ms (less than `durMs` when the thread waited for a core). */
  threadMs: number;
  /** Profiler time inside the task in frames from the extension, ms. */
  glossJsMs: number;
  /** The task evaluates the content script or calls one of its callbacks (timers, listeners). */
  extensionCall: boolean;
  evaluatesContentScript: boolean;
  /** A timer fired in the task (Gloss's throttled state report and mutation batches are timers). */
  timer: boolean;
  gloss: boolean;
}

export interface TraceAnalysis {
  pid: number;
  tid: number;
  tasks: MainThreadTask[];
  /** Trace time of performance.now() = 0 in the page (from a user-timing mark), µs. */
  timeOrigin: number | null;
  /** User-timing marks on the page's thread: name → trace times (µs). Includes Gloss's own. */
  marks: Map<string, number[]>;
  /** The content script's evaluation: trace start time (µs), duration and compile time (ms). */
  contentScript: { start: number; durMs: number; compileMs: number } | null;
  profile: Profile | null;
  /**
   * Gloss's work on the main threads of other renderer processes (the page's frames of other sites,
   * each site in a process of its own), ms: their tasks that evaluate or call the extension's scripts.
   */
  elsewhereMs: number;
}

export interface Profile {
  nodes: Map<number, ProfileNode>;
  /** Sample times (µs) and node ids, in order. */
  times: number[];
  ids: number[];
  /** Whether a node or one of its callers is in the extension's scripts. */
  inExtension(id: number): boolean;
}

/**
 * Reads the tab's main thread out of a trace. `anchorMark` is a user-timing mark the page made
 * (its thread is the tab's main thread); `extensionId` attributes work to Gloss.
 */
export function analyzeTrace(events: TraceEvent[], anchorMark: string, extensionId: string | null): TraceAnalysis {
  const anchor = events.find((event) => event.name === anchorMark && event.cat.includes('blink.user_timing'));
  if (!anchor) throw new Error(`The trace has no "${anchorMark}" mark: cannot tell which thread is the page's`);
  const { pid, tid } = anchor;
  const prefix = extensionId ? `chrome-extension://${extensionId}/` : null;
  const onThread = events.filter((event) => event.pid === pid && event.tid === tid);
  const startTime = anchor.args?.data?.startTime;
  const timeOrigin = typeof startTime === 'number' ? anchor.ts - startTime * 1000 : null;

  const marks = new Map<string, number[]>();
  for (const event of onThread) {
    // performance.mark() is an instant event; navigation timing ('R') and measures are not marks.
    if (!event.cat.includes('blink.user_timing') || (event.ph !== 'I' && event.ph !== 'i')) continue;
    const list = marks.get(event.name) ?? [];
    list.push(event.ts);
    marks.set(event.name, list);
  }

  const tasks: MainThreadTask[] = outermostRunTasks(onThread).map((task) => ({
    start: task.ts,
    end: task.ts + (task.dur ?? 0),
    durMs: (task.dur ?? 0) / 1000,
    threadMs: (task.tdur ?? task.dur ?? 0) / 1000,
    glossJsMs: 0,
    extensionCall: false,
    evaluatesContentScript: false,
    timer: false,
    gloss: false,
  }));
  const taskAt = (ts: number) => taskContaining(tasks, ts);

  for (const event of onThread) {
    if (event.name !== 'TimerFire') continue;
    const task = taskAt(event.ts);
    if (task) task.timer = true;
  }

  let contentScript: TraceAnalysis['contentScript'] = null;
  const topFrame = topFrameOf(events);
  if (prefix) {
    for (const event of onThread) {
      const url = event.args?.data?.url;
      if (typeof url !== 'string' || !url.startsWith(prefix)) continue;
      if (event.name === 'EvaluateScript') {
        const task = taskAt(event.ts);
        if (task) task.evaluatesContentScript = task.extensionCall = true;
        // Injection is the top document's content script: frames of the page (ads, embeds) load
        // on their own schedule and can get theirs hundreds of milliseconds earlier. Gloss's frame
        // probe (entrypoints/frame-probe.ts) is evaluated just before it (its task counts as Gloss's).
        const frame = event.args?.data?.frame;
        if (topFrame !== null && frame !== topFrame) continue;
        // The stand-in extensions (reference-extensions.ts) name their content script as Gloss's build does.
        if (!url.endsWith(CONTENT_SCRIPT_FILES.script)) continue;
        if (!contentScript || event.ts < contentScript.start) {
          const compile = onThread.find(
            (other) => other.name === 'v8.compile' && other.ts >= event.ts && other.ts <= event.ts + (event.dur ?? 0),
          );
          contentScript = { start: event.ts, durMs: (event.dur ?? 0) / 1000, compileMs: (compile?.dur ?? 0) / 1000 };
        }
      } else if (event.name === 'FunctionCall') {
        const task = taskAt(event.ts);
        if (task) task.extensionCall = true;
      }
    }
  }

  const profile = readProfile(events, pid, prefix);
  if (profile) {
    for (let index = 0; index < profile.ids.length; index++) {
      if (!profile.inExtension(profile.ids[index]!)) continue;
      const time = profile.times[index]!;
      const task = taskAt(time);
      if (!task) continue;
      const next = profile.times[index + 1] ?? task.end;
      task.glossJsMs += (Math.min(next, task.end) - time) / 1000;
    }
  }
  for (const task of tasks) task.gloss = task.extensionCall || task.glossJsMs > 0;
  return { pid, tid, tasks, timeOrigin, marks, contentScript, profile, elsewhereMs: workElsewhere(events, pid, tid, prefix) };
}

/**
 * Time of the tasks that run the extension's scripts on renderer main threads other than the page's:
 * that evaluate or call them, or (continuations of their promises, as on the page's thread) that the
 * profiler finds in them.
 */
function workElsewhere(events: TraceEvent[], pagePid: number, pageTid: number, prefix: string | null): number {
  if (!prefix) return 0;
  const thread = (event: TraceEvent) => `${event.pid}:${event.tid}`;
  const rendererMains = new Set(
    events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain' && !(event.pid === pagePid && event.tid === pageTid)).map(thread),
  );
  let total = 0;
  for (const key of rendererMains) {
    const onThread = events.filter((event) => thread(event) === key);
    const times = onThread
      .filter((event) => (event.name === 'EvaluateScript' || event.name === 'FunctionCall') && String(event.args?.data?.url ?? '').startsWith(prefix))
      .map((event) => event.ts);
    const profile = readProfile(events, onThread[0]!.pid, prefix);
    if (profile) times.push(...profile.times.filter((_, index) => profile.inExtension(profile.ids[index]!)));
    times.sort((a, b) => a - b);
    // Tasks and times both in order: one pass.
    let next = 0;
    for (const task of outermostRunTasks(onThread)) {
      const end = task.ts + (task.dur ?? 0);
      while (next < times.length && times[next]! < task.ts) next++;
      if (next < times.length && times[next]! <= end) total += (task.dur ?? 0) / 1000;
    }
  }
  return total;
}

/** One thread's tasks in time order; nested RunTask events (a nested run loop) would count twice, so only the outermost. */
function outermostRunTasks(onThread: TraceEvent[]): TraceEvent[] {
  const raw = onThread.filter((event) => event.name === 'RunTask' && event.ph === 'X' && typeof event.dur === 'number').sort((a, b) => a.ts - b.ts);
  const outer: TraceEvent[] = [];
  for (const task of raw) {
    const last = outer.at(-1);
    if (last && task.ts < last.ts + (last.dur ?? 0)) continue;
    outer.push(task);
  }
  return outer;
}

/** The id of the tab's outermost main frame, or null if the trace does not say. */
function topFrameOf(events: TraceEvent[]): string | null {
  for (const event of events) {
    const data = event.args?.data;
    if (event.name === 'FrameCommittedInBrowser' && data?.isOutermostMainFrame === true && typeof data.frame === 'string') return data.frame;
    if (event.name === 'TracingStartedInBrowser' && Array.isArray(data?.frames)) {
      for (const frame of data.frames as { frame?: unknown; isOutermostMainFrame?: unknown }[]) {
        if (frame.isOutermostMainFrame === true && typeof frame.frame === 'string') return frame.frame;
      }
    }
  }
  return null;
}

function readProfile(events: TraceEvent[], pid: number, prefix: string | null): Profile | null {
  const head = events.find((event) => event.name === 'Profile' && event.pid === pid);
  if (!head || typeof head.args?.data?.startTime !== 'number') return null;
  const nodes = new Map<number, ProfileNode>();
  const times: number[] = [];
  const ids: number[] = [];
  let time = head.args.data.startTime;
  for (const chunk of events) {
    if (chunk.name !== 'ProfileChunk' || chunk.pid !== pid || chunk.id !== head.id) continue;
    const data = chunk.args?.data;
    for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    for (let index = 0; index < samples.length; index++) {
      time += deltas[index] ?? 0;
      times.push(time);
      ids.push(samples[index]!);
    }
  }
  const memo = new Map<number, boolean>();
  const inExtension = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = nodes.get(id);
    let result = false;
    if (node && prefix) result = (node.callFrame.url ?? '').startsWith(prefix) || (node.parent !== undefined && inExtension(node.parent));
    memo.set(id, result);
    return result;
  };
  // Samples are not always in time order across chunks; order them.
  const order = times.map((_, index) => index).sort((a, b) => times[a]! - times[b]!);
  return { nodes, times: order.map((index) => times[index]!), ids: order.map((index) => ids[index]!), inExtension };
}

/** The task running at trace time `ts` (tasks sorted by start, not overlapping). */
export function taskContaining(tasks: readonly MainThreadTask[], ts: number): MainThreadTask | undefined {
  let low = 0;
  let high = tasks.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const task = tasks[mid]!;
    if (ts < task.start) high = mid - 1;
    else if (ts > task.end) low = mid + 1;
    else return task;
  }
  return undefined;
}

/** Page time (performance.now(), ms) → trace time (µs). */
export function toTraceTime(analysis: TraceAnalysis, pageMs: number): number | null {
  return analysis.timeOrigin === null ? null : analysis.timeOrigin + pageMs * 1000;
}

export interface FunctionCost {
  name: string;
  selfMs: number;
  totalMs: number;
}

/** Where Gloss's profiled time went, by function (inclusive and self), between two trace times. */
export function profileSummary(analysis: TraceAnalysis, from = -Infinity, to = Infinity, top = 25): FunctionCost[] {
  const profile = analysis.profile;
  if (!profile) return [];
  const label = (node: ProfileNode) => {
    const file = (node.callFrame.url ?? '').split('/').pop() ?? '';
    const name = node.callFrame.functionName || '(anonymous)';
    const short = name.length > 60 ? name.slice(0, 57) + '...' : name;
    return file ? `${short} ${file}:${(node.callFrame.lineNumber ?? 0) + 1}` : short;
  };
  const costs = new Map<string, FunctionCost>();
  const cost = (name: string) => {
    let entry = costs.get(name);
    if (!entry) costs.set(name, (entry = { name, selfMs: 0, totalMs: 0 }));
    return entry;
  };
  for (let index = 0; index < profile.ids.length; index++) {
    const time = profile.times[index]!;
    if (time < from || time > to) continue;
    const id = profile.ids[index]!;
    if (!profile.inExtension(id)) continue;
    const task = taskContaining(analysis.tasks, time);
    if (!task) continue;
    const next = Math.min(profile.times[index + 1] ?? task.end, task.end);
    const ms = (next - time) / 1000;
    const seen = new Set<string>();
    let first = true;
    for (let node = profile.nodes.get(id); node; node = node.parent === undefined ? undefined : profile.nodes.get(node.parent)) {
      const name = label(node);
      if (name.startsWith('(root)')) continue;
      if (first) cost(name).selfMs += ms;
      first = false;
      if (!seen.has(name)) cost(name).totalMs += ms;
      seen.add(name);
    }
  }
  return [...costs.values()].sort((a, b) => b.totalMs - a.totalMs).slice(0, top);
}
