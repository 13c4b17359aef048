import type { NotificationMessage } from '@xops/contracts';

/** A labelled value of a message, shown as Slack fields, a Teams FactSet and email lines. */
export interface MessageFact {
  readonly title: string;
  readonly value: string;
  /** Where the value links to, if anywhere. */
  readonly url?: string;
}

/** Severity, urgency, the incident and the labels of a message, in that order. */
export function messageFacts(message: NotificationMessage): MessageFact[] {
  const facts: MessageFact[] = [
    { title: 'Severity', value: message.severity },
    { title: 'Urgency', value: message.urgency },
  ];
  if (message.incident !== null) {
    facts.push({ title: 'Incident', value: `#${message.incident.number}`, ...(message.incident.url === undefined ? {} : { url: message.incident.url }) });
  }
  const labels = Object.entries(message.labels).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => `${key}=${value}`);
  if (labels.length > 0) facts.push({ title: 'Labels', value: labels.join(', ') });
  return facts;
}

/** `text` cut to `max` characters, ending in `…` when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
