import { Text, View } from '@tarojs/components';
import { STATISTICS_LIMITS, type StatisticsFieldDto } from '@safemonth/shared';
import { Choices, YES_NO, yesNoChoice } from '../../../components/Choices';
import { TextArea } from '../../../components/TextArea';
import './ProposedAnswers.scss';

export interface ProposedAnswersProps {
  /** The item's yes/no and text fields. */
  fields: (StatisticsFieldDto & { kind: 'boolean' | 'text' })[];
  /** fieldId → the proposed answer; a field without one proposes nothing. */
  values: Record<string, boolean | string>;
  onChange: (values: Record<string, boolean | string>) => void;
}

/**
 * What the report proposes for the item's yes/no fields (是/否, or left unset) and text fields (text,
 * or left empty): once it is accepted, the unit's liaison may adopt each as the table's answer.
 */
export function ProposedAnswers({ fields, values, onChange }: ProposedAnswersProps) {
  const set = (fieldId: string, value: boolean | string | undefined) => {
    const others = Object.fromEntries(Object.entries(values).filter(([id]) => id !== fieldId));
    onChange(value === undefined ? others : { ...others, [fieldId]: value });
  };
  return (
    <View className='proposed-answers'>
      <Text className='muted'>均可不填：报告通过后，本单位联络员可将其采用为统计表的填报内容</Text>
      {fields.map((field) => {
        const value = values[field.id];
        if (field.kind === 'text') {
          return (
            <TextArea
              key={field.id}
              label={field.label}
              value={typeof value === 'string' ? value : ''}
              onChange={(text) => set(field.id, text)}
              placeholder={`填写${field.label}（可不填）`}
              maxLength={STATISTICS_LIMITS.textAnswerMaxLength}
            />
          );
        }
        const chosen = yesNoChoice(typeof value === 'boolean' ? value : undefined);
        return (
          <View className='field' key={field.id}>
            <Text className='field__label'>{field.label}</Text>
            <View className='proposed-answers__choice'>
              <Choices options={YES_NO} value={chosen} onChange={(choice) => set(field.id, choice === 'yes')} />
              {chosen ? (
                <Text className='link' onClick={() => set(field.id, undefined)}>
                  不填
                </Text>
              ) : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}
