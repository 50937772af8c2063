/** Main-thread side of compute-worker.ts: promises per request; stop = terminate and start afresh. */
import type { EngineJob } from '../engine/job.ts';
import type { EventTable } from '../engine/event-table.ts';
import { RunAborted } from '../engine/gpu-engine.ts';
import type { ProductionRequest } from '../physics/production.ts';
import type { ProductionTable } from '../physics/production-table.ts';
import type { ComputeReply, ComputeRequest } from './compute-worker.ts';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export type { ProductionWithYield } from '../app/ports.ts';
import type { ProductionWithYield } from '../app/ports.ts';

interface Pending {
  resolve: (reply: ComputeReply) => void;
  reject: (error: Error) => void;
  onProgress?: (trialsDone: number, trialsTotal: number) => void;
}

export class WorkerError extends Error {
  override name = 'WorkerError';
  readonly userFacing = true;
}

export class ComputeClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private ensureWorker(): Worker {
    if (!this.worker) {
      const worker = new Worker(new URL('./compute-worker.ts', import.meta.url), { type: 'module', name: 'alpenglow compute' });
      worker.onmessage = (event: MessageEvent<ComputeReply>) => {
        const reply = event.data;
        const pending = this.pending.get(reply.id);
        if (!pending) return;
        if (reply.kind === 'progress') {
          pending.onProgress?.(reply.trialsDone, reply.trialsTotal);
          return;
        }
        this.pending.delete(reply.id);
        if (reply.kind === 'error') {
          const error = new WorkerError(reply.message);
          error.name = reply.name;
          pending.reject(error);
        } else pending.resolve(reply);
      };
      worker.onerror = (event) => {
        const error = new WorkerError(`the compute worker failed: ${event.message || 'unknown error'}`);
        for (const pending of this.pending.values()) pending.reject(error);
        this.pending.clear();
        this.worker?.terminate();
        this.worker = null;
      };
      this.worker = worker;
    }
    return this.worker;
  }

  private call(request: WithoutId<ComputeRequest>, onProgress?: Pending['onProgress'], signal?: AbortSignal): Promise<ComputeReply> {
    const id = this.nextId++;
    const worker = this.ensureWorker();
    return new Promise<ComputeReply>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new RunAborted('run stopped'));
        return;
      }
      const onAbort = () => {
        // The worker is busy in a synchronous loop: stopping it is the only way to end the work now.
        this.terminate(new RunAborted('run stopped'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (reply) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(reply);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        onProgress,
      });
      worker.postMessage({ ...request, id } as ComputeRequest);
    });
  }

  async production(request: ProductionRequest, signal?: AbortSignal): Promise<ProductionWithYield> {
    const reply = await this.call({ kind: 'production', request }, undefined, signal);
    if (reply.kind !== 'production') throw new WorkerError(`unexpected reply '${reply.kind}' to a production request`);
    return reply.table;
  }

  async reference(job: EngineJob, table: ProductionTable, onProgress: Pending['onProgress'], signal?: AbortSignal): Promise<EventTable> {
    const { production: _production, ...data } = job;
    const reply = await this.call({ kind: 'reference', job: data, table }, onProgress, signal);
    if (reply.kind !== 'reference') throw new WorkerError(`unexpected reply '${reply.kind}' to a reference request`);
    return reply.result;
  }

  terminate(reason: Error = new RunAborted('run stopped')): void {
    this.worker?.terminate();
    this.worker = null;
    for (const pending of this.pending.values()) pending.reject(reason);
    this.pending.clear();
  }
}
