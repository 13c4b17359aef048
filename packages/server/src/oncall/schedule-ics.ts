import type { FinalSchedule, ScheduleEntry } from '@xops/core';
import ical from 'ical-generator';

/** How a person is shown in the calendar; people without one are shown by their id. */
export interface IcsPerson {
  readonly displayName?: string;
  readonly email?: string;
}

export interface ScheduleIcsOptions {
  /** The schedule's name, e.g. `payments-primary`. */
  readonly schedule: string;
  /** What `finalSchedule` computed; every entry becomes one event. */
  readonly final: FinalSchedule;
  /** When the calendar is made (epoch ms): every event's DTSTAMP. */
  readonly generatedAt: number;
  /** Names and addresses by person id, from the schedule's Team. */
  readonly people?: ReadonlyMap<string, IcsPerson>;
  /** Only this person's shifts: a personal feed to subscribe to. */
  readonly user?: string;
}

/**
 * Renders a final schedule as an iCalendar file (RFC 5545): one VEVENT per entry, in UTC, titled
 * `On call: <name>` (with `(override)` for overrides). Each event's UID is made of the schedule,
 * the person and the start, so a calendar that subscribes to the feed updates events in place.
 *
 * @example renderScheduleIcs({ schedule: 'payments-primary', final, generatedAt: Date.now() })
 *   // → "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//xops//on-call//EN\r\n…"
 */
export function renderScheduleIcs(options: ScheduleIcsOptions): string {
  const { schedule, final, generatedAt, people, user } = options;
  const calendar = ical({
    name: user === undefined ? `On call: ${schedule}` : `On call: ${schedule} (${nameOf(user, people)})`,
    prodId: { company: 'xops', product: 'on-call', language: 'EN' },
  });
  for (const entry of final.entries) {
    if (user !== undefined && entry.user !== user) continue;
    calendar.createEvent({
      id: `oncall-${schedule}-${entry.user}-${entry.from}@xops`,
      start: new Date(entry.from),
      end: new Date(entry.to),
      stamp: new Date(generatedAt),
      summary: `On call: ${nameOf(entry.user, people)}${entry.source.kind === 'override' ? ' (override)' : ''}`,
      description: describe(schedule, entry, people),
    });
  }
  // RFC 5545 § 3.1 ends every content line with CRLF, the last one too; ical-generator leaves it off.
  return `${calendar.toString()}\r\n`;
}

function nameOf(user: string, people: ReadonlyMap<string, IcsPerson> | undefined): string {
  return people?.get(user)?.displayName ?? user;
}

function describe(schedule: string, entry: ScheduleEntry, people: ReadonlyMap<string, IcsPerson> | undefined): string {
  const source = entry.source.kind === 'override' ? 'an override' : `layer ${entry.source.layer}`;
  const email = people?.get(entry.user)?.email;
  return `Schedule ${schedule}, ${source}.${email === undefined ? '' : ` Contact: ${email}`}`;
}
