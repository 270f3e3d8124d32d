import { Text, Textarea, View } from '@tarojs/components';

export interface TextAreaProps {
  label?: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** Shown in red under the box. */
  error?: string;
  /** Taller box, e.g. for a pasted table. */
  tall?: boolean;
  /** Most characters it takes; none by default. */
  maxLength?: number;
}

/** A labelled multi-line input, without a length limit unless given (the mini program's default is 140). */
export function TextArea({ label, value, onChange, placeholder, error, tall, maxLength }: TextAreaProps) {
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      {label ? <Text className='field__label'>{label}</Text> : null}
      <Textarea
        className={`textarea${tall ? ' textarea--tall' : ''}`}
        value={value}
        maxlength={maxLength ?? -1}
        placeholder={placeholder ?? label}
        onInput={(event) => onChange(String(event.detail.value))}
      />
      {error ? <Text className='field__error'>{error}</Text> : null}
    </View>
  );
}
