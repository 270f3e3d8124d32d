import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { HAZARD_LIMITS, REWARD_STATUSES, REWARD_STATUS_LABELS, type HazardCaseDto, type RewardRequest, type RewardStatus, type TypicalCaseRequest } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Choices } from '../../../components/Choices';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { Toggle } from '../../../components/Toggle';
import { useAction } from '../../../api/data';
import { hazardHandlingApi } from '../../../api/endpoints';
import { keys } from '../../../api/resources';
import { confirmDanger } from '../../../utils/confirm';
import { rewardAmount } from './model';

const quiet = { toast: false } as const;
const STALE = ['hazards'];
const REWARD_CHOICES = REWARD_STATUSES.map((value) => ({ value, label: REWARD_STATUS_LABELS[value] }));

/** 奖励: the amount and whether it is granted or paid; 取消奖励 takes it back. */
function Reward({ hazard }: { hazard: HazardCaseDto }) {
  const [amount, setAmount] = useState(hazard.reward ? String(hazard.reward.amountYuan) : '');
  const [status, setStatus] = useState<RewardStatus>(hazard.reward?.status ?? 'granted');
  const [problem, setProblem] = useState<string>();
  const save = useAction(keys.hazard(hazard.id), (body: RewardRequest | null) => (body ? hazardHandlingApi.setReward(hazard.id, body, quiet) : hazardHandlingApi.removeReward(hazard.id, quiet)), {
    stale: STALE,
    fallback: '保存失败，请稍后重试',
    onSuccess: (_answer, body) => {
      if (!body) setAmount('');
    },
  });
  const submit = () => {
    save.reset();
    const parsed = rewardAmount(amount);
    setProblem('problem' in parsed ? parsed.problem : undefined);
    if ('amountYuan' in parsed) void save.run({ amountYuan: parsed.amountYuan, status });
  };
  const remove = async () => {
    save.reset();
    setProblem(undefined);
    if (await confirmDanger('取消奖励', '确定取消对举报人的奖励？', '取消奖励')) void save.run(null);
  };
  const changed = !hazard.reward || String(hazard.reward.amountYuan) !== amount.trim() || hazard.reward.status !== status;

  return (
    <View className='hazard-part'>
      <Text className='field__label'>举报奖励</Text>
      <Text className='row__meta'>{hazard.reward ? `${hazard.reward.amountYuan} 元 · ${REWARD_STATUS_LABELS[hazard.reward.status]}` : '未设奖励'}</Text>
      <Field label='奖励金额（元）' type='digit' value={amount} onChange={setAmount} error={problem} maxLength={12} />
      <Choices options={REWARD_CHOICES} value={status} onChange={setStatus} />
      {save.failure ? <Notice kind='error'>{save.failure}</Notice> : null}
      <View className='actions'>
        <Button size='small' type='primary' loading={save.busy} disabled={save.busy || !changed} onClick={submit}>
          保存奖励
        </Button>
        {hazard.reward ? (
          <Button size='small' disabled={save.busy} onClick={() => void remove()}>
            取消奖励
          </Button>
        ) : null}
      </View>
    </View>
  );
}

/** 典型案例: marked for exposure, with the media report's link. */
function Typical({ hazard }: { hazard: HazardCaseDto }) {
  const [typical, setTypical] = useState(hazard.typical !== null);
  const [link, setLink] = useState(hazard.typical?.link ?? '');
  const save = useAction(keys.hazard(hazard.id), (body: TypicalCaseRequest) => hazardHandlingApi.setTypical(hazard.id, body, quiet), {
    stale: STALE,
    fallback: '保存失败，请稍后重试',
  });
  const changed = typical !== (hazard.typical !== null) || (typical && link.trim() !== (hazard.typical?.link ?? ''));
  const submit = () => {
    save.reset();
    void save.run(typical ? { typical, ...(link.trim() ? { link: link.trim() } : {}) } : { typical });
  };

  return (
    <View className='hazard-part'>
      <Text className='field__label'>典型案例</Text>
      <View className='choices'>
        <Toggle label='列为典型案例' checked={typical} onChange={setTypical} />
      </View>
      {typical ? <Field label='媒体报道链接（可选）' placeholder='https://' value={link} onChange={setLink} maxLength={HAZARD_LIMITS.linkLength} /> : null}
      {save.failure ? <Notice kind='error'>{save.failure}</Notice> : null}
      <Button size='small' type='primary' loading={save.busy} disabled={save.busy || !changed} onClick={submit}>
        保存典型案例
      </Button>
    </View>
  );
}

/** What a verified case may carry: a reward for the reporter, and its exposure as a typical case. */
export function Recognition({ hazard }: { hazard: HazardCaseDto }) {
  return (
    <View>
      <Reward hazard={hazard} />
      <Typical hazard={hazard} />
    </View>
  );
}
