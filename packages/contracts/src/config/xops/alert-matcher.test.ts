import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MATCHER_LENGTH, parseAlertMatcher } from './alert-matcher';

const error = (text: string): string => {
  const result = parseAlertMatcher(text);
  if (result.ok) throw new Error(`${text} parsed`);
  return result.error;
};

describe('parseAlertMatcher', () => {
  it('reads the four operators, quoted or bare values, and spaces around them', () => {
    expect(parseAlertMatcher('service="checkout"')).toEqual({ ok: true, value: { name: 'service', op: '=', value: 'checkout' } });
    expect(parseAlertMatcher('severity!=ticket')).toEqual({ ok: true, value: { name: 'severity', op: '!=', value: 'ticket' } });
    expect(parseAlertMatcher(' severity =~ "page|critical" ')).toEqual({ ok: true, value: { name: 'severity', op: '=~', value: 'page|critical' } });
    expect(parseAlertMatcher('instance!~db-\\d+')).toEqual({ ok: true, value: { name: 'instance', op: '!~', value: 'db-\\d+' } });
    expect(parseAlertMatcher('__name__="up"')).toEqual({ ok: true, value: { name: '__name__', op: '=', value: 'up' } });
  });

  it('unescapes quoted values as Go does, and takes "" as the empty value', () => {
    expect(parseAlertMatcher('summary="say \\"hi\\"\\n"')).toEqual({ ok: true, value: { name: 'summary', op: '=', value: 'say "hi"\n' } });
    expect(parseAlertMatcher('path=~"C:\\\\temp\\\\.*"')).toEqual({ ok: true, value: { name: 'path', op: '=~', value: 'C:\\temp\\.*' } });
    expect(parseAlertMatcher('team=""')).toEqual({ ok: true, value: { name: 'team', op: '=', value: '' } });
    expect(parseAlertMatcher('env="prod, eu"')).toEqual({ ok: true, value: { name: 'env', op: '=', value: 'prod, eu' } });
  });

  it('says what is wrong with a malformed matcher', () => {
    expect(error('')).toBe('a matcher is empty: write one such as e.g. service="checkout" or severity=~"page|critical"');
    expect(error('{service="checkout"}')).toBe('write one matcher per list item, without braces: e.g. service="checkout" or severity=~"page|critical"');
    expect(error('"service"="checkout"')).toBe('a label name is not quoted: write service="checkout", not "service"="checkout"');
    expect(error('1st="x"')).toBe('a matcher starts with a label name (letters, digits and _, not starting with a digit), found `1`: e.g. service="checkout" or severity=~"page|critical"');
    expect(error('service')).toBe('`service` needs an operator and a value: service="…" (or !=, =~, !~)');
    expect(error('service=="x"')).toBe('`==` is not an operator: use = for equality, =~ for a regex');
    expect(error('service~="x"')).toBe('`~=` is not an operator: did you mean =~ (regex match)?');
    expect(error('service=!"x"')).toBe('`=!` is not an operator: did you mean != (not equal)?');
    expect(error('service:"x"')).toBe('expected an operator (=, !=, =~ or !~) after `service`, found `:`');
    expect(error('service=')).toBe('the value is empty: write service="" to match alerts without the label');
    expect(error('service="checkout')).toBe('the quoted value is never closed: add the closing "');
    expect(error('service="checkout",team="a"')).toBe('write one matcher per list item: found `,` after the value');
    expect(error('service="checkout" x')).toBe('unexpected `x` after the quoted value');
    expect(error('service=check,out')).toBe('write one matcher per list item: found `,` in the value (quote it if it belongs there)');
    expect(error('service=check out')).toBe('a value with spaces must be double-quoted: service="…"');
    expect(error("service='checkout'")).toBe('a value with `\'` must be double-quoted: service="…"');
    expect(error('instance=~"db\\d"')).toBe('unknown escape `\\d` in a quoted value: use \\" \\\\ \\n \\t or \\r (a regex escape such as \\d is written \\\\d)');
    expect(error(`a="${'x'.repeat(MAX_MATCHER_LENGTH)}"`)).toBe(`a matcher has at most ${MAX_MATCHER_LENGTH} characters`);
  });

  it('checks regexes as Alertmanager would: anchored RE2, no lookaround', () => {
    expect(error('severity=~"(?=page)"')).toBe('the regex "(?=page)" uses lookaround or a backreference, which Alertmanager\'s RE2 does not have');
    expect(error('severity=~"(page"')).toMatch(/^the regex "\(page" does not compile: /);
    // `=` takes the value literally: brackets are fine there.
    expect(parseAlertMatcher('severity="(page"')).toMatchObject({ ok: true });
  });

  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (text) => {
      expect(typeof parseAlertMatcher(text).ok).toBe('boolean');
    }), { numRuns: 1000 });
    const pieces = fc.constantFrom('a', '_', '1', '=', '!', '~', '"', '\\', ' ', ',', '{', '}', '(', '|', '.', '*', 'n');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 16 }).map((list) => list.join('')), (text) => {
      expect(typeof parseAlertMatcher(text).ok).toBe('boolean');
    }), { numRuns: 2000 });
  });
});
