import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CreateWecomRobotRequest, UnitDto, WecomRobotDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Field } from '../../../components/Field';
import { LinkText } from '../../../components/LinkText';
import { LoadFailure } from '../../../components/LoadFailure';
import { Notice } from '../../../components/Notice';
import { Toggle } from '../../../components/Toggle';
import { isApiError } from '../../../api/client';
import { useAction } from '../../../api/data';
import { notificationsApi } from '../../../api/endpoints';
import { keys, useWecomRobots } from '../../../api/resources';
import { confirmDanger } from '../../../utils/confirm';

type RobotField = 'name' | 'webhook';
type RobotErrors = Partial<Record<RobotField, string>>;

/** The server's details for the fields of the form, each under its field. */
function robotErrors(error: unknown): RobotErrors {
  const errors: RobotErrors = {};
  for (const detail of isApiError(error) ? error.details : []) {
    if (detail.field === 'name' || detail.field === 'webhook') errors[detail.field] ??= detail.message;
  }
  return errors;
}

function AddRobot({ unit }: { unit: UnitDto }) {
  const [name, setName] = useState('');
  const [webhook, setWebhook] = useState('');
  const [textOnly, setTextOnly] = useState(false);
  const [errors, setErrors] = useState<RobotErrors>({});
  const add = useAction(keys.wecomRobots(unit.id), (body: CreateWecomRobotRequest) => notificationsApi.addWecomRobot(unit.id, body, { toast: false }), {
    fallback: '添加失败，请稍后重试',
    onSuccess: () => {
      setName('');
      setWebhook('');
      setTextOnly(false);
      Taro.showToast({ title: '已添加群机器人', icon: 'none' });
    },
    onError: (error) => setErrors(robotErrors(error)),
  });

  const submit = () => {
    add.reset();
    const found: RobotErrors = {};
    if (!name.trim()) found.name = '请填写群机器人名称';
    if (!webhook.trim()) found.webhook = '请填写群机器人的 Webhook 地址';
    setErrors(found);
    if (!found.name && !found.webhook) void add.run({ name: name.trim(), webhook: webhook.trim(), textOnly });
  };
  // The message above the fields only when it is not already under one of them.
  const placed = errors.name || errors.webhook;

  return (
    <View className='robot-add'>
      <Field label='群机器人名称' placeholder='如：东城区安全生产工作群' value={name} onChange={(v) => { setName(v); setErrors({ ...errors, name: undefined }); }} error={errors.name} maxLength={50} />
      <Field
        label='Webhook 地址'
        placeholder='https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…'
        value={webhook}
        onChange={(v) => { setWebhook(v); setErrors({ ...errors, webhook: undefined }); }}
        error={errors.webhook}
        maxLength={300}
      />
      <View className='choices'>
        <Toggle label='仅发纯文本' checked={textOnly} onChange={setTextOnly} />
      </View>
      {add.failure && !placed ? <Notice kind='error'>{add.failure}</Notice> : null}
      <View className='actions'>
        <Button size='small' type='primary' loading={add.busy} disabled={add.busy} onClick={submit}>
          添加群机器人
        </Button>
      </View>
    </View>
  );
}

function RobotRow({ unit, robot }: { unit: UnitDto; robot: WecomRobotDto }) {
  const update = useAction(keys.wecomRobots(unit.id), (textOnly: boolean) => notificationsApi.updateWecomRobot(unit.id, robot.id, { textOnly }, { toast: false }), {
    fallback: '保存失败，请稍后重试',
  });
  const remove = useAction(keys.wecomRobots(unit.id), () => notificationsApi.removeWecomRobot(unit.id, robot.id, { toast: false }), {
    fallback: '删除失败，请稍后重试',
    onSuccess: () => Taro.showToast({ title: '已删除群机器人', icon: 'none' }),
  });
  const busy = update.busy || remove.busy;

  const ask = async () => {
    if (busy) return;
    const question = `删除群机器人“${robot.name}”？删除后“${unit.name}”的提醒不再发到该群，尚未发出的也不再发送。`;
    if (await confirmDanger('删除群机器人', question, '删除')) void remove.run();
  };

  return (
    <View className='row'>
      <View className='row__main'>
        <Text className='row__title'>{robot.name}</Text>
        <Text className='row__meta'>{`Webhook key：${robot.webhookKey}`}</Text>
        {update.failure ? <Notice kind='error'>{update.failure}</Notice> : null}
        {remove.failure ? <Notice kind='error'>{remove.failure}</Notice> : null}
      </View>
      <View className='choices'>
        <Toggle
          label='仅发纯文本'
          checked={robot.textOnly}
          onChange={(on) => {
            if (!busy) void update.run(on);
          }}
        />
      </View>
      <LinkText onClick={() => void ask()}>删除</LinkText>
    </View>
  );
}

/**
 * A unit's WeCom group robots (企业微信群机器人): where its reminders go on that channel. Their
 * webhook keys are shown masked (whoever has one may post to the group).
 */
export function WecomRobots({ unit }: { unit: UnitDto }) {
  const robots = useWecomRobots(unit.id);
  return (
    <View>
      <Text className='muted'>提醒设置中选择“企业微信群机器人”渠道时，本单位的提醒会发到这些群。Webhook 地址在企业微信群的“群机器人”中复制；群里有微信用户时请选择“仅发纯文本”（微信中不显示 Markdown 格式）。</Text>
      <LoadFailure resource={robots} />
      {robots.loading ? <Text className='muted'>加载中…</Text> : null}
      {robots.data?.length === 0 ? <Text className='muted'>暂无群机器人</Text> : null}
      {robots.data?.map((robot) => <RobotRow key={robot.id} unit={unit} robot={robot} />)}
      <AddRobot key={unit.id} unit={unit} />
    </View>
  );
}
