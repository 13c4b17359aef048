/**
 * Body limits of the alert endpoints (DESIGN.md §7). An Alertmanager webhook carries a whole
 * group (every alert unless `max_alerts` is set): 4 MiB holds about 2,000 alerts with long
 * annotations. PagerDuty's Events API takes at most 512 KB an event; so does xops.
 */
export const ALERTS_BODY_LIMIT = 4 * 1024 * 1024;
export const PAGERDUTY_BODY_LIMIT = 512 * 1024;
