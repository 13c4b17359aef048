import { RANGE_CHOICES, type RangeChoice } from './time-range';

/** The window picker: which stretch of time, ending now, the charts show. */
export function RangePicker({ value, windowLabel, onChange }: { readonly value: RangeChoice; readonly windowLabel: string; readonly onChange: (choice: RangeChoice) => void }) {
  return (
    <fieldset className="range-picker" data-testid="range-picker">
      <legend>Window</legend>
      {RANGE_CHOICES.map((choice) => (
        <label key={choice.id}>
          <input type="radio" name="range" value={choice.id} checked={value === choice.id} onChange={() => onChange(choice.id)} />
          {choice.id === 'window' ? `${choice.label} (${windowLabel})` : choice.label}
        </label>
      ))}
    </fieldset>
  );
}
