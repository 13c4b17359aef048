export * from './config/kinds';
export type * from './config/config-object';
export * from './api/role';
export * from './api/error-codes';
export * from './api/stored-object';
export * from './api/apply';
export * from './api/token';
export * from './api/audit-entry';
export * from './api/api-client';
export { validateConfigDocument } from './config/validate-config-document';
export { validateBundle } from './config/validate-bundle';
export { isKeyProblem } from './config/key-problem';
export { isObjectName } from './config/object-name';
export { parseDurationShorthand, type DurationShorthand, type DurationUnit } from './config/duration';
export { parseCalendarStartTime, isIanaTimeZone, type CalendarStartTime } from './config/calendar-time';
export * from './config/openslo/service';
export * from './config/openslo/data-source';
export * from './config/openslo/sli';
export * from './config/openslo/objective';
export * from './config/openslo/time-window';
export * from './config/openslo/slo';
export * from './config/openslo/alert-policy';
export * from './config/openslo/alert-condition';
export * from './config/openslo/alert-notification-target';
export * from './api/series-key';
export {
  compileSloDefinition, MIN_EVENTS_ANNOTATION, DEFAULT_MIN_EVENTS_FOR_BURN_RATE_ALERTS, DEFAULT_TIME_WINDOW,
  type CompileSloResult, type ObjectLookup,
} from './config/compile-slo-definition';
export { durationMs } from './config/duration-ms';
export * from './api/sli-event';
export * from './api/ingest-result';
export * from './api/bucket-sums';
export { formatDurationLabel } from './api/duration-label';
export { parseInstant, instantSchema, isoInstant } from './api/instant';
export * from './api/alert';
export * from './api/slo-status';
export * from './api/slo-series';
