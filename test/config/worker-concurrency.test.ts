/** WORKER_CONCURRENCY (contract: ClickPost calls kept in flight per node, default 64). */
import { describe, expect, it } from '@jest/globals';
import { loadEnvConfig } from '../../src/config.js';
import { ValidationError } from '../../src/errors.js';

describe('WORKER_CONCURRENCY', () => {
  it('defaults to 64 and reads a whole number', () => {
    expect(loadEnvConfig({}).workerConcurrency).toBe(64);
    expect(loadEnvConfig({ WORKER_CONCURRENCY: '128' }).workerConcurrency).toBe(128);
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['0', '-1', '2.5', 'many', '5000']) {
      let err: unknown = null;
      try {
        loadEnvConfig({ WORKER_CONCURRENCY: bad });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ValidationError);
      expect(JSON.stringify(err)).toContain('WORKER_CONCURRENCY');
    }
  });
});
