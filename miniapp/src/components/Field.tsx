import { Text, View } from '@tarojs/components';
import { Input } from './ui';

export interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** Shown in red under the field. */
  error?: string;
  password?: boolean;
  type?: 'text' | 'number' | 'digit';
  maxLength?: number;
}

/** A labelled single-line input with its validation message under it. */
export function Field({ label, value, onChange, placeholder, error, password, type, maxLength }: FieldProps) {
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      <Text className='field__label'>{label}</Text>
      <Input
        className='field__input'
        value={value}
        onChange={(next) => onChange(String(next))}
        placeholder={placeholder ?? label}
        type={password ? 'password' : (type ?? 'text')}
        maxLength={maxLength}
      />
      {error ? <Text className='field__error'>{error}</Text> : null}
    </View>
  );
}
