import { useEffect, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { daysInMonth, formatChinaDate } from '@safemonth/shared';
import { pad } from '../utils/format';
import { dateParts, joinDateParts, yearChoices, type DateParts } from '../utils/dateParts';
import './DateInput.scss';

export interface DateInputProps {
  mode: 'date' | 'time';
  /** `YYYY-MM-DD` or `HH:mm`; '' when not chosen. */
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** One part of a date or time: a <select> followed by its unit ("年", "月", "时"). */
function PartSelect({ label, unit, value, options, onChange }: {
  label: string;
  unit: string;
  value: string;
  options: { value: string; text: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <>
      <select className='date-input__part' aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value=''>--</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
      <Text className='date-input__unit'>{unit}</Text>
    </>
  );
}

/**
 * h5: a date as 年/月/日 and a time as 时:分 on the 24-hour clock, whatever the browser's locale (its
 * own date input shows mm/dd/yyyy and AM/PM). A half-chosen value stays here and is reported as ''.
 */
function H5DateInput({ mode, value, onChange, placeholder }: DateInputProps) {
  const [parts, setParts] = useState<DateParts>(() => dateParts(mode, value));
  // Follow the value from outside (a loaded draft, a reset), but keep a half-chosen one while it is ''.
  useEffect(() => {
    if (joinDateParts(mode, parts) !== value && (value !== '' || joinDateParts(mode, parts) !== '')) setParts(dateParts(mode, value));
    // Only a change of the value from outside matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode, value]);
  const set = (index: number, part: string) => {
    const next = parts.map((p, i) => (i === index ? part : p));
    // 31 stays chosen only in a month that has it.
    if (mode === 'date' && next[0] && next[1] && Number(next[2]) > daysInMonth(Number(next[0]), Number(next[1]))) next[2] = '';
    setParts(next);
    const joined = joinDateParts(mode, next);
    if (joined !== value) onChange(joined);
  };
  const numbers = (values: number[], width = 1) => values.map((n) => ({ value: String(n), text: width > 1 ? pad(n) : String(n) }));
  if (mode === 'time') {
    return (
      <View className='date-input' role='group' aria-label={placeholder}>
        <PartSelect label={`${placeholder}（时）`} unit='时' value={parts[0]} options={numbers(range(0, 23), 2)} onChange={(v) => set(0, v)} />
        <PartSelect label={`${placeholder}（分）`} unit='分' value={parts[1]} options={numbers(range(0, 59), 2)} onChange={(v) => set(1, v)} />
      </View>
    );
  }
  const year = Number(parts[0]);
  const month = Number(parts[1]);
  const days = year && month ? daysInMonth(year, month) : 31;
  return (
    <View className='date-input' role='group' aria-label={placeholder}>
      <PartSelect label={`${placeholder}（年）`} unit='年' value={parts[0]} options={numbers(yearChoices(year || undefined))} onChange={(v) => set(0, v)} />
      <PartSelect label={`${placeholder}（月）`} unit='月' value={parts[1]} options={numbers(range(1, 12))} onChange={(v) => set(1, v)} />
      <PartSelect label={`${placeholder}（日）`} unit='日' value={parts[2]} options={numbers(range(1, days))} onChange={(v) => set(2, v)} />
    </View>
  );
}

/**
 * A date or a time in zh-CN form (2027年6月5日, 18:00): selects on h5 (the committee's desktop
 * console), the platform picker in the mini program.
 */
export function DateInput(props: DateInputProps) {
  const { mode, value, onChange, placeholder } = props;
  if (process.env.TARO_ENV === 'h5') return <H5DateInput {...props} />;
  return (
    <Picker mode={mode} value={value} onChange={(event) => onChange(String(event.detail.value))}>
      <View className='picker-value'>
        <Text className={`picker-value__text${value ? '' : ' muted'}`}>{value ? (mode === 'date' ? formatChinaDate(value) : value) : placeholder}</Text>
        <Text className='muted picker-value__action'>选择</Text>
      </View>
    </Picker>
  );
}
