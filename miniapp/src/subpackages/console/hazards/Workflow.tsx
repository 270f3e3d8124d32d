import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { HAZARD_LIMITS, type AssignRectificationRequest, type HazardCaseDto, type RejectHazardRequest, type ReopenHazardRequest } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { DateInput } from '../../../components/DateInput';
import { Notice } from '../../../components/Notice';
import { TextArea } from '../../../components/TextArea';
import { useAction } from '../../../api/data';
import { hazardHandlingApi } from '../../../api/endpoints';
import { keys } from '../../../api/resources';
import { confirmDanger } from '../../../utils/confirm';
import { actionLabel, handlerActions, type HandlerAction } from './model';
import { UnitChooser, type ChosenUnit } from './UnitChooser';

const quiet = { toast: false } as const;

/** One step of the workflow with what it sends. */
type Step =
  | { action: 'startVerification' | 'verify' | 'close' }
  | { action: 'reject'; body: RejectHazardRequest }
  | { action: 'assign'; body: AssignRectificationRequest }
  | { action: 'reopen'; body: ReopenHazardRequest };

function perform(hazardId: string, step: Step): Promise<unknown> {
  switch (step.action) {
    case 'startVerification':
      return hazardHandlingApi.startVerification(hazardId, quiet);
    case 'verify':
      return hazardHandlingApi.verify(hazardId, quiet);
    case 'close':
      return hazardHandlingApi.close(hazardId, quiet);
    case 'reject':
      return hazardHandlingApi.reject(hazardId, step.body, quiet);
    case 'assign':
      return hazardHandlingApi.assign(hazardId, step.body, quiet);
    case 'reopen':
      return hazardHandlingApi.reopen(hazardId, step.body, quiet);
  }
}

/** The steps that need more than a click: a form opens under the buttons. */
type FormAction = Extract<HandlerAction, 'reject' | 'assign' | 'reopen'>;
const needsForm = (action: HandlerAction): action is FormAction => action === 'reject' || action === 'assign' || action === 'reopen';

/**
 * The case's next steps, only those the shared transitions allow from its status: 开始核查 and 属实
 * at once, 销号 after a question, 不属实 with its reason, 交办整改 with the unit, the due date and
 * what is asked, 重新整改 with the handler's comment (and a new due date, if any).
 */
export function Workflow({ hazard, organizerId }: { hazard: HazardCaseDto; organizerId: string }) {
  const actions = handlerActions(hazard.status);
  const [form, setForm] = useState<FormAction>();
  const [reason, setReason] = useState('');
  const [unit, setUnit] = useState<ChosenUnit | undefined>(hazard.unit ?? undefined);
  const [dueDate, setDueDate] = useState('');
  const [requirement, setRequirement] = useState('');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string>();
  /** The button last pressed: it shows the step running. */
  const [pressed, setPressed] = useState<HandlerAction>();
  const step = useAction(keys.hazard(hazard.id), (sent: Step) => perform(hazard.id, sent), {
    // The queue, the counts and the unit's list show the status too.
    stale: ['hazards', 'hazard-counts', 'rectifications'],
    fallback: '操作失败，请稍后重试',
    onSuccess: () => {
      setForm(undefined);
      setReason('');
      setComment('');
      setRequirement('');
      setDueDate('');
    },
  });
  if (actions.length === 0) return null;

  const start = (action: HandlerAction) => {
    step.reset();
    setProblem(undefined);
    setPressed(action);
    if (needsForm(action)) setForm(form === action ? undefined : action);
    else if (action === 'close') void confirmDanger('销号', '确认整改已到位并销号？销号后计入“整改销号”。', '销号').then((yes) => yes && step.run({ action }));
    else void step.run({ action });
  };

  const submit = () => {
    step.reset();
    if (form === 'reject') {
      if (!reason.trim()) return setProblem('请填写不属实的理由');
      setProblem(undefined);
      void step.run({ action: 'reject', body: { reason: reason.trim() } });
    } else if (form === 'assign') {
      if (!unit) return setProblem('请选择整改单位');
      if (!dueDate) return setProblem('请选择整改期限');
      setProblem(undefined);
      void step.run({ action: 'assign', body: { unitId: unit.id, dueDate, ...(requirement.trim() ? { requirement: requirement.trim() } : {}) } });
    } else if (form === 'reopen') {
      if (!comment.trim()) return setProblem('请填写重新整改的意见');
      setProblem(undefined);
      void step.run({ action: 'reopen', body: { comment: comment.trim(), ...(dueDate ? { dueDate } : {}) } });
    }
  };

  return (
    <View className='hazard-workflow'>
      <View className='actions'>
        {actions.map((action) => (
          <Button
            key={action}
            size='small'
            type={action === form || action === 'verify' || action === 'close' ? 'primary' : 'default'}
            loading={step.busy && pressed === action && !needsForm(action)}
            disabled={step.busy}
            onClick={() => start(action)}
          >
            {actionLabel(action, hazard.status)}
          </Button>
        ))}
      </View>
      {form === 'reject' ? (
        <TextArea label='不属实的理由' placeholder='不属实的理由（必填，举报人可以看到）' value={reason} onChange={setReason} maxLength={HAZARD_LIMITS.reasonLength} />
      ) : null}
      {form === 'assign' ? (
        <View>
          <View className='field'>
            <Text className='field__label'>整改单位</Text>
            <UnitChooser rootId={organizerId} value={unit} onChange={setUnit} />
          </View>
          <View className='field'>
            <Text className='field__label'>整改期限</Text>
            <DateInput mode='date' value={dueDate} onChange={setDueDate} placeholder='整改期限' />
          </View>
          <TextArea label='整改要求（可选）' value={requirement} onChange={setRequirement} maxLength={HAZARD_LIMITS.descriptionLength} />
        </View>
      ) : null}
      {form === 'reopen' ? (
        <View>
          <TextArea label='重新整改意见' placeholder='重新整改意见（必填，整改单位可以看到）' value={comment} onChange={setComment} maxLength={HAZARD_LIMITS.reasonLength} />
          <View className='field'>
            <Text className='field__label'>新的整改期限（可选，不选则沿用原期限）</Text>
            <DateInput mode='date' value={dueDate} onChange={setDueDate} placeholder='新的整改期限' />
          </View>
        </View>
      ) : null}
      {problem ? <Notice kind='error'>{problem}</Notice> : null}
      {step.failure ? <Notice kind='error'>{step.failure}</Notice> : null}
      {form ? (
        <View className='actions'>
          <Button type='primary' size='small' loading={step.busy} disabled={step.busy} onClick={submit}>
            {`确认${actionLabel(form, hazard.status)}`}
          </Button>
          <Button size='small' disabled={step.busy} onClick={() => setForm(undefined)}>
            取消
          </Button>
        </View>
      ) : null}
    </View>
  );
}
