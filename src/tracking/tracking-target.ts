/**
 * Where track-order calls go. ClickPost moved tracking to api.clickpost.in (slate commit
 * b9b5081: "earlier it was https://www.clickpost.in/api/v2/track-order/, which will
 * deprecate by Nov 2020"), while orders stay on www. Contract, CLICKPOST_TRACKING_BASE_URL:
 * that variable when set; else the sandbox when it is used; else CLICKPOST_BASE_URL when
 * set; else https://api.clickpost.in.
 */
import type { ClickPostApi } from '../clickpost/api.js';

export const TRACKING_PRODUCTION_BASE_URL = 'https://api.clickpost.in';

/** Where the other ClickPost calls go now (the engine's provider `describe()`). */
export interface MainTarget {
  baseUrl: string;
  sandbox: boolean;
}

export interface TrackingUrlSettings {
  /** CLICKPOST_TRACKING_BASE_URL. */
  trackingBaseUrl: string | null;
  /** CLICKPOST_BASE_URL. */
  baseUrl: string | null;
}

/** The tracking base URL for the target the other calls use now. Pure. */
export function trackingBaseUrl(settings: TrackingUrlSettings, main: MainTarget): string {
  if (settings.trackingBaseUrl) return settings.trackingBaseUrl;
  if (main.sandbox) return main.baseUrl;
  return settings.baseUrl ?? TRACKING_PRODUCTION_BASE_URL;
}

/** What a provider of ClickPost clients offers (src/engine/clickpost-provider.ts). */
export interface ApiProvider {
  api(): Promise<ClickPostApi>;
  describe(): Promise<MainTarget>;
}

export interface TrackingApiOptions extends TrackingUrlSettings {
  /** The provider of every other call. */
  main: ApiProvider;
  /** A provider pinned to one base URL, with the same credentials, recorder and retries. */
  pinned: (baseUrl: string) => ApiProvider;
}

/**
 * The ClickPost API the tracking poll uses: the main provider's client when tracking goes
 * to the same place (the sandbox, or CLICKPOST_BASE_URL), else a client pinned to the
 * tracking base URL, made once per URL. Decided per call, so a settings change (credentials
 * saved, sandbox left) takes effect on the next poll.
 */
export function trackingApi(options: TrackingApiOptions): () => Promise<ClickPostApi> {
  const pinned = new Map<string, ApiProvider>();
  return async () => {
    const main = await options.main.describe();
    const url = trackingBaseUrl(options, main);
    if (url === main.baseUrl) return options.main.api();
    let provider = pinned.get(url);
    if (!provider) {
      provider = options.pinned(url);
      pinned.set(url, provider);
    }
    return provider.api();
  };
}
