/**
 * Waiting in this process for a shipment's next committed step, instead of reading the
 * database in a loop. The engine reports every committed step here (EngineDeps.onStepCommitted);
 * a step taken by another node on the same PostgreSQL is not seen, so a waiter also wakes
 * after `fallbackMs` and reads again.
 */
export interface StepWaits {
  /** Called once a step of `shipmentId` committed. */
  stepped(shipmentId: number): void;
  /** Resolves at the next committed step of `shipmentId`, or after `ms`, whichever is first. */
  next(shipmentId: number, ms: number): Promise<void>;
}

export function createStepWaits(): StepWaits {
  const waiting = new Map<number, Set<() => void>>();
  return {
    stepped(shipmentId) {
      const wakers = waiting.get(shipmentId);
      if (!wakers) return;
      waiting.delete(shipmentId);
      for (const wake of wakers) wake();
    },
    next(shipmentId, ms) {
      return new Promise<void>((resolve) => {
        const wakers = waiting.get(shipmentId) ?? new Set<() => void>();
        waiting.set(shipmentId, wakers);
        const wake = (): void => {
          clearTimeout(timer);
          wakers.delete(wake);
          if (wakers.size === 0 && waiting.get(shipmentId) === wakers) waiting.delete(shipmentId);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(0, ms));
        wakers.add(wake);
      });
    },
  };
}
