import { expect, it } from 'vitest';
import { formatAdminTokenNotice } from './admin-token-notice';

it('boxes the admin token, showing it once', () => {
  const token = `xops_${'a'.repeat(43)}`;
  expect(formatAdminTokenNotice(token)).toBe([
    '+------------------------------------------------------------------------------------------+',
    `| Admin token (shown once, store it now): ${token} |`,
    '| Use it as XOPS_TOKEN or with --token; create more with `xops token create`.              |',
    '+------------------------------------------------------------------------------------------+',
    '',
  ].join('\n'));
});
