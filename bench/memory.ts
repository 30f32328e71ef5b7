/**
 * (3) Memory: JS heap per 1000 in-flight (LABEL_REQUESTED) shipments. The engine keeps
 * the state in the database, so a running connector should hold ~nothing per shipment:
 * measured after the first `count` (which includes one-off caches) and as the growth over
 * `count` more. A last row shows what holding 1000 machine snapshots in memory would cost.
 * Baseline: 1000 plain objects with the fields a bare in-memory job would need.
 */
import { sampleShipment } from '../src/cli/sample-shipment.js';
import { shipmentMachine } from '../machines/shipment.machine.js';
import { countByStatus, openEngine } from './engine-fixture.js';
import { formatBytes, settledHeapUsed, type BenchRow } from './measure.js';

const WARM_UP = 200;

function plainObjects(count: number): object[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    shipment_code: `MEM-${i}`,
    status: 'LABEL_REQUESTED',
    reference_number: `MEM-${i}`,
    priority: 1,
    polls: 0,
    next_poll_at: Date.now() + 120_000,
  }));
}

function heapOf(make: () => unknown): { bytes: number; keep: unknown } {
  const before = settledHeapUsed();
  const keep = make();
  const bytes = settledHeapUsed() - before;
  return { bytes, keep };
}

export async function benchMemory(dir: string, count: number): Promise<BenchRow[]> {
  const engine = await openEngine(dir, 'memory');
  const { connector, sandbox } = engine;
  try {
    // Warm up first, so lazily built modules and bounded caches (statements, metric label
    // sets, HTTP agents) are not counted as a per-shipment cost.
    for (let i = 0; i < WARM_UP; i++) await connector.schedule(sampleShipment(`MEM-WARM-${i}`, ['SBX_ASYNC_NEVER', 'Bluedart Surface'], (i % 4) + 1));
    await connector.worker.drain();
    sandbox.reset();
    const addInFlight = async (from: number) => {
      for (let i = from; i < from + count; i++) await connector.schedule(sampleShipment(`MEM-${i}`, ['SBX_ASYNC_NEVER', 'Bluedart Surface'], (i % 4) + 1));
      await connector.worker.drain();
      const inFlight = (await countByStatus(connector, 'LABEL_REQUESTED')) - WARM_UP;
      if (inFlight !== from + count) throw new Error(`memory bench: ${inFlight} of ${from + count} shipments LABEL_REQUESTED`);
      // The sandbox shares the process: forget its orders so only the connector is measured.
      sandbox.reset();
      return settledHeapUsed();
    };
    const h0 = settledHeapUsed();
    const h1 = await addInFlight(0);
    const h2 = await addInFlight(count);

    const rows = (await connector.db('shipments').where({ status: 'LABEL_REQUESTED' }).select('snapshot').limit(count)) as { snapshot: string }[];
    const texts = rows.map((r) => r.snapshot);
    const snapshots = heapOf(() => texts.map((t) => shipmentMachine.resolveState(JSON.parse(t) as Parameters<typeof shipmentMachine.resolveState>[0])));
    const plain = heapOf(() => plainObjects(count));
    const per1000 = (bytes: number) => (bytes * 1000) / count;
    const baseline = `${formatBytes(per1000(plain.bytes))} (1000 plain objects)`;
    // Keep the measured values alive until here, so the collector cannot take them early.
    void [snapshots.keep, plain.keep];
    return [
      { name: `memory: connector heap, first ${count} in-flight (with one-off caches)`, value: formatBytes(per1000(h1 - h0)), baseline, ratio: (h1 - h0) / plain.bytes, goal: 'cost ratio, lower is better' },
      { name: `memory: connector heap per 1000 more in-flight (${count} -> ${2 * count})`, value: formatBytes(per1000(h2 - h1)), baseline, ratio: (h2 - h1) / plain.bytes, goal: 'cost ratio, lower is better' },
      { name: 'memory: 1000 LABEL_REQUESTED machine snapshots held in memory', value: formatBytes(per1000(snapshots.bytes)), baseline, ratio: snapshots.bytes / plain.bytes, goal: 'cost ratio, lower is better' },
    ];
  } finally {
    await engine.close();
  }
}
