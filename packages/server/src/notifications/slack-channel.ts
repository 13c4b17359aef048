import type { NotificationMessage } from '@xops/contracts';
import { messageFacts, truncate } from './message-facts';
import { DeliveryError, type Delivery, type NotificationSender } from './notification-sender';
import { postJson } from './post-json';

/** A Block Kit block, as far as xops writes them. */
export type SlackBlock =
  | { readonly type: 'header'; readonly text: { readonly type: 'plain_text'; readonly text: string; readonly emoji: true } }
  | { readonly type: 'section'; readonly text?: SlackText; readonly fields?: readonly SlackText[] }
  | { readonly type: 'context'; readonly elements: readonly SlackText[] };

type SlackText = { readonly type: 'mrkdwn'; readonly text: string };

/** The body of a Slack incoming webhook: `text` is the fallback shown in notifications, `blocks` the message. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
  readonly unfurl_links: false;
  readonly unfurl_media: false;
}

// Block Kit limits (api.slack.com/reference/block-kit/blocks): header text 150, section text 3000, field 2000.
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;

/**
 * The message as a Slack incoming webhook takes it: `{text, blocks}` with a header, the text, the
 * facts as fields and the ack/resolve links. Links are mrkdwn links, not buttons: a button of an
 * incoming webhook without an interactive Slack app shows a warning when clicked. Unfurling is off,
 * so Slack does not fetch the signed links itself.
 */
export function renderSlackMessage(delivery: Delivery): SlackMessage {
  const { message } = delivery;
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(message.title, HEADER_MAX), emoji: true } }];
  if (message.text !== '') blocks.push({ type: 'section', text: mrkdwn(truncate(escapeSlack(message.text), SECTION_MAX)) });
  blocks.push({
    type: 'section',
    fields: messageFacts(message).map((fact) => mrkdwn(truncate(`*${fact.title}*\n${fact.url === undefined ? escapeSlack(fact.value) : slackLink(fact.url, fact.value)}`, FIELD_MAX))),
  });
  const links = actionLinks(message);
  if (links !== '') blocks.push({ type: 'context', elements: [mrkdwn(links)] });
  return { text: `[${message.severity}] ${message.title}`, blocks, unfurl_links: false, unfurl_media: false };
}

/** The Slack channel: POSTs `renderSlackMessage` to the incoming-webhook URL; Slack answers `ok`. */
export function createSlackChannel(): NotificationSender {
  return {
    async send(delivery, signal) {
      // A team member's Slack contact may be a channel or handle, which only a Slack app can post to.
      if (!/^https?:\/\//.test(delivery.destination)) {
        throw new DeliveryError(`"${delivery.destination}" is not a Slack incoming-webhook URL: xops posts to Slack through incoming webhooks (https://hooks.slack.com/services/…)`, { permanent: true });
      }
      await postJson(delivery.destination, JSON.stringify(renderSlackMessage(delivery)), { signal });
    },
  };
}

function actionLinks(message: NotificationMessage): string {
  const links: string[] = [];
  if (message.links) links.push(slackLink(message.links.ack, 'Acknowledge'), slackLink(message.links.resolve, 'Resolve'));
  if (message.incident?.url !== undefined) links.push(slackLink(message.incident.url, `Open #${message.incident.number}`));
  return links.join('  ·  ');
}

const mrkdwn = (text: string): SlackText => ({ type: 'mrkdwn', text });

// Slack's mrkdwn gives &, < and > meaning; they are sent as HTML entities (api.slack.com/reference/surfaces/formatting#escaping).
function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function slackLink(url: string, label: string): string {
  return `<${escapeSlack(url).replaceAll('|', '%7C')}|${escapeSlack(label)}>`;
}
