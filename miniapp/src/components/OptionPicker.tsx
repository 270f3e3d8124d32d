import { Picker, Text, View } from '@tarojs/components';

export interface PickerOption {
  value: string;
  label: string;
  /** Indentation level (units of a tree). */
  level?: number;
}

export interface OptionPickerProps {
  options: readonly PickerOption[];
  value: string | undefined;
  onChange: (value: string) => void;
  placeholder: string;
}

const indented = (option: PickerOption) => `${'\u3000'.repeat(option.level ?? 0)}${option.label}`;

/**
 * Pick one of many options (e.g. a unit of a tree): a native `<select>` on h5 (the committee's
 * desktop console), the platform picker in the mini program.
 */
export function OptionPicker({ options, value, onChange, placeholder }: OptionPickerProps) {
  const selected = options.find((option) => option.value === value);

  if (process.env.TARO_ENV === 'h5') {
    return (
      <select className='select' value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        <option value='' disabled>
          {placeholder}
        </option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {indented(option)}
          </option>
        ))}
      </select>
    );
  }

  const index = Math.max(
    options.findIndex((option) => option.value === value),
    0,
  );
  return (
    <Picker
      mode='selector'
      range={options.map(indented)}
      value={index}
      onChange={(event) => {
        const option = options[Number(event.detail.value)];
        if (option) onChange(option.value);
      }}
    >
      <View className='picker-value'>
        <Text className='picker-value__text'>{selected?.label ?? placeholder}</Text>
        <Text className='muted picker-value__action'>选择</Text>
      </View>
    </Picker>
  );
}
