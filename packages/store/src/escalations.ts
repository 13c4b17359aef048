import { escalationStep, type EscalationPosition, type PlannedPage } from '@xops/core';
import type { NotificationMessage } from '@xops/contracts';
import type { Kysely, Selectable } from 'kysely';
import { escalationSnapshotSchema, type EscalationSnapshot } from './escalation-snapshot';
import { appendIncidentEvents, getIncidentRecord, type IncidentRecord, type NewIncidentEvent } from './incident-records';
import { enqueueNotifications, type NewNotification } from './outbox';
import type { EscalationsTable, XopsDatabase } from './xops-database';

/**
 * Where an incident's escalation is: `active` while levels remain to be paged, `stopped` by an
 * acknowledgement or a resolve, `exhausted` once the policy ran out with nobody acknowledging,
 * `failed` when its snapshot could not be read or planned.
 */
export type EscalationStatus = 'active' | 'stopped' | 'exhausted' | 'failed';

/** An incident's escalation as stored; times are epoch ms. */
export interface EscalationRecord {
  readonly incidentId: string;
  /** Null when the stored snapshot is not one this version reads. */
  readonly snapshot: EscalationSnapshot | null;
  /** The level and round paged next (while active), or last due. */
  readonly level: number;
  readonly round: number;
  readonly nextAt: number | null;
  readonly status: EscalationStatus;
  readonly updatedAt: number;
}

/** What one step of an escalation did. */
export interface EscalationOutcome {
  readonly incidentId: string;
  /** The level paged, with the people; null when the step paged nobody. */
  readonly paged: PlannedPage | null;
  /** Outbox rows written (one per person and contact method). */
  readonly notifications: number;
  readonly status: EscalationStatus;
  readonly next: (EscalationPosition & { readonly at: number }) | null;
}

const ACTOR = 'xops';

/**
 * Starts the escalation of an incident that has just opened, in the caller's transaction (the
 * one that opened it, ADR 0013): stores `snapshot` and pages level 1 at once: `page` timeline
 * entries and outbox rows, with the next level due its delay later. Undefined, writing nothing,
 * when the incident already has an escalation.
 */
export async function startEscalation(
  trx: Kysely<XopsDatabase>,
  incident: IncidentRecord,
  snapshot: EscalationSnapshot,
  now: number,
): Promise<EscalationOutcome | undefined> {
  const inserted = await trx.insertInto('escalations')
    .values({ incident_id: incident.id, policy: JSON.stringify(snapshot), level: 1, round: 0, next_at_ms: now, status: 'active', updated_at_ms: now })
    .onConflict((oc) => oc.column('incident_id').doNothing())
    .returning('incident_id')
    .executeTakeFirst();
  if (inserted === undefined) return undefined;
  await appendIncidentEvents(trx, incident.id, [{
    at: now, kind: 'escalation', actor: ACTOR, text: `Escalation policy "${snapshot.policy.name}" started`,
    details: { policy: snapshot.policy.name, team: snapshot.team, levels: snapshot.policy.levels.length, repeat: snapshot.policy.repeat },
  }]);
  return pageDueLevel(trx, incident, { snapshot, level: 1, round: 0 }, now);
}

/**
 * Pages the level an active escalation has due, in one transaction with the incident's row
 * locked: `due` pages it only when its time has come, `now` at once (a delivery gave up, ADR
 * 0013). With `after`, `now` moves on only if the escalation still stands right after that
 * level, so several failed deliveries of one level move it on once. Undefined when there was
 * nothing to do.
 */
