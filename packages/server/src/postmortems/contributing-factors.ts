/**
 * The contributing-factor prompts of a postmortem draft. Blameless by construction: each asks
 * about the system (changes, safeguards, signals, tooling), never about who did what, as the
 * SRE book's postmortem culture and PagerDuty's template ask (reference/incident.md §2.6).
 */
export const CONTRIBUTING_FACTOR_PROMPTS: readonly string[] = [
  'What changed in the system, its load or its dependencies that set this off?',
  'Which safeguards (tests, canaries, limits, alerts) should have stopped or caught it sooner, and why did they not?',
  'What made it hard to see, diagnose or mitigate: dashboards, runbooks, tooling, access?',
  'Where else could the same conditions cause an incident?',
];
