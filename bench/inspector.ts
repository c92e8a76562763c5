/**
 * A minimal client of the V8 inspector protocol (Chrome DevTools Protocol over a WebSocket) for
 * the benches: reads what the heap of a server child holds without any hook in the application.
 * The child is started with `--inspect=127.0.0.1:0`; it prints "Debugger listening on ws://…" on
 * stderr, which `inspectorUrl` picks from its output lines.
 */
import WsModule from 'ws';
import { within } from './processes.js';

/** The part of `ws`'s client used here (types/ws.d.ts declares the module without types: @types/ws is not installed). */
interface Socket {
  once(event: 'open' | 'error', fn: (err?: Error) => void): void;
  on(event: 'message', fn: (data: Buffer) => void): void;
  on(event: 'close', fn: () => void): void;
  send(data: string): void;
  close(): void;
}
const WebSocket = WsModule as new (url: string, options: { perMessageDeflate: boolean; maxPayload: number }) => Socket;

export const INSPECT_FLAG = '--inspect=127.0.0.1:0';

/** The ws:// URL of "Debugger listening on ws://…" in `line`, if any. */
export function inspectorUrl(line: string): string | null {
  const m = /Debugger listening on (ws:\/\/\S+)/.exec(line);
  return m ? m[1]! : null;
}

/** `process.memoryUsage()` of the inspected process, in bytes. */
export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface Inspector {
  /** Sends one protocol command and resolves with its result (rejects on a protocol error or after `ms`). */
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>, ms?: number): Promise<T>;
  /** `process.memoryUsage()` evaluated in the inspected process (no GC first). */
  memoryUsage(): Promise<MemoryUsage>;
  /** Two full garbage collections (`HeapProfiler.collectGarbage`), then `process.memoryUsage()`. */
  afterGc(): Promise<MemoryUsage>;
  /**
   * The bytes of every live `WebAssembly.Memory` (PGlite's PostgreSQL runs in one): found with
   * `Runtime.queryObjects` on its prototype, so the application needs no hook. A WebAssembly
   * memory only grows, so this is also its peak so far.
   */
  wasmMemory(): Promise<number>;
  /** A heap snapshot (`HeapProfiler.takeHeapSnapshot`), as the JSON text of a .heapsnapshot file. */
  heapSnapshot(): Promise<string>;
  close(): void;
}

export async function connectInspector(url: string, timeoutMs = 30_000): Promise<Inspector> {
  const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 2 ** 30 });
  await within(
    new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    }),
    timeoutMs,
    `inspector at ${url}`,
  );
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, (params: Record<string, unknown>) => void>();
  socket.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString('utf8')) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
      method?: string;
      params?: Record<string, unknown>;
    };
    if (msg.id !== undefined) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(`inspector: ${msg.error.message}`));
      else p?.resolve(msg.result);
    } else if (msg.method) listeners.get(msg.method)?.(msg.params ?? {});
  });
  socket.on('close', () => {
    for (const p of pending.values()) p.reject(new Error('inspector connection closed'));
    pending.clear();
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}, ms = 120_000): Promise<T> => {
    const id = nextId++;
    const reply = new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    socket.send(JSON.stringify({ id, method, params }));
    return within(reply, ms, method).finally(() => pending.delete(id));
  };
  const memoryUsage = async (): Promise<MemoryUsage> => {
    const r = await send<{ result: { value?: MemoryUsage }; exceptionDetails?: { text: string } }>('Runtime.evaluate', {
      expression: 'process.memoryUsage()',
      returnByValue: true,
    });
    if (!r.result.value) throw new Error(`inspector: process.memoryUsage() failed: ${r.exceptionDetails?.text ?? 'no value'}`);
    return r.result.value;
  };
  return {
    send,
    memoryUsage,
    async afterGc() {
      await send('HeapProfiler.collectGarbage');
      await send('HeapProfiler.collectGarbage');
      return memoryUsage();
    },
    async wasmMemory() {
      const proto = await send<{ result: { objectId?: string } }>('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
      if (!proto.result.objectId) throw new Error('inspector: no WebAssembly.Memory.prototype');
      const found = await send<{ objects: { objectId: string } }>('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
      const sum = await send<{ result: { value?: number } }>('Runtime.callFunctionOn', {
        objectId: found.objects.objectId,
        functionDeclaration: 'function () { return this.reduce((s, m) => s + m.buffer.byteLength, 0); }',
        returnByValue: true,
      });
      await send('Runtime.releaseObject', { objectId: found.objects.objectId });
      await send('Runtime.releaseObject', { objectId: proto.result.objectId });
      return sum.result.value ?? 0;
    },
    async heapSnapshot() {
      const chunks: string[] = [];
      listeners.set('HeapProfiler.addHeapSnapshotChunk', (p) => chunks.push(p.chunk as string));
      try {
        await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, 600_000);
      } finally {
        listeners.delete('HeapProfiler.addHeapSnapshotChunk');
      }
      return chunks.join('');
    },
    close: () => socket.close(),
  };
}

export const MiB = (bytes: number) => bytes / 2 ** 20;
