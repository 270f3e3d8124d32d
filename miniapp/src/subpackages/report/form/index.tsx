import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { REPORT_LIMITS, REPORT_MESSAGES } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { OptionPicker } from '../../../components/OptionPicker';
import { Section } from '../../../components/Section';
import { TextArea } from '../../../components/TextArea';
import { together } from '../../../api/data';
import { mediaApi } from '../../../api/endpoints';
import { useCampaign, useMe, useReport } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { answerFields, countFields, reportingUnits, returnComment, type DraftMedia } from '../../../utils/reports';
import { fieldDisplay } from '../../../utils/campaigns';
import { Routes, withQuery } from '../../../routes';
import { PageStatus } from '../../../components/PageStatus';
import { inputOf, proposed } from './draft';
import { EvidenceLinks } from './EvidenceLinks';
import { MediaList } from './MediaList';
import { ProposedAnswers } from './ProposedAnswers';
import { useReportDraft, type PickedFile } from './useReportDraft';
import { useUploadQueue, type UploadState } from '../../../utils/useUploadQueue';

export const OFFLINE_NOTICE = '网络不可用，草稿已保存：恢复网络后会自动重新提交，也可以点「重新提交」';

/** A file of a draft opened again that had not finished uploading (h5 loses it; weapp kept it). */
const UNFINISHED: UploadState = { state: 'failed', error: '上传未完成' };

/** How many digits a number up to `max` has: the length limit of its input. */
const maxDigits = (max: number) => String(max).length;

