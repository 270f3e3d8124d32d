import { Text, View } from '@tarojs/components';
import { evidenceLinkProblem, REPORT_LIMITS } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Field } from '../../../components/Field';
import './EvidenceLinks.scss';

export interface EvidenceLinksProps {
  links: string[];
  onChange: (links: string[]) => void;
  /** A send was tried: rows left empty are told too, not only those typed wrong. */
  checked: boolean;
}

/** The report's evidence links (网址链接): up to the limit, each checked as typed, with 添加 and 移除. */
export function EvidenceLinks({ links, onChange, checked }: EvidenceLinksProps) {
  const change = (index: number, value: string) => onChange(links.map((link, i) => (i === index ? value : link)));
  return (
    <View className='evidence-links'>
      <Text className='muted'>新闻报道、网上发布的材料等的网址（可选），最多 {REPORT_LIMITS.evidenceLinksMax} 个</Text>
      {links.map((link, index) => (
        // Rows have no identity but their place: removing one moves the rest up.
        <View className='evidence-links__row' key={index}>
          <Field
            label={`网址链接 ${index + 1}`}
            value={link}
            onChange={(value) => change(index, value)}
            placeholder='https://'
            maxLength={REPORT_LIMITS.evidenceLinkMaxLength}
            error={link.trim() !== '' || checked ? evidenceLinkProblem(link) : undefined}
          />
          <Text className='link link--danger' onClick={() => onChange(links.filter((_, i) => i !== index))}>
            移除
          </Text>
        </View>
      ))}
      {links.length < REPORT_LIMITS.evidenceLinksMax ? (
        <Button size='small' onClick={() => onChange([...links, ''])}>
          添加网址链接
        </Button>
      ) : null}
    </View>
  );
}
