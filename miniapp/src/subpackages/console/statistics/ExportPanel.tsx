import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ExportJobDto, ExportKind } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Notice } from '../../../components/Notice';
import { exportsApi } from '../../../api/endpoints';
import { messageOf } from '../../../utils/errors';
import { percentText } from '../completeness/model';

export const EXPORT_LABELS: Record<ExportKind, string> = {
  unit_table: '本单位统计表',
  subtree_tables: '下级各单位统计表+汇总',
  completeness: '完成情况',
  reports: '活动报告',
};

/** How often a running export is asked about. */
const POLL_MS = 1000;

const finished = (job: ExportJobDto) => job.status === 'done' || job.status === 'failed';

/** One export: its progress while the server makes it, then 下载 (or why it failed). */
function ExportJob({ job: started }: { job: ExportJobDto }) {
  const [job, setJob] = useState(started);
  const [failure, setFailure] = useState<string>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (finished(job) || failure) return undefined;
    // Asked again a while after each answer, never twice at once; a failed question ends the polling, shown with 重试.
    const timer = setTimeout(() => {
      exportsApi
        .get(job.id, { toast: false })
        .then(setJob)
        .catch((error: unknown) => setFailure(messageOf(error, '查询导出进度失败')));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, failure]);

  const save = async () => {
    setSaving(true);
    setFailure(undefined);
    await exportsApi.download(job, { toast: false }).catch((error: unknown) => setFailure(messageOf(error, '下载失败，请稍后重试')));
    setSaving(false);
  };

  return (
    <View className='export-job row'>
      <View className='row__main'>
        <Text className='row__title'>{job.fileName || EXPORT_LABELS[job.kind]}</Text>
        {job.status === 'queued' ? <Text className='row__meta'>排队中…</Text> : null}
        {job.status === 'running' ? <Text className='row__meta'>生成中 {percentText(job.progress)}</Text> : null}
        {job.status === 'failed' ? <Notice kind='error'>{job.error ?? '导出失败，请稍后重试'}</Notice> : null}
        {!finished(job) ? (
          <View className='export-job__track' role='progressbar' aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(job.progress * 100)}>
            <View className='export-job__fill' style={{ width: percentText(job.progress) }} />
          </View>
        ) : null}
        {failure ? <Notice kind='error'>{failure}</Notice> : null}
      </View>
      {job.status === 'done' ? (
        <Button size='small' type='primary' loading={saving} disabled={saving} onClick={() => void save()}>
          下载
        </Button>
      ) : null}
      {failure && !finished(job) ? (
        <Button size='small' onClick={() => setFailure(undefined)}>
          重试
        </Button>
      ) : null}
    </View>
  );
}

/**
 * Export buttons for a unit: each starts an export job on the server (which goes on without this
 * page), shown with its progress and, once made, a download.
 */
export function ExportPanel({ campaignId, unitId, kinds }: { campaignId: string; unitId: string; kinds: readonly ExportKind[] }) {
  const [jobs, setJobs] = useState<ExportJobDto[]>([]);
  const [starting, setStarting] = useState<ExportKind>();
  const [failure, setFailure] = useState<string>();

  const start = async (kind: ExportKind) => {
    setStarting(kind);
    setFailure(undefined);
    try {
      const job = await exportsApi.create(campaignId, { kind, unitId }, { toast: false });
      setJobs((shown) => [job, ...shown]);
    } catch (error) {
      setFailure(messageOf(error, '导出失败，请稍后重试'));
    }
    setStarting(undefined);
  };

  return (
    <View className='export-panel'>
      <View className='actions'>
        {kinds.map((kind) => (
          <Button key={kind} size='small' loading={starting === kind} disabled={starting !== undefined} onClick={() => void start(kind)}>
            {`导出${EXPORT_LABELS[kind]}`}
          </Button>
        ))}
      </View>
      {failure ? <Notice kind='error'>{failure}</Notice> : null}
      {jobs.map((job) => (
        <ExportJob key={job.id} job={job} />
      ))}
    </View>
  );
}
