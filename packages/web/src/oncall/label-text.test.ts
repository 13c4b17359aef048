import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLabelText } from './label-text';

describe('readLabelText', () => {
  it('reads pairs separated by commas, spaces or lines', () => {
    expect(readLabelText('service=payments, severity=page')).toEqual({ ok: true, value: { service: 'payments', severity: 'page' } });
    expect(readLabelText('service=payments severity=page')).toEqual({ ok: true, value: { service: 'payments', severity: 'page' } });
    expect(readLabelText('alertname = PaymentsDown\nservice=payments\n\n')).toEqual({ ok: true, value: { alertname: 'PaymentsDown', service: 'payments' } });
  });

  it('reads quoted values, which may hold spaces, commas and escaped quotes', () => {
    expect(readLabelText('summary="slow, then down", note="say \\"hi\\""')).toEqual({ ok: true, value: { summary: 'slow, then down', note: 'say "hi"' } });
  });

  it('keeps an empty value', () => {
    expect(readLabelText('region=, service=cart')).toEqual({ ok: true, value: { region: '', service: 'cart' } });
    expect(readLabelText('region="" service=cart')).toEqual({ ok: true, value: { region: '', service: 'cart' } });
  });

  it('refuses what is not name=value, a name twice, and nothing at all', () => {
    const help = 'is not a label: write name=value, e.g. service=payments (quote a value with spaces)';
    expect(readLabelText('service payments')).toEqual({ ok: false, error: `\`service\` ${help}` });
    expect(readLabelText('service=a, 1x=b')).toEqual({ ok: false, error: `\`1x=b\` ${help}` });
    expect(readLabelText('path=a"b"')).toEqual({ ok: false, error: `\`path=a"b"\` ${help}` });
    expect(readLabelText('service=a\nservice=b')).toEqual({ ok: false, error: 'the label service is given twice' });
    expect(readLabelText(' , \n ')).toEqual({ ok: false, error: 'Give at least one label, e.g. service=payments.' });
  });
});

describe('readLabelText, on any input', () => {
  it('never throws, and reads back any labels written as name="value"', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      expect(() => readLabelText(text)).not.toThrow();
    }));
    const labels = fc.dictionary(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/), fc.string().filter((value) => !value.includes('\n')), { minKeys: 1 });
    fc.assert(fc.property(labels, (given) => {
      const text = Object.entries(given).map(([name, value]) => `${name}="${value.replace(/["\\]/g, '\\$&')}"`).join(', ');
      expect(readLabelText(text)).toEqual({ ok: true, value: given });
    }));
  });
});
