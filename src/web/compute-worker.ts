/**
 * Web Worker for the CPU work of a scan, so the page stays responsive: production tables
 * (src/physics, float64, ~1 s per Primakoff mass) and, without WebGPU, the float64 reference engine.
 */
import { buildProductionTable, type ProductionRequest } from '../physics/production.ts';
import { runReference } from '../engine/reference-engine.ts';
import type { EngineJob } from '../engine/job.ts';
import type { ProductionTable } from '../physics/production-table.ts';

export type ComputeRequest =
  | { id: number; kind: 'production'; request: ProductionRequest }
  | { id: number; kind: 'reference'; job: Omit<EngineJob, 'production'>; table: ProductionTable };

export type ComputeReply =
  | { id: number; kind: 'production'; table: ProductionTable & { yieldPerPot: number } }
  | { id: number; kind: 'reference'; result: ReturnType<typeof runReference> }
  | { id: number; kind: 'progress'; trialsDone: number; trialsTotal: number }
  | { id: number; kind: 'error'; message: string; name: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<ComputeRequest>) => void) | null;
  postMessage(message: ComputeReply): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const message = event.data;
  try {
    if (message.kind === 'production') {
      const { yieldPerPot, massGeV, mode, energyEdgesGeV, thetaEdgesRad, energyAxisLog, thetaAxisLog, binContent, referenceCoupling } = buildProductionTable(
        message.request,
      );
      scope.postMessage({
        id: message.id,
        kind: 'production',
        table: { yieldPerPot, massGeV, mode, energyEdgesGeV, thetaEdgesRad, energyAxisLog, thetaAxisLog, binContent, referenceCoupling },
      });
    } else {
      let lastPostedMs = 0;
      const result = runReference(
        { ...message.job, production: () => message.table },
        {
          onProgress: (progress) => {
            const now = performance.now();
            if (now - lastPostedMs < 250) return;
            lastPostedMs = now;
            scope.postMessage({ id: message.id, kind: 'progress', trialsDone: progress.trialsDone, trialsTotal: progress.trialsTotal });
          },
        },
      );
      scope.postMessage({ id: message.id, kind: 'reference', result });
    }
  } catch (error) {
    const err = error as Error;
    scope.postMessage({ id: message.id, kind: 'error', message: err.message, name: err.name });
  }
};
