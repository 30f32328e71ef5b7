import { describe, expect, it } from '@jest/globals';
import { assertSafeListen, isLoopbackHost, startServer } from '../../src/http/server.js';
import { ValidationError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { createHarness } from '../helpers/harness.js';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.8.9.10', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'example.com', '128.0.0.1', '::ffff:10.0.0.1', ''])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('assertSafeListen', () => {
  it('refuses a non-loopback HOST without a token, naming both variables', () => {
    let err: unknown;
    try {
      assertSafeListen('0.0.0.0', null);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain('HOST=0.0.0.0');
    expect((err as Error).message).toContain('CONNECTOR_API_TOKEN');
    expect((err as ValidationError).fields.map((f) => f.path)).toEqual(['HOST', 'CONNECTOR_API_TOKEN']);
  });

  it('allows loopback without a token, and any host with one', () => {
    expect(() => assertSafeListen('127.0.0.1', null)).not.toThrow();
    expect(() => assertSafeListen('0.0.0.0', 'a-token')).not.toThrow();
    expect(() => assertSafeListen('0.0.0.0', '')).toThrow(ValidationError);
  });
});

describe('startServer', () => {
  it('refuses to start on 0.0.0.0 without a token, before listening', async () => {
    const h = await createHarness();
    try {
      await expect(startServer({ connector: h.connector, logger: silentLogger(), host: '0.0.0.0', port: 0 })).rejects.toThrow(/CONNECTOR_API_TOKEN/);
    } finally {
      await h.close();
    }
  });

  it('listens on loopback, answers at its url, and closes', async () => {
    const h = await createHarness();
    try {
      const server = await startServer({ connector: h.connector, logger: silentLogger(), host: '127.0.0.1', port: 0 });
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      await server.close();
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    } finally {
      await h.close();
    }
  });
});
