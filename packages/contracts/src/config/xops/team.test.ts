import { describe, expect, it } from 'vitest';
import type { ConfigProblem } from '../config-object';
import { validateConfigDocument } from '../validate-config-document';

const team = (spec: unknown): unknown => ({ apiVersion: 'xops.dev/v1', kind: 'Team', metadata: { name: 'payments' }, spec });
const problemsOf = (value: unknown): ConfigProblem[] => {
  const result = validateConfigDocument(value);
  return result.ok ? [] : result.problems;
};

describe('Team', () => {
  it('accepts members with contact methods of every type', () => {
    const document = team({
      description: 'Owns checkout',
      timeZone: 'Europe/Berlin',
      members: [
        {
          name: 'ana', displayName: 'Ana Alves', email: 'ana@example.com', timeZone: 'America/New_York',
          contactMethods: [
            { type: 'email', address: 'ana@example.com' },
            { type: 'slack', address: '#payments-oncall' },
            { type: 'slack', address: 'U024BE7LH' },
            { type: 'teams', address: 'https://example.webhook.office.com/webhookb2/x' },
            { type: 'webhook', address: 'http://pager.internal:8080/page' },
          ],
        },
        { name: 'ben', email: 'ben@example.com' },
      ],
    });
    expect(validateConfigDocument(document)).toEqual({ ok: true, value: document });
  });

  it('says how to fix each member and contact method', () => {
    expect(problemsOf(team({
      timeZone: 'Berlin',
      members: [
        { name: 'ana', email: 'ana@example.com', contactMethods: [{ type: 'sms', address: '+4915100000' }, { type: 'slack', address: 'payments' }, { type: 'webhook', address: 'ftp://x' }, { type: 'email' }] },
        { name: 'ana', email: 'ana(at)example.com', phone: '+4915100000' },
        { name: 'Ben Becker' },
      ],
    }))).toEqual([
      { path: ['spec', 'timeZone'], message: 'timeZone `Berlin` is not a time zone of the IANA database: use a name such as Europe/Berlin, America/New_York or UTC' },
      { path: ['spec', 'members', 0, 'contactMethods', 0, 'type'], message: '`type` must be one of `email`, `slack`, `teams`, `webhook`, not `sms`' },
      { path: ['spec', 'members', 0, 'contactMethods', 1, 'address'], message: '`payments` is not a slack address: use a channel (#payments-oncall), a handle (@ana), a member ID (U024BE7LH) or an incoming-webhook URL' },
      { path: ['spec', 'members', 0, 'contactMethods', 2, 'address'], message: '`ftp://x` is not a webhook address: use an http or https URL, e.g. https://hooks.example.com/page' },
      { path: ['spec', 'members', 0, 'contactMethods', 3, 'address'], message: '`address` is required: where to reach them: an email address, a Slack channel or member, or a webhook URL' },
      { path: ['spec', 'members', 1, 'email'], message: '`ana(at)example.com` is not an email address: write it as name@domain, e.g. ana@example.com' },
      { path: ['spec', 'members', 1, 'phone'], message: 'unknown field `phone`; allowed here: name, displayName, email, timeZone, contactMethods' },
      { path: ['spec', 'members', 2, 'name'], message: '`Ben Becker` is not a valid name: use letters, digits and \'-\', starting and ending with a letter or digit, e.g. checkout-availability' },
      { path: ['spec', 'members', 2, 'email'], message: '`email` is required: their email address, e.g. ana@example.com' },
      { path: ['spec', 'members', 1, 'name'], message: '`ana` is already the name of member 1: names are unique in a team' },
    ]);
    expect(problemsOf(team({ members: [] }))).toEqual([{ path: ['spec', 'members'], message: '`members` needs at least one item' }]);
    expect(problemsOf(team({ member: [] }))).toEqual([
      { path: ['spec', 'members'], message: '`members` is required: the people of the team, each with a name and an email' },
      { path: ['spec', 'member'], message: 'unknown field `member`: did you mean `members`? Allowed here: description, timeZone, members' },
    ]);
  });
});
