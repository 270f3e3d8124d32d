import { Text, View } from '@tarojs/components';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

/** 是/否 as choices (a yes/no field's answer, or a proposed one). */
export const YES_NO = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
] as const;

/** The 是/否 choice of an answer, or undefined while there is none. */
export const yesNoChoice = (value: boolean | null | undefined) => (value === null || value === undefined ? undefined : value ? 'yes' : 'no');

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
