import { z } from 'zod';
import { isIanaTimeZone } from '../calendar-time';

/** zod schema for an IANA time zone name (`Europe/Berlin`, `UTC`), with a message that says how to fix it. */
export const timeZoneSchema = z.string().superRefine((name, ctx) => {
  if (!isIanaTimeZone(name)) {
    ctx.addIssue({ code: 'custom', message: `timeZone \`${name}\` is not a time zone of the IANA database: use a name such as Europe/Berlin, America/New_York or UTC` });
  }
});
