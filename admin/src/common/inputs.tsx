/** Inputs the forms and filters share. */
import { DateInput, NumberInput, type DateInputProps, type NumberInputProps, type Validator } from 'react-admin';
import { dayBoundaryIso } from './format';

/** Cents in the record, euros on screen (a price is typed as `12,50`, stored as 1250). */
export function MoneyInput(props: Omit<NumberInputProps, 'format' | 'parse' | 'step'>) {
  return (
    <NumberInput
      {...props}
      step={0.01}
      format={(cents: unknown) => (typeof cents === 'number' ? String(cents / 100) : '')}
      parse={(euros: unknown) => {
        const n = typeof euros === 'number' ? euros : parseFloat(String(euros));
        return Number.isFinite(n) ? Math.round(n * 100) : null;
      }}
    />
  );
}

function localDayBoundary(day: unknown, edge: 'start' | 'end'): unknown {
  return typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? dayBoundaryIso(day, edge) : day;
}

/**
 * Range filters on instants (`startsAt_gte`, `at_lte`…) are typed as days; they are
 * sent as the instant the day starts (for `_gte`) or ends (for `_lte`) in the user's
 * time zone, so that "before the 21st" includes the 21st.
 */
export function DayStartInput(props: Omit<DateInputProps, 'parse'>) {
  return <DateInput {...props} parse={(day: unknown) => localDayBoundary(day, 'start')} />;
}

export function DayEndInput(props: Omit<DateInputProps, 'parse'>) {
  return <DateInput {...props} parse={(day: unknown) => localDayBoundary(day, 'end')} />;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const validateTime: Validator = (value: unknown) =>
  value == null || value === '' || (typeof value === 'string' && TIME.test(value)) ? undefined : 'app.validation.time';

function siblingValue(values: unknown, source: string, sibling: string): unknown {
  const path = source.split('.');
  path[path.length - 1] = sibling;
  return path.reduce<unknown>((v, key) => (v == null ? v : (v as Record<string, unknown>)[key]), values);
}

/** A weekly slot's `to` must come after its `from` (both `HH:MM`, so strings compare). */
export const validateSlotEnd: Validator = (value: unknown, values: unknown, props?: { source?: string }) => {
  const from = props?.source ? siblingValue(values, props.source, 'from') : undefined;
  if (typeof value === 'string' && typeof from === 'string' && TIME.test(value) && TIME.test(from) && value <= from) {
    return 'app.validation.timeOrder';
  }
  return undefined;
};
