import { finalSchedule, type FinalSchedule, type ScheduleDefinition } from '@xops/core';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderScheduleIcs } from './schedule-ics';

const DAY = 86_400_000;
const utc = Date.UTC;

// Weekly from Mon 16 Mar 2026 09:00 Europe/Berlin (08:00Z); dan overrides Wed 18 Mar 17:00Z to Thu 19 Mar 07:00Z.
// Ben's turn ends Mon 30 Mar 09:00 CEST = 07:00Z, after the spring change.
const schedule: ScheduleDefinition = {
  name: 'payments-primary',
  timeZone: 'Europe/Berlin',
  layers: [{ name: 'weekly', users: ['ana', 'ben'], start: utc(2026, 2, 16, 8), turnLengthMs: 7 * DAY, restrictions: [] }],
  overrides: [{ user: 'dan', from: utc(2026, 2, 18, 17), to: utc(2026, 2, 19, 7) }],
};
const final: FinalSchedule = (() => {
  const computed = finalSchedule(schedule, { from: utc(2026, 2, 16, 8), to: utc(2026, 2, 30, 7) });
  if (!computed.ok) throw new Error(computed.error);
  return computed.value;
})();
const people = new Map([['ana', { displayName: 'Ana Alves', email: 'ana@example.com' }]]);
const generatedAt = utc(2026, 2, 1, 12);

interface ParsedEvent { uid: string; summary: string; description: string; start: string; end: string }
function parse(text: string): { name: unknown; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    name: calendar.getFirstPropertyValue('x-wr-calname'),
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return { uid: event.uid, summary: event.summary, description: event.description, start: event.startDate.toJSDate().toISOString(), end: event.endDate.toJSDate().toISOString() };
    }),
  };
}

describe('renderScheduleIcs', () => {
  it('renders one event per entry of the final schedule, which a parser reads back', () => {
    const text = renderScheduleIcs({ schedule: 'payments-primary', final, generatedAt, people });
    expect(parse(text)).toEqual({
      name: 'On call: payments-primary',
      events: [
        { uid: `oncall-payments-primary-ana-${utc(2026, 2, 16, 8)}@xops`, summary: 'On call: Ana Alves', description: 'Schedule payments-primary, layer weekly. Contact: ana@example.com', start: '2026-03-16T08:00:00.000Z', end: '2026-03-18T17:00:00.000Z' },
        { uid: `oncall-payments-primary-dan-${utc(2026, 2, 18, 17)}@xops`, summary: 'On call: dan (override)', description: 'Schedule payments-primary, an override.', start: '2026-03-18T17:00:00.000Z', end: '2026-03-19T07:00:00.000Z' },
        { uid: `oncall-payments-primary-ana-${utc(2026, 2, 19, 7)}@xops`, summary: 'On call: Ana Alves', description: 'Schedule payments-primary, layer weekly. Contact: ana@example.com', start: '2026-03-19T07:00:00.000Z', end: '2026-03-23T08:00:00.000Z' },
        { uid: `oncall-payments-primary-ben-${utc(2026, 2, 23, 8)}@xops`, summary: 'On call: ben', description: 'Schedule payments-primary, layer weekly.', start: '2026-03-23T08:00:00.000Z', end: '2026-03-30T07:00:00.000Z' },
      ],
    });
  });

  it('writes RFC 5545 lines: CRLF, UTC times, a product id and a stamp', () => {
    const lines = renderScheduleIcs({ schedule: 'payments-primary', final, generatedAt, user: 'dan' }).split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//xops//on-call//EN']);
    expect(lines).toContain('X-WR-CALNAME:On call: payments-primary (dan)');
    const event = lines.slice(lines.indexOf('BEGIN:VEVENT'), lines.indexOf('END:VEVENT') + 1);
    expect(event).toEqual(expect.arrayContaining([
      'DTSTAMP:20260301T120000Z', 'DTSTART:20260318T170000Z', 'DTEND:20260319T070000Z', 'SUMMARY:On call: dan (override)',
    ]));
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1); // only dan's entry
    expect(lines.slice(-2)).toEqual(['END:VCALENDAR', '']); // the last line ends with CRLF too
  });
});