export async function advanceEscalation(
  trx: Kysely<XopsDatabase>,
  request: { incidentId: string; now: number; lock: boolean; when: 'due' | 'now'; after?: EscalationPosition },
): Promise<EscalationOutcome | undefined> {
  const { incidentId, now, lock } = request;
  // The incident first, as `changeIncident` does: an acknowledgement and a page wait for each other.
  const incident = await getIncidentRecord(trx, incidentId, lock);
  if (incident === undefined) return undefined;
  const row = await trx.selectFrom('escalations').selectAll().where('incident_id', '=', incident.id)
    .$if(lock, (qb) => qb.forUpdate()).executeTakeFirst();
  if (row === undefined || row.status !== 'active') return undefined;
  const escalation = toEscalationRecord(row);
  if (request.when === 'due' && (escalation.nextAt === null || escalation.nextAt > now)) return undefined;
  if (request.after !== undefined && !followsRightAfter(escalation, request.after)) return undefined;
  if (incident.state !== 'triggered') {
    await stopEscalation(trx, { incidentId: incident.id, now, actor: ACTOR, reason: `the incident is ${incident.state}` });
    return undefined;
  }
  if (escalation.snapshot === null) return finish(trx, incident.id, now, 'failed', 'the stored escalation policy is not one this version of xops can read');
  return pageDueLevel(trx, incident, { snapshot: escalation.snapshot, level: escalation.level, round: escalation.round }, now);
}

/**
 * Stops an active escalation (an acknowledgement or a resolve), with an `escalation` timeline
 * entry saying why. False when there was none to stop.
 */
export async function stopEscalation(trx: Kysely<XopsDatabase>, stop: { incidentId: string; now: number; actor: string; reason: string }): Promise<boolean> {
  const result = await trx.updateTable('escalations').set({ status: 'stopped', next_at_ms: null, updated_at_ms: stop.now })
    .where('incident_id', '=', stop.incidentId).where('status', '=', 'active')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await appendIncidentEvents(trx, stop.incidentId, [{ at: stop.now, kind: 'escalation', actor: stop.actor, text: `Escalation stopped: ${stop.reason}` }]);
  return true;
}

/** Incidents whose escalation has a level due at `now`, the longest waiting first. */
export async function listDueEscalations(db: Kysely<XopsDatabase>, now: number, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('escalations').select('incident_id')
    .where('status', '=', 'active').where('next_at_ms', '<=', now)
    .orderBy('next_at_ms').orderBy('incident_id').limit(limit).execute();
  return rows.map((row) => row.incident_id);
}

export async function getEscalation(db: Kysely<XopsDatabase>, incidentId: string): Promise<EscalationRecord | undefined> {
  const row = await db.selectFrom('escalations').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
  return row && toEscalationRecord(row);
}

async function pageDueLevel(
  trx: Kysely<XopsDatabase>,
  incident: IncidentRecord,
  due: { snapshot: EscalationSnapshot; level: number; round: number },
  now: number,
): Promise<EscalationOutcome> {
  const { snapshot } = due;
  const step = escalationStep({
    policy: snapshot.policy,
    schedules: new Map(snapshot.schedules.map((schedule) => [schedule.name, schedule])),
    incidentNumber: incident.number,
    position: { level: due.level, round: due.round },
    now,
  });
  if (!step.ok) return finish(trx, incident.id, now, 'failed', step.error);
  const { page, unstaffed, next } = step.value;
  const events: NewIncidentEvent[] = unstaffed.map((skipped) => ({
    at: now, kind: 'escalation', actor: ACTOR,
    text: `Level ${levelName(skipped)} has nobody on call: passing on at once`,
    details: { level: skipped.level, round: skipped.round },
  }));
  const notifications: NewNotification[] = [];
  if (page !== undefined) {
    for (const user of page.users) {
      const contacts = snapshot.people[user] ?? [];
      notifications.push(...pageNotifications(incident, snapshot, page, user));
      const how = contacts.length === 0 ? ': no way to reach them is known' : ` by ${contacts.map((contact) => `${contact.type} ${contact.address}`).join(', ')}`;
      events.push({
        at: now, kind: 'page', actor: ACTOR, text: `Paged ${user} (level ${levelName(page)})${how}`,
        details: { policy: snapshot.policy.name, level: page.level, round: page.round, user, channels: contacts.map((contact) => contact.type) },
      });
    }
  }
  await appendIncidentEvents(trx, incident.id, events);
  const written = await enqueueNotifications(trx, notifications);
  if (next === undefined) {
    // Said when the last level is paged, not later: nobody more will be paged, whoever acknowledges.
    const why = page === undefined ? 'ran out: nobody was on call at any level' : 'paged its last level: nobody further will be paged';
    const done = await finish(trx, incident.id, now, 'exhausted', `policy "${snapshot.policy.name}" ${why}`);
    return { ...done, paged: page ?? null, notifications: written.length };
  }
  await trx.updateTable('escalations').set({ level: next.level, round: next.round, next_at_ms: next.at, updated_at_ms: now })
    .where('incident_id', '=', incident.id).execute();
  return { incidentId: incident.id, paged: page ?? null, notifications: written.length, status: 'active', next };
}

