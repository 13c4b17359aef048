import { z } from 'zod';
import type { ConfigProblem } from '../config-object';
import { withRule } from '../config-rule';
import { descriptionSchema } from '../description';
import { objectNameSchema } from '../object-name';
import { ownField } from '../plain-object';
import { timeZoneSchema } from './time-zone';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_START = /^https?:\/\/[^\s/]+/;
// A Slack channel (#payments-oncall), a handle (@ana), a member or channel ID (U024BE7LH) or an incoming-webhook URL.
const SLACK = /^(#[\w.-]+|@[\w.-]+|[A-Z][A-Z0-9]{7,}|https:\/\/hooks\.slack\.com\/\S+)$/;

/** The ways xops can reach a person. */
export const CONTACT_METHOD_TYPES = ['email', 'slack', 'teams', 'webhook'] as const;
export type ContactMethodType = (typeof CONTACT_METHOD_TYPES)[number];

const ADDRESS_HELP: Readonly<Record<ContactMethodType, { readonly valid: (address: string) => boolean; readonly help: string }>> = {
  email: { valid: (address) => EMAIL.test(address), help: 'an email address, e.g. ana@example.com' },
  slack: { valid: (address) => SLACK.test(address), help: 'a channel (#payments-oncall), a handle (@ana), a member ID (U024BE7LH) or an incoming-webhook URL' },
  teams: { valid: (address) => URL_START.test(address), help: 'the https URL of a Microsoft Teams incoming webhook or workflow' },
  webhook: { valid: (address) => URL_START.test(address), help: 'an http or https URL, e.g. https://hooks.example.com/page' },
};

const emailSchema = z.string().superRefine((address, ctx) => {
  if (!EMAIL.test(address)) ctx.addIssue({ code: 'custom', message: `\`${address}\` is not an email address: write it as name@domain, e.g. ana@example.com` });
});

const contactMethodSchema = withRule(
  z.strictObject({
    type: z.enum(CONTACT_METHOD_TYPES).describe('how to reach them: email, slack, teams or webhook'),
    address: z.string().min(1).describe('where to reach them: an email address, a Slack channel or member, or a webhook URL'),
  }),
  (value): ConfigProblem[] => {
    const type = ownField(value, 'type');
    const address = ownField(value, 'address');
    const known = CONTACT_METHOD_TYPES.find((candidate) => candidate === type);
    if (typeof address !== 'string' || address === '' || known === undefined) return [];
    const rule = ADDRESS_HELP[known];
    return rule.valid(address) ? [] : [{ path: ['address'], message: `\`${address}\` is not a ${type} address: use ${rule.help}` }];
  },
);

const memberSchema = z.strictObject({
  name: objectNameSchema().describe('the id schedules and escalation policies use for this person, e.g. ana'),
  displayName: z.string().min(1).optional(),
  email: emailSchema.describe('their email address, e.g. ana@example.com'),
  timeZone: timeZoneSchema.optional(),
  contactMethods: z.array(contactMethodSchema).optional(),
});

/**
 * zod schema for the `spec` of a Team: its members, each with an email address, optional contact
 * methods (email, Slack, Microsoft Teams, webhook) and an optional time zone (else the team's).
 */
export const teamSpecSchema = withRule(
  z.strictObject({
    description: descriptionSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    members: z.array(memberSchema).min(1).describe('the people of the team, each with a name and an email'),
  }),
  (spec): ConfigProblem[] => {
    const members = ownField(spec, 'members');
    if (!Array.isArray(members)) return [];
    const seen = new Map<string, number>();
    const problems: ConfigProblem[] = [];
    members.forEach((member: unknown, index) => {
      const name = ownField(member, 'name');
      if (typeof name !== 'string') return;
      const earlier = seen.get(name);
      if (earlier === undefined) seen.set(name, index);
      else problems.push({ path: ['members', index, 'name'], message: `\`${name}\` is already the name of member ${earlier + 1}: names are unique in a team` });
    });
    return problems;
  },
);
/** The `spec` of a Team once checked. */
export type TeamSpec = z.infer<typeof teamSpecSchema>;
/** One member of a Team once checked. */
export type TeamMember = TeamSpec['members'][number];
