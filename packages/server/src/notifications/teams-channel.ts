import type { NotificationMessage } from '@xops/contracts';
import { messageFacts } from './message-facts';
import type { Delivery, NotificationSender } from './notification-sender';
import { postJson } from './post-json';

/** An Adaptive Card element or action, as far as xops writes them. */
export type AdaptiveCardElement =
  | { readonly type: 'TextBlock'; readonly text: string; readonly wrap: true; readonly weight?: 'Bolder'; readonly size?: 'Medium'; readonly style?: 'heading'; readonly color?: 'Attention' | 'Warning' }
  | { readonly type: 'FactSet'; readonly facts: readonly { readonly title: string; readonly value: string }[] };

export interface AdaptiveCardAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
}

/**
 * The body a Microsoft Teams incoming webhook (a Workflows "post to a channel when a webhook
 * request is received" flow, or the older connector) takes: a `message` with one Adaptive Card
 * attachment. The shape and card version 1.2 are those of Alertmanager's `msteamsv2` receiver
 * (prometheus/alertmanager notify/msteamsv2/msteamsv2.go).
 */
export interface TeamsMessage {
  readonly type: 'message';
  readonly attachments: readonly [{
    readonly contentType: 'application/vnd.microsoft.card.adaptive';
    readonly contentUrl: null;
    readonly content: {
      readonly $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
      readonly type: 'AdaptiveCard';
      readonly version: '1.2';
      readonly body: readonly AdaptiveCardElement[];
      readonly actions: readonly AdaptiveCardAction[];
      readonly msteams: { readonly width: 'Full' };
    };
  }];
}

/** The message as an Adaptive Card: title (red for high urgency), text, facts, and buttons that open the signed links. */
export function renderTeamsMessage(delivery: Delivery): TeamsMessage {
  const { message } = delivery;
  const body: AdaptiveCardElement[] = [
    { type: 'TextBlock', text: message.title, wrap: true, weight: 'Bolder', size: 'Medium', style: 'heading', color: message.urgency === 'high' ? 'Attention' : 'Warning' },
  ];
  if (message.text !== '') body.push({ type: 'TextBlock', text: message.text, wrap: true });
  body.push({ type: 'FactSet', facts: messageFacts(message).map(({ title, value }) => ({ title, value })) });
  return {
    type: 'message',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.2',
        body,
        actions: cardActions(message),
        msteams: { width: 'Full' },
      },
    }],
  };
}

/** The Teams channel: POSTs `renderTeamsMessage` to the webhook URL. */
export function createTeamsChannel(): NotificationSender {
  return {
    async send(delivery, signal) {
      await postJson(delivery.destination, JSON.stringify(renderTeamsMessage(delivery)), { signal });
    },
  };
}

function cardActions(message: NotificationMessage): AdaptiveCardAction[] {
  const actions: AdaptiveCardAction[] = [];
  if (message.links) {
    actions.push({ type: 'Action.OpenUrl', title: 'Acknowledge', url: message.links.ack }, { type: 'Action.OpenUrl', title: 'Resolve', url: message.links.resolve });
  }
  if (message.incident?.url !== undefined) actions.push({ type: 'Action.OpenUrl', title: `Open #${message.incident.number}`, url: message.incident.url });
  return actions;
}
