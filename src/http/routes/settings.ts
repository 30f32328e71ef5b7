/** /v1/settings: the connector settings; GET never shows the Key, PUT names each wrong field. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpConnector } from '../connector-surface.js';
import { BEARER, errors } from '../schemas/common.js';
import { SettingsViewSchema, settingsBodySchema } from '../schemas/settings.js';

const tags = ['settings'];

export const settingsRoutes: FastifyPluginAsyncZod<{ connector: HttpConnector }> = async (app, { connector }) => {
  app.get('/v1/settings', {
    schema: {
      tags,
      security: BEARER,
      operationId: 'getSettings', summary: 'The connector settings (key_set instead of the Key)',
      response: { 200: SettingsViewSchema, ...errors(401, 503) },
    },
  }, async () => connector.getSettings());

  app.put('/v1/settings', {
    schema: {
      tags,
      security: BEARER,
      operationId: 'updateSettings', summary: 'Change the connector settings',
      description: 'Send any subset; the saved settings merged with it are validated as a whole, and a 400 names every wrong field.',
      body: settingsBodySchema(),
      response: { 200: SettingsViewSchema, ...errors(400, 401, 413, 415, 503) },
    },
  }, async (request) => connector.updateSettings(request.body as unknown));
};
