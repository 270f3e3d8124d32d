import { Picker, Text, View } from '@tarojs/components';

export interface DateInputProps {
  mode: 'date' | 'time';
  /** `YYYY-MM-DD` or `HH:mm`; '' when not chosen. */
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
}

/**
 * A date or a time: the browser's own input on h5 (the committee's desktop console), the platform
 * picker in the mini program.
 */
export function DateInput({ mode, value, onChange, placeholder }: DateInputProps) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <input
        className='date-input'
        type={mode}
        value={value}
        placeholder={placeholder}
        aria-label={placeholder}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  return (
    <Picker mode={mode} value={value} onChange={(event) => onChange(String(event.detail.value))}>
      <View className='picker-value'>
        <Text className={value ? '' : 'muted'}>{value || placeholder}</Text>
        <Text className='muted'>选择</Text>
      </View>
    </Picker>
  );
}
