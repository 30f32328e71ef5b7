/**
 * The operations screens, server-rendered: GET / (the board), GET /settings, GET
 * /shipments/:code (a shipment's page), and an empty favicon so browsers get no 404.
 * Open like /docs: the pages hold no data until their script loads it with the token.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import type { HttpConnector } from '../connector-surface.js';
import type { SettingsScreenModel } from '../../settings/screen-model.js';
import { CodeParamsSchema, errors } from '../schemas/common.js';
import { SHIPMENT_STATUSES } from '../schemas/shipments.js';
import { renderFrame, type FrameOptions } from '../../ops/page.js';
import { renderBoard } from '../../ops/board.js';
import { renderSettingsForm } from '../../ops/settings-form.js';
import { renderShipmentPage } from '../../ops/shipment-page.js';
import { asOpsConnector, serviceMode } from '../../ops/ops-source.js';
import { BOARD_SCRIPT } from '../../ops/scripts/board-script.js';
import { SETTINGS_SCRIPT } from '../../ops/scripts/settings-script.js';
import { SHIPMENT_SCRIPT } from '../../ops/scripts/shipment-script.js';

const tags = ['operations'];
// The frame reads the settings (the database): 503 database_unavailable, in JSON, while it is away.
const html = { 200: z.string().meta({ description: 'an HTML page' }), ...errors(503) };

function sendPage(reply: FastifyReply, page: string) {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
}

export const opsRoutes: FastifyPluginAsyncZod<{ connector: HttpConnector; tokenRequired: boolean }> = async (app, { connector, tokenRequired }) => {
  const ops = asOpsConnector(connector);

  /** The frame's common part. Without a token the mode is shown at once; with one, the script loads it. */
  async function frame(model?: SettingsScreenModel): Promise<Pick<FrameOptions, 'appTitle' | 'tokenRequired' | 'mode'>> {
    const title = (model ?? (await connector.settingsScreen())).title;
    const mode = !tokenRequired && ops ? await serviceMode(ops).catch(() => null) : null;
    return { appTitle: title, tokenRequired, mode };
  }

  app.get('/', {
    schema: { tags, operationId: 'getBoardScreen', summary: 'The shipment board, for operations people', produces: ['text/html'], response: html },
  }, async (_request, reply) => sendPage(reply, renderFrame({ ...(await frame()), title: 'Shipments', view: 'board', body: renderBoard(SHIPMENT_STATUSES), script: BOARD_SCRIPT })));

  app.get('/settings', {
    schema: { tags, operationId: 'getSettingsScreen', summary: 'The settings screen (from connector.json) with "Test connection"', produces: ['text/html'], response: html },
  }, async (_request, reply) => {
    const model = await connector.settingsScreen();
    const body = renderSettingsForm(model, { showValues: !tokenRequired });
    return sendPage(reply, renderFrame({ ...(await frame(model)), title: 'Settings', view: 'settings', body, script: SETTINGS_SCRIPT }));
  });

  app.get('/shipments/:shipment_code', {
    schema: { tags, operationId: 'getShipmentPage', summary: "A shipment's page: attempts, calls, boxes, tracking, label, cancel", produces: ['text/html'], params: CodeParamsSchema, response: html },
  }, async (request, reply) => {
    const code = request.params.shipment_code;
    return sendPage(reply, renderFrame({ ...(await frame()), title: `Shipment ${code}`, view: 'shipment', body: renderShipmentPage(code), script: SHIPMENT_SCRIPT }));
  });

  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.status(204).header('cache-control', 'max-age=86400').send());
};
