import type { FinalScheduleBody, OnCallBody } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import { oncallBundle } from './oncall-fixtures';
import { openTestApp, type TestApp } from './test-app';

const NOW = Date.parse('2026-02-10T12:00:00Z');
const weekly = { kind: 'layer', layer: 'weekly' } as const;
const office = { kind: 'layer', layer: 'office-hours' } as const;
const override = { kind: 'override' } as const;
const entry = (from: string, to: string, user: string, displayName: string, source: FinalScheduleBody['entries'][number]['source']) =>
  ({ from: `${from}:00.000Z`, to: `${to}:00.000Z`, user, displayName, source });
const ana = (from: string, to: string) => entry(from, to, 'ana', 'Ana Alves', weekly);
const dora = (from: string, to: string) => entry(from, to, 'dora', 'Dora Dietrich', office);

function parseIcs(text: string): { start: string; end: string; summary: string }[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return { start: event.startDate.toJSDate().toISOString(), end: event.endDate.toJSDate().toISOString(), summary: event.summary };
  });
}

describe.each(testDatabaseEngines())('on-call routes on %s', (engine) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(engine, { clock: new FakeClock(NOW) });
    const applied = await t.call({ method: 'POST', url: '/api/v1/apply', as: 'editor', payload: { documents: oncallBundle } });
    expect(applied.statusCode, applied.body).toBe(200);
  });
  afterEach(async () => { await t.close(); });

  const get = (url: string) => t.call({ url, as: 'viewer' });

  describe('GET /api/v1/schedules/{name}/final', () => {
    it('stacks the office-hours layer over the weekly one and the override over both (first week, CET = UTC+1)', async () => {
      const response = await get('/api/v1/schedules/payments-primary/final?from=2026-01-05T08:00:00Z&to=2026-01-12T08:00:00Z');
      expect(response.statusCode, response.body).toBe(200);
      // Weekdays 09:00–17:00 CET are 08:00–16:00Z (dora); ana has the rest of her week, except
      // Wednesday 18:00 to Thursday 09:00 CET (17:00Z–08:00Z), which ben takes over.
      expect(response.json()).toEqual({
        schedule: 'payments-primary', team: 'payments', timeZone: 'Europe/Berlin',
        from: '2026-01-05T08:00:00.000Z', to: '2026-01-12T08:00:00.000Z',
        entries: [
          dora('2026-01-05T08:00', '2026-01-05T16:00'), ana('2026-01-05T16:00', '2026-01-06T08:00'),
          dora('2026-01-06T08:00', '2026-01-06T16:00'), ana('2026-01-06T16:00', '2026-01-07T08:00'),
          dora('2026-01-07T08:00', '2026-01-07T16:00'), ana('2026-01-07T16:00', '2026-01-07T17:00'),
          entry('2026-01-07T17:00', '2026-01-08T08:00', 'ben', 'Ben Becker', override),
          dora('2026-01-08T08:00', '2026-01-08T16:00'), ana('2026-01-08T16:00', '2026-01-09T08:00'),
          dora('2026-01-09T08:00', '2026-01-09T16:00'), ana('2026-01-09T16:00', '2026-01-12T08:00'),
        ],
        gaps: [],
        coverage: 1,
      });
    });

    it('reports the gap before the first handoff and the share covered', async () => {
      const body: FinalScheduleBody = (await get('/api/v1/schedules/payments-primary/final?from=2026-01-04T08:00:00Z&to=2026-01-06T08:00:00Z')).json();
      expect(body.gaps).toEqual([{ from: '2026-01-04T08:00:00.000Z', to: '2026-01-05T08:00:00.000Z' }]);
      expect(body.entries).toEqual([dora('2026-01-05T08:00', '2026-01-05T16:00'), ana('2026-01-05T16:00', '2026-01-06T08:00')]);
      expect(body.coverage).toBe(0.5); // 24 h of 48
    });

    it('keeps the handoff at 09:00 local across the autumn change: 07:00Z before, 08:00Z after', async () => {
      // Week 41 after 5 January (19 October) is cem's (41 mod 3 = 2). Dora's Friday ends 17:00 CEST = 15:00Z;
      // Monday 26 October is CET, so ana's turn and dora's office hours both begin at 09:00 CET = 08:00Z.
      const body: FinalScheduleBody = (await get('/api/v1/schedules/payments-primary/final?from=2026-10-19T06:00:00Z&to=2026-10-26T09:00:00Z')).json();
      expect(body.entries.slice(0, 2)).toEqual([
        entry('2026-10-19T06:00', '2026-10-19T07:00', 'ben', 'Ben Becker', weekly),
        dora('2026-10-19T07:00', '2026-10-19T15:00'),
      ]);
      expect(body.entries.slice(-2)).toEqual([
        entry('2026-10-23T15:00', '2026-10-26T08:00', 'cem', 'Cem Çelik', weekly),
        dora('2026-10-26T08:00', '2026-10-26T09:00'),
      ]);
    });

    it('has gaps every night and weekend for a weekday-only schedule', async () => {
      // Monday 00:00 to Monday 00:00 CET: cem is on 5 × 8 h of 168 h.
      const body: FinalScheduleBody = (await get('/api/v1/schedules/db-oncall/final?from=2026-01-04T23:00:00Z&to=2026-01-11T23:00:00Z')).json();
      expect(body.entries.map((e) => [e.from, e.to, e.user, e.source])).toEqual([5, 6, 7, 8, 9].map((day) => [
        `2026-01-0${day}T08:00:00.000Z`, `2026-01-0${day}T16:00:00.000Z`, 'cem', { kind: 'layer', layer: 'weekdays' },
      ]));
      expect(body.gaps).toHaveLength(6);
      expect(body.gaps[0]).toEqual({ from: '2026-01-04T23:00:00.000Z', to: '2026-01-05T08:00:00.000Z' });
      expect(body.gaps[5]).toEqual({ from: '2026-01-09T16:00:00.000Z', to: '2026-01-11T23:00:00.000Z' });
      expect(body.coverage).toBe(40 / 168);
    });

    it('defaults to the week from now', async () => {
      const body: FinalScheduleBody = (await get('/api/v1/schedules/payments-primary/final')).json();
      expect([body.from, body.to]).toEqual(['2026-02-10T12:00:00.000Z', '2026-02-17T12:00:00.000Z']);
    });

    it('answers 404 for an unknown schedule and 400 for a bad range, with clear messages', async () => {
      const missing = await get('/api/v1/schedules/nope/final');
      expect([missing.statusCode, missing.json()]).toEqual([404, { error: { code: 'XOPS_ERR_NOT_FOUND', message: 'Schedule "nope" does not exist.', details: { kind: 'Schedule', name: 'nope' } } }]);
      const backwards = await get('/api/v1/schedules/payments-primary/final?from=2026-01-06T00:00:00Z&to=2026-01-05T00:00:00Z');
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().error).toMatchObject({
        code: 'XOPS_ERR_VALIDATION',
        message: 'Invalid querystring: `to` (2026-01-05T00:00:00.000Z) must be after `from` (2026-01-06T00:00:00.000Z).',
      });
      const tooLong = await get('/api/v1/schedules/payments-primary/final?from=2026-01-01T00:00:00Z&to=2027-01-03T00:00:00Z');
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().error.message).toContain('is longer than 366 days');
      const garbled = await get('/api/v1/schedules/payments-primary/final?from=yesterday');
      expect([garbled.statusCode, garbled.json().error.code]).toEqual([400, 'XOPS_ERR_VALIDATION']);
      expect((await t.call({ url: '/api/v1/schedules/payments-primary/final' })).statusCode).toBe(401);
    });
  });

  describe('GET /api/v1/schedules/{name}.ics', () => {
    it('exports one person\'s shifts across the spring change as iCalendar', async () => {
      // Week 11 (23 March) is cem's: evenings and nights around dora's office hours (08:00–16:00Z in CET),
      // then Friday 17:00 CET to Monday 09:00 CEST = 07:00Z, a turn of 167 h.
      const response = await get('/api/v1/schedules/payments-primary.ics?user=cem&from=2026-03-23T00:00:00Z&to=2026-03-31T00:00:00Z');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('inline; filename="payments-primary-cem.ics"');
      const event = (start: string, end: string) => ({ start: `${start}:00.000Z`, end: `${end}:00.000Z`, summary: 'On call: Cem Çelik' });
      expect(parseIcs(response.body)).toEqual([
        event('2026-03-23T16:00', '2026-03-24T08:00'), event('2026-03-24T16:00', '2026-03-25T08:00'),
        event('2026-03-25T16:00', '2026-03-26T08:00'), event('2026-03-26T16:00', '2026-03-27T08:00'),
        event('2026-03-27T16:00', '2026-03-30T07:00'),
      ]);
    });

    it('covers four weeks back to twelve weeks ahead by default', async () => {
      // Now is Tuesday 10 February 12:00Z: from Tuesday 13 January 12:00Z to Tuesday 5 May 12:00Z, both in dora's office hours.
      const events = parseIcs((await get('/api/v1/schedules/payments-primary.ics')).body);
      expect(events[0]).toEqual({ start: '2026-01-13T12:00:00.000Z', end: '2026-01-13T16:00:00.000Z', summary: 'On call: Dora Dietrich' });
      expect(events.at(-1)).toEqual({ start: '2026-05-05T07:00:00.000Z', end: '2026-05-05T12:00:00.000Z', summary: 'On call: Dora Dietrich' });
    });

    it('answers 404 for an unknown schedule or person', async () => {
      const schedule = await get('/api/v1/schedules/nope.ics');
      expect([schedule.statusCode, schedule.json().error.message]).toEqual([404, 'Schedule "nope" does not exist.']);
      const person = await get('/api/v1/schedules/payments-primary.ics?user=zoe');
      expect([person.statusCode, person.json().error.message]).toEqual([404, '"zoe" is not on schedule "payments-primary" nor a member of Team "payments".']);
    });
  });

  describe('GET /api/v1/oncall', () => {
    it('says who is on call at an instant for every schedule, since and until when, and how to reach them', async () => {
      const response = await get('/api/v1/oncall?at=2026-01-07T20:00:00Z');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({
        at: '2026-01-07T20:00:00.000Z',
        schedules: [
          {
            schedule: 'db-oncall', team: 'payments', timeZone: 'Europe/Berlin', onCall: null, source: null,
            since: '2026-01-07T16:00:00.000Z', until: '2026-01-08T08:00:00.000Z', problem: null,
          },
          {
            schedule: 'payments-primary', team: 'payments', timeZone: 'Europe/Berlin',
            onCall: {
              name: 'ben', displayName: 'Ben Becker', email: 'ben@example.com',
              contactMethods: [{ type: 'teams', address: 'https://example.webhook.office.com/webhookb2/payments-ben' }],
            },
            source: { kind: 'override' }, since: '2026-01-07T17:00:00.000Z', until: '2026-01-08T08:00:00.000Z', problem: null,
          },
        ],
      } satisfies OnCallBody);
    });

    it('falls back to the email of a member without contact methods, and to now', async () => {
      // Now is Tuesday 10 February 12:00Z, in dora's office hours (08:00–16:00Z).
      const body: OnCallBody = (await get('/api/v1/oncall?schedule=payments-primary')).json();
      expect(body.at).toBe('2026-02-10T12:00:00.000Z');
      expect(body.schedules).toEqual([{
        schedule: 'payments-primary', team: 'payments', timeZone: 'Europe/Berlin',
        onCall: { name: 'dora', displayName: 'Dora Dietrich', email: 'dora@example.com', contactMethods: [{ type: 'email', address: 'dora@example.com' }] },
        source: office, since: '2026-02-10T08:00:00.000Z', until: '2026-02-10T16:00:00.000Z', problem: null,
      }]);
    });

    it('shows a gap with no start before the schedule begins', async () => {
      const body: OnCallBody = (await get('/api/v1/oncall?schedule=payments-primary&at=2026-01-04T12:00:00Z')).json();
      expect(body.schedules[0]).toMatchObject({ onCall: null, source: null, since: null, until: '2026-01-05T08:00:00.000Z' });
    });

    it('gives the whole stretch someone is on call, across the weekend', async () => {
      // ana's stretch through the weekend runs from Friday 16:00Z to Monday 08:00Z.
      const body: OnCallBody = (await get('/api/v1/oncall?schedule=payments-primary&at=2026-01-10T12:00:00Z')).json();
      expect(body.schedules[0]).toMatchObject({ onCall: { name: 'ana' }, source: weekly, since: '2026-01-09T16:00:00.000Z', until: '2026-01-12T08:00:00.000Z' });
    });

    it('answers 404 for an unknown schedule and 400 for a bad instant', async () => {
      const missing = await get('/api/v1/oncall?schedule=nope');
      expect([missing.statusCode, missing.json().error.message]).toEqual([404, 'Schedule "nope" does not exist.']);
      const garbled = await get('/api/v1/oncall?at=tomorrow');
      expect([garbled.statusCode, garbled.json().error.code]).toEqual([400, 'XOPS_ERR_VALIDATION']);
    });
  });

  it('answers 400, not 500, for an instant past the year 9999 (regression: toISOString threw)', async () => {
    for (const url of ['/api/v1/oncall?at=9999999999999999', '/api/v1/schedules/payments-primary/final?from=8639999999999999', '/api/v1/schedules/payments-primary.ics?to=9999999999999999']) {
      const response = await get(url);
      expect([response.statusCode, response.json().error.code], url).toEqual([400, 'XOPS_ERR_VALIDATION']);
    }
    const simulated = await t.call({ method: 'POST', url: '/api/v1/routes/test', as: 'viewer', payload: { labels: { service: 'payments' }, at: 8_639_999_999_999_999 } });
    expect(simulated.statusCode).toBe(400);
  });

  it('lists the routes in the OpenAPI document with their operation ids', async () => {
    const paths = (await get('/api/v1/openapi.json')).json().paths;
    expect(paths['/api/v1/schedules/{name}/final'].get.operationId).toBe('getFinalSchedule');
    expect(paths['/api/v1/schedules/{name}.ics'].get.operationId).toBe('getScheduleIcs');
    expect(Object.keys(paths['/api/v1/schedules/{name}.ics'].get.responses['200'].content)).toEqual(['text/calendar']);
    expect(paths['/api/v1/oncall'].get.operationId).toBe('whoIsOnCall');
    expect(paths['/api/v1/routes/test'].post.operationId).toBe('testRoute');
  });
});
