import type { PersonBody } from '@xops/contracts';

/** `ana (Ana Alves)`, or the name alone when the Team gives no display name. */
export function personName(person: PersonBody): string {
  return person.displayName === null ? person.name : `${person.name} (${person.displayName})`;
}

/** `email ana@example.com, slack @ana`; `-` when xops knows no way to reach them. */
export function contactOf(person: PersonBody): string {
  return person.contactMethods.length === 0 ? '-' : person.contactMethods.map((method) => `${method.type} ${method.address}`).join(', ');
}
