/**
 * Which ClickPost the engine talks to, decided per call from the settings in force:
 * CLICKPOST_BASE_URL when set; else the real ClickPost when Username and Key are set;
 * else the built-in sandbox (started lazily, in-process, on loopback). One client per
 * (base URL, username, key), so a settings change takes effect on the next call.
 */
import type { ClickPostApi } from '../clickpost/api.js';
import { createClickPostApi } from '../clickpost/api.js';
import { createClickPostClient, type RetryOptions } from '../transport/client.js';
import type { ApiCallRecorder } from '../transport/types.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../clock.js';
import type { ConnectorSettings } from '../domain/settings.js';

export const PRODUCTION_BASE_URL = 'https://www.clickpost.in';

export interface ClickPostProviderOptions {
  settings: () => Promise<ConnectorSettings>;
  /** CLICKPOST_BASE_URL, when given. */
  baseUrl: string | null;
  /** Starts (once) the built-in sandbox and gives its base URL. */
  sandboxUrl: () => Promise<string>;
  recorder: ApiCallRecorder;
  logger: Logger;
  clock: Clock;
  timeoutMs?: number;
  retry?: RetryOptions;
}

export interface ResolvedTarget {
  baseUrl: string;
  sandbox: boolean;
}

export function createClickPostProvider(options: ClickPostProviderOptions) {
  let cached: { id: string; api: ClickPostApi } | null = null;

  async function target(settings: ConnectorSettings): Promise<ResolvedTarget> {
    const hasCredentials = settings.username !== '' && settings.key !== '';
    if (options.baseUrl) return { baseUrl: options.baseUrl, sandbox: false };
    if (hasCredentials) return { baseUrl: PRODUCTION_BASE_URL, sandbox: false };
    return { baseUrl: await options.sandboxUrl(), sandbox: true };
  }

  async function api(): Promise<ClickPostApi> {
    const settings = await options.settings();
    const { baseUrl, sandbox } = await target(settings);
    const username = settings.username || (sandbox ? 'sandbox' : '');
    const key = settings.key || (sandbox ? 'sandbox-key' : '');
    const id = `${baseUrl}\u0000${username}\u0000${key}`;
    if (cached?.id !== id) {
      const client = createClickPostClient({
        baseUrl,
        username,
        key,
        timeoutMs: options.timeoutMs,
        retry: options.retry,
        recorder: options.recorder,
        logger: options.logger,
        clock: options.clock,
      });
      cached = { id, api: createClickPostApi(client) };
    }
    return cached.api;
  }

  return {
    api,
    async describe(): Promise<ResolvedTarget> {
      return target(await options.settings());
    },
  };
}
