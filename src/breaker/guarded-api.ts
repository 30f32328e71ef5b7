/**
 * The ClickPost API with a circuit breaker in front of create-order: an account whose
 * breaker is open is not called at all (the attempt is SKIPPED and the shipment fails
 * over); every answer of a call that went out feeds the account's breaker. A request that
 * may have gone out before (a crashed run) is always sent: skipping it would fail over while
 * the order it placed stays live, a second booking. Polls, cancels,
 * labels and tracking pass straight through: they are about orders that already exist.
 */
import type { ClickPostApi } from '../clickpost/api.js';
import type { AccountBreakers } from './account-breakers.js';
import { skippedMessage } from './account-breakers.js';
import type { BreakerConfig } from './breaker-rules.js';
import type { Logger } from '../logger.js';
import { redact } from '../transport/redact.js';

export function guardedApi(api: ClickPostApi, breakers: AccountBreakers, config: BreakerConfig, logger: Logger): ClickPostApi {
  return {
    ...api,
    async createOrder(input) {
      const account = { courier_partner_id: input.provider.courier_partner_id, account_code: input.provider.account_code };
      const admission = input.mayHaveBeenSent ? { kind: 'call' as const } : await breakers.admit(account);
      if (admission.kind === 'skip') return { kind: 'skipped', message: skippedMessage(account, admission.until, config) };
      const outcome = await api.createOrder(input);
      // The answer is what matters: bookkeeping that cannot be written must not lose a booking.
      await breakers.record(account, outcome).catch((err: unknown) => {
        logger.warn('breaker not updated', { account_code: account.account_code, error: redact(String((err as Error)?.message ?? err)) });
      });
      return outcome;
    },
  };
}