export default function ReportFormPage() {
  const router = useRouter();
  const campaignId = router.params.campaignId ?? '';
  const reportId = router.params.reportId || undefined;
  const signedIn = useSession(withQuery(Routes.reportForm, { campaignId, reportId }));
  const campaign = useCampaign(signedIn ? campaignId : undefined);
  const me = useMe(signedIn);
  const report = useReport(signedIn ? reportId : undefined);
  const status = together(campaign, me, report);
  const [errors, setErrors] = useState<string[]>([]);
  /** A send was tried: the inputs tell what is missing, not only what is wrong. */
  const [checked, setChecked] = useState(false);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string>();

  const form = useReportDraft({
    campaignId,
    reportId,
    source: campaign.data && me.data && (!reportId || report.data) ? { campaign: campaign.data, me: me.data, report: report.data ?? null } : undefined,
    prepare: (d) => {
      // Not with a file missing: a report would go without it (the page says why; a resend waits).
      if (uploading || uploadFailed) return undefined;
      const { input, problems } = inputOf(d, item);
      setErrors(problems);
      setChecked(true);
      return input;
    },
    onSent: (sent) => {
      Taro.redirectTo({ url: withQuery(Routes.report, { id: sent.id }) }).catch(() => undefined);
    },
  });
  const { draft } = form;

  const uploads = useUploadQueue(async (key, onProgress) => {
    const current = form.current();
    const entry = current?.media.find((m) => m.key === key);
    if (!current || !entry) return;
    const file = form.fileOf(key);
    const media = await mediaApi.upload(
      campaignId,
      current.unitId,
      file ? { file, fileName: entry.name } : { filePath: entry.localPath },
      onProgress,
      { toast: false },
    );
    form.uploaded(key, media);
  });
  const stateOf = (entry: DraftMedia) => uploads.states[entry.key] ?? (entry.mediaId ? undefined : UNFINISHED);
  const uploadStates = (draft?.media ?? []).map((m) => stateOf(m)?.state);
  const uploading = uploadStates.some((state) => state === 'queued' || state === 'uploading');
  const uploadFailed = uploadStates.includes('failed');

  const item = campaign.data?.items.find((i) => i.id === draft?.itemId);
  const room = REPORT_LIMITS.mediaMax - (draft?.media.length ?? 0);

  const canAdd = () => {
    const problem = !draft?.unitId ? '请先选择单位' : room <= 0 ? REPORT_MESSAGES.tooManyMedia : undefined;
    if (problem) setErrors([problem]);
    return !problem;
  };

  const addFiles = (picked: PickedFile[]) => {
    // Files beyond what a report takes are left out, and the reporter told so.
    if (picked.length > room) setErrors([REPORT_MESSAGES.tooManyMedia]);
    uploads.enqueue(form.addFiles(picked.slice(0, room)));
  };

  const retry = (key: string) => {
    // h5 keeps no file across a reload: there is nothing to upload again.
    if (process.env.TARO_ENV === 'h5' && !form.fileOf(key)) uploads.fail(key, '文件已不可用，请移除后重新选择');
    else uploads.enqueue([key]);
  };

  const removeMedia = (key: string) => {
    uploads.forget(key);
    form.removeMedia(key);
  };

  const chooseUnit = (unitId: string) => {
    if (unitId === draft?.unitId) return;
    if (draft?.media.length) {
      setErrors(['照片和视频是为原单位上传的：请先移除它们，再更换单位']);
      return;
    }
    form.update({ unitId });
  };

  const chooseItem = (itemId: string) => {
    const chosen = campaign.data?.items.find((i) => i.id === itemId);
    // Proposed answers belong to the fields of the item they were given for.
    form.update((d) => ({ itemId, contributions: proposed(chosen, d.headcount), contributionsEdited: false, proposedAnswers: {} }));
  };

  const changeHeadcount = (headcount: string) => {
    form.update((d) => (d.contributionsEdited ? { headcount } : { headcount, contributions: proposed(item, headcount) }));
  };

  const changeContribution = (fieldId: string, value: string) => {
    form.update((d) => ({ contributions: { ...d.contributions, [fieldId]: value }, contributionsEdited: true }));
  };

  const locate = async () => {
    setLocating(true);
    setLocationError(undefined);
    try {
      const { latitude, longitude } = await Taro.getLocation({ type: 'wgs84' });
      form.update({ latitude: Math.round(latitude * 1e6) / 1e6, longitude: Math.round(longitude * 1e6) / 1e6 });
    } catch {
      setLocationError('无法获取位置：请允许使用位置信息后重试，或只填写地点');
    } finally {
      setLocating(false);
    }
  };

  const clearDraft = () => {
    uploads.clear();
    setErrors([]);
    setChecked(false);
    form.clear();
  };

  if (!campaignId) return <PageStatus failure='没有指定活动' />;
  if (!campaign.data || !draft) return <PageStatus failure={status.failure} onRetry={status.reload} />;

  const units = reportingUnits(campaign.data, me.data ?? null);
  const why = uploading ? '照片或视频正在上传，上传完成后才能提交' : uploadFailed ? '有文件上传失败：请点「重试」或移除该文件' : undefined;
  // What the reviewer asked to change, while the report is still returned.
  const returned = report.data?.status === 'returned' ? returnComment(report.data) : undefined;

  return (
    <View className='page report-form'>
      <Section title={reportId ? '修改活动报告' : '报活动'}>
        <Text className='muted'>{campaign.data.title}</Text>
        {report.data?.status === 'returned' ? <Notice kind='error'>退回意见：{returned ?? '无'}</Notice> : null}
        {/* A report stays with its unit: files are uploaded for it, and an edit cannot move it. */}
        {units.length > 1 && !reportId ? (
          <View className='field'>
            <Text className='field__label'>单位</Text>
            <OptionPicker
              options={units.map((u) => ({ value: u.id, label: u.name }))}
              value={draft.unitId || undefined}
              onChange={chooseUnit}
              placeholder='请选择单位'
            />
          </View>
        ) : (
          <Text className='row__meta'>单位：{units.find((u) => u.id === draft.unitId)?.name ?? units[0]?.name ?? '无'}</Text>
        )}
        <View className='field'>
          <Text className='field__label'>活动项目</Text>
          <OptionPicker
            options={campaign.data.items.map((i) => ({ value: i.id, label: i.title }))}
            value={draft.itemId || undefined}
            onChange={chooseItem}
            placeholder='请选择活动项目'
          />
        </View>
        <Field label='活动名称' value={draft.title} onChange={(title) => form.update({ title })} maxLength={REPORT_LIMITS.titleMaxLength} />
        <View className='field'>
          <Text className='field__label'>开始时间</Text>
          <DateInput mode='date' value={draft.startDate} onChange={(startDate) => form.update({ startDate })} placeholder='开始日期' />
          <DateInput mode='time' value={draft.startTime} onChange={(startTime) => form.update({ startTime })} placeholder='开始时间' />
        </View>
        <View className='field'>
          <Text className='field__label'>结束时间</Text>
          <DateInput mode='date' value={draft.endDate} onChange={(endDate) => form.update({ endDate })} placeholder='结束日期' />
          <DateInput mode='time' value={draft.endTime} onChange={(endTime) => form.update({ endTime })} placeholder='结束时间' />
        </View>
        <Field label='地点' value={draft.place} onChange={(place) => form.update({ place })} maxLength={REPORT_LIMITS.placeMaxLength} />
        <View className='field'>
          {draft.latitude !== undefined && draft.longitude !== undefined ? (
            <View className='addition'>
              <Text className='row__meta'>
                位置：{draft.latitude.toFixed(5)}，{draft.longitude.toFixed(5)}
              </Text>
              <Text className='link link--danger' onClick={() => form.update({ latitude: undefined, longitude: undefined })}>
                移除位置
              </Text>
            </View>
          ) : (
            <Button size='small' loading={locating} disabled={locating} onClick={locate}>
              添加当前位置（可选）
            </Button>
          )}
          {locationError ? <Text className='field__error'>{locationError}</Text> : null}
        </View>
        <TextArea
          label='活动情况'
          value={draft.description}
          onChange={(description) => form.update({ description })}
          maxLength={REPORT_LIMITS.descriptionMaxLength}
        />
        <Field
          label='参与人次'
          type='number'
          value={draft.headcount}
          onChange={changeHeadcount}
          maxLength={maxDigits(REPORT_LIMITS.headcountMax)}
        />
      </Section>

      {item && countFields(item).length > 0 ? (
        <Section title='统计数据'>
          <Text className='muted'>通过后计入本单位「{item.title}」的统计，可修改</Text>
          {countFields(item).map((field) => (
            <Field
              key={field.id}
              label={fieldDisplay(field)}
              type='number'
              value={draft.contributions[field.id] ?? ''}
              onChange={(value) => changeContribution(field.id, value)}
              maxLength={maxDigits(REPORT_LIMITS.amountMax)}
            />
          ))}
        </Section>
      ) : null}

      {item && answerFields(item).length > 0 ? (
        <Section title='建议填报（由联络员采用）'>
          <ProposedAnswers fields={answerFields(item)} values={draft.proposedAnswers ?? {}} onChange={(proposedAnswers) => form.update({ proposedAnswers })} />
        </Section>
      ) : null}

      <Section title='照片和视频'>
        <MediaList
          media={draft.media}
          room={room}
          stateOf={stateOf}
          previewOf={form.previewOf}
          canAdd={canAdd}
          onAdd={addFiles}
          onRetry={retry}
          onRemove={removeMedia}
        />
      </Section>

      <Section title='网址链接'>
        <EvidenceLinks links={draft.evidenceLinks ?? []} onChange={(evidenceLinks) => form.update({ evidenceLinks })} checked={checked} />
      </Section>

      {errors.length > 0 ? <Notice kind='error'>{errors.join('；')}</Notice> : null}
      {form.failure ? <Notice kind='error'>{form.failure}</Notice> : null}
      {form.offline ? <Notice kind='error'>{OFFLINE_NOTICE}</Notice> : null}
      {why ? <Notice>{why}</Notice> : null}
      <View className='actions'>
        <Button type='primary' block loading={form.sending} disabled={form.sending || uploading || uploadFailed} onClick={form.submit}>
          {form.offline ? '重新提交' : reportId ? '提交修改' : '提交'}
        </Button>
        <Button size='small' disabled={form.sending} onClick={clearDraft}>
          {reportId ? '放弃修改' : '清空草稿'}
        </Button>
      </View>
    </View>
  );
}