async function finish(trx: Kysely<XopsDatabase>, incidentId: string, now: number, status: 'exhausted' | 'failed', why: string): Promise<EscalationOutcome> {
  await trx.updateTable('escalations').set({ status, next_at_ms: null, updated_at_ms: now }).where('incident_id', '=', incidentId).execute();
  await appendIncidentEvents(trx, incidentId, [{ at: now, kind: 'escalation', actor: ACTOR, text: `Escalation ended: ${why}` }]);
  return { incidentId, paged: null, notifications: 0, status, next: null };
}

/**
 * The outbox rows of one page of one person: one per contact method, keyed
 * `incident:<id>:level:<n>:round:<r>:<person>:<method>` (ADR 0013); a second method of the same
 * type is `<type>-2`, and so on.
 */
function pageNotifications(incident: IncidentRecord, snapshot: EscalationSnapshot, page: PlannedPage, user: string): NewNotification[] {
  const seen = new Map<string, number>();
  return (snapshot.people[user] ?? []).map((contact) => {
    const count = (seen.get(contact.type) ?? 0) + 1;
    seen.set(contact.type, count);
    const method = count === 1 ? contact.type : `${contact.type}-${count}`;
    return {
      idempotencyKey: `incident:${incident.id}:level:${page.level}:round:${page.round}:${user}:${method}`,
      incidentId: incident.id, channel: contact.type, destination: contact.address, recipient: user,
      message: pageMessage(incident, snapshot.policy.name, page), createdAt: page.at,
    };
  });
}

function pageMessage(incident: IncidentRecord, policy: string, position: EscalationPosition): NotificationMessage {
  const services = incident.services.length === 0 ? '' : ` on ${incident.services.join(', ')}`;
  return {
    title: `#${incident.number} ${incident.title}`,
    text: `${incident.severity} incident #${incident.number}${services}: you are paged at level ${levelName(position)} of escalation policy "${policy}". `
      + 'Acknowledge to stop the escalation.',
    incident: { id: incident.id, number: incident.number },
    severity: incident.severity,
    urgency: 'high',
    labels: { policy, level: String(position.level), round: String(position.round), ...(incident.services.length === 0 ? {} : { services: incident.services.join(',') }) },
  };
}

/** `2`, or `2, repeat 1` on a later round. */
function levelName(position: EscalationPosition): string {
  return position.round === 0 ? String(position.level) : `${position.level}, repeat ${position.round}`;
}

/** Whether the escalation stands at the level right after `failed` (the level whose delivery gave up). */
function followsRightAfter(escalation: EscalationRecord, failed: EscalationPosition): boolean {
  const levels = escalation.snapshot?.policy.levels.length ?? 0;
  const ordinal = (position: EscalationPosition) => position.round * levels + position.level - 1;
  return ordinal(escalation) === ordinal(failed) + 1;
}

function toEscalationRecord(row: Selectable<EscalationsTable>): EscalationRecord {
  const snapshot = escalationSnapshotSchema.safeParse(safeJson(row.policy));
  return {
    incidentId: row.incident_id,
    snapshot: snapshot.success ? snapshot.data : null,
    level: Number(row.level),
    round: Number(row.round),
    nextAt: row.next_at_ms === null ? null : Number(row.next_at_ms),
    status: STATUSES.find((status) => status === row.status) ?? 'failed',
    updatedAt: Number(row.updated_at_ms),
  };
}

const STATUSES: readonly EscalationStatus[] = ['active', 'stopped', 'exhausted', 'failed'];

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
