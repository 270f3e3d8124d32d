import { Text, View } from '@tarojs/components';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

export interface ChoicesProps<T extends string> {
  options: readonly Choice<T>[];
  value: T | undefined;
  onChange: (value: T) => void;
}

/** Pick one of a few options, shown as chips. */
export function Choices<T extends string>({ options, value, onChange }: ChoicesProps<T>) {
  return (
    <View className='choices'>
      {options.map((option) => (
        <View
          key={option.value}
          className={`choice${option.value === value ? ' choice--active' : ''}`}
          onClick={() => onChange(option.value)}
        >
          <Text>{option.label}</Text>
        </View>
      ))}
    </View>
  );
}
