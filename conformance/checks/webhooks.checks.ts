import { ProbePaths } from '../runner/api-probe.client';
import { sharedWebhookRequest, type ConformanceContext } from '../runner/conformance.context';
import { allOf, describeAnswer, expectRefused, expectStatus, isRecord, shapeOf } from '../runner/observation.util';
import type { CheckObservation, ConformanceCheck } from './conformance-check.interface';

const CONTROLLER = 'WebhooksController (libs/id-scan-emulator/src/webhooks/webhooks.controller.ts)';
const SERVICE = 'WebhooksService (libs/id-scan-emulator/src/webhooks/webhooks.service.ts)';
const BOTH_EVENT_TYPES = ['task.state.updated', 'transaction.state.updated'];

/** `POST /webhooks` with an http: URL on a public host is refused; anything created by mistake is deleted. */
async function plainHttpUrlRefused(context: ConformanceContext): Promise<CheckObservation> {
  const answer = await context.send({
    method: 'POST',
    path: ProbePaths.webhooks(),
    body: { url: 'http://example.com/nestjs-id-scan-conformance' },
  });
  const created = context.rememberWebhook(answer);
  if (created !== undefined) await context.deleteWebhook(created);
  return expectRefused(answer);
}

async function createAnswers201(context: ConformanceContext): Promise<CheckObservation> {
  return expectStatus((await context.webhook()).answer, 201);
}

async function createAnswerHasDocumentedShape(context: ConformanceContext): Promise<CheckObservation> {
  await context.webhookId();
  const { answer } = await context.webhook();
  const body = isRecord(answer.json) ? answer.json : {};
  const sent = sharedWebhookRequest(context.webhookUrl);
  const events = Array.isArray(body.events) ? [...(body.events as unknown[])].map(String).sort() : undefined;
  return allOf([
    { label: 'url is echoed', passed: body.url === sent.url, seen: shapeOf(body.url) },
    {
      label: 'events default to both types',
      passed: JSON.stringify(events) === JSON.stringify(BOTH_EVENT_TYPES),
      seen: events === undefined ? shapeOf(body.events) : `${events.length} event types`,
    },
    {
      label: 'headers are echoed',
      passed: JSON.stringify(body.headers) === JSON.stringify(sent.headers),
      seen: shapeOf(body.headers),
    },
    {
      label: 'createdAt and updatedAt are strings',
      passed: typeof body.createdAt === 'string' && typeof body.updatedAt === 'string',
      seen: `createdAt ${shapeOf(body.createdAt)}, updatedAt ${shapeOf(body.updatedAt)}`,
    },
  ]);
}

/** The ids `GET /webhooks` lists, or `undefined` when the answer is not a list of objects with ids. */
async function listedIds(context: ConformanceContext): Promise<{ status: string; ids?: string[] }> {
  const answer = await context.send({ method: 'GET', path: ProbePaths.webhooks() });
  const list = Array.isArray(answer.json) ? answer.json : undefined;
  const ids = list?.map((item) => (isRecord(item) ? item.id : undefined)).filter((id) => typeof id === 'string');
  return { status: answer.status === 200 ? '200' : describeAnswer(answer), ids };
}

async function listContainsWebhook(context: ConformanceContext): Promise<CheckObservation> {
  const id = await context.webhookId();
  const listed = await listedIds(context);
  return allOf([
    { label: 'status 200', passed: listed.status === '200', seen: listed.status },
    {
      label: 'a JSON array listing the new webhook',
      passed: listed.ids?.includes(id) ?? false,
      seen: listed.ids === undefined ? 'not an array' : `${listed.ids.length} webhooks, the new one absent`,
    },
  ]);
}

async function deleteAnswers204(context: ConformanceContext): Promise<CheckObservation> {
  return expectStatus(await context.deleteWebhook(await context.webhookId()), 204);
}

/** After the delete, the webhook is no longer listed and deleting it again answers 404. */
async function deletedWebhookIsGone(context: ConformanceContext): Promise<CheckObservation> {
  const id = await context.webhookId();
  if (!context.ledger.webhooksDeleted.includes(id)) await context.deleteWebhook(id);
  const listed = await listedIds(context);
  const again = await context.send({ method: 'DELETE', path: ProbePaths.webhook(id) });
  return allOf([
    {
      label: 'no longer listed',
      passed: listed.ids !== undefined && !listed.ids.includes(id),
      seen: listed.ids === undefined ? `list answered ${listed.status}` : 'still listed',
    },
    { label: 'a second delete answers 404', passed: again.status === 404, seen: describeAnswer(again) },
  ]);
}

/** Webhook create, list and delete (`docs/id-scan-api.md §A8`, `§B1`); the run deletes what it creates. */
export const webhookChecks: ConformanceCheck[] = [
  {
    id: 'webhooks.https-only',
    title: 'A webhook url that is not https is refused',
    group: 'webhooks',
    cost: 'free',
    basis: 'documented',
    section: 'A8',
    emulator: 'CreateWebhookDto (libs/id-scan-emulator/src/dto/create-webhook.dto.ts): IsAllowedUrl',
    run: plainHttpUrlRefused,
  },
  {
    id: 'webhooks.create-201',
    title: 'Subscribing a webhook answers 201',
    group: 'webhooks',
    cost: 'free',
    basis: 'assumption',
    section: 'B1',
    emulator: `${CONTROLLER}: create() @HttpCode(201)`,
    run: createAnswers201,
  },
  {
    id: 'webhooks.create-shape',
    title: 'The webhook answer has the documented keys, both event types by default',
    group: 'webhooks',
    cost: 'free',
    basis: 'documented',
    section: 'A8',
    emulator: `${SERVICE}: create()`,
    run: createAnswerHasDocumentedShape,
  },
  {
    id: 'webhooks.list',
    title: 'GET /webhooks answers 200 with a list holding the new webhook',
    group: 'webhooks',
    cost: 'free',
    basis: 'assumption',
    section: 'B1',
    emulator: `${CONTROLLER}: list()`,
    run: listContainsWebhook,
  },
  {
    id: 'webhooks.delete-204',
    title: 'Deleting the webhook answers 204',
    group: 'webhooks',
    cost: 'free',
    basis: 'assumption',
    section: 'B1',
    emulator: `${CONTROLLER}: delete() @HttpCode(204)`,
    run: deleteAnswers204,
  },
  {
    id: 'webhooks.gone-after-delete',
    title: 'A deleted webhook is no longer listed and a second delete answers 404',
    group: 'webhooks',
    cost: 'free',
    basis: 'assumption',
    section: 'B1',
    emulator: `${SERVICE}: delete() answers 404 for an unknown id`,
    run: deletedWebhookIsGone,
  },
];
