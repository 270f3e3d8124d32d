import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatChinaInstant, DOCUMENT_FORMAT_LABELS, HAND_IN_LIMITS, INSTANCE_STATUS_LABELS, type DeliverableKind, type DocumentDto, type HandInAction, type HandInState, type ReviewHandInRequest } from '@safemonth/shared';
import { LinkText } from '../../../components/LinkText';
import { LoadFailure } from '../../../components/LoadFailure';
import { Notice } from '../../../components/Notice';
import { useAction } from '../../../api/data';
import { handInsApi, type HandInPlace } from '../../../api/endpoints';
import { keys, useHandIn } from '../../../api/resources';
import { messageOf } from '../../../utils/errors';
import { Routes, withQuery } from '../../../routes';
import { statusClass } from './model';
import { ReviewActions } from '../../../components/ReviewActions';

const STATE_LABELS: Record<HandInState, string> = { submitted: '待审核', accepted: '已通过', returned: '已退回' };
const ACTION_LABELS: Record<HandInAction, string> = { submitted: '报送', resubmitted: '重新报送', accepted: '通过', returned: '退回' };

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * What a unit handed in for one instance (text, documents, reports, its course) and the committee's
 * review: accept, or return with a comment, both confirmed. The liaison form needs none, and the
 * statistics table is reviewed with its snapshot on the 统计 page.
 */
export function HandInPanel({ place, title, kind, onReviewed }: { place: HandInPlace; title: string; kind: DeliverableKind; onReviewed: (message: string) => void }) {
  const handIn = useHandIn(place);
  const [opening, setOpening] = useState<string>();
  const [openFailure, setOpenFailure] = useState<string>();
  const review = useAction(keys.handIn(place), (body: ReviewHandInRequest) => handInsApi.review(place, body, { toast: false }), {
    populate: true,
    stale: ['hand-in-status'],
    onSuccess: (reviewed, { action }) => {
      onReviewed(action === 'accept' ? `已通过「${reviewed.unit.name}」的${title}` : `已退回「${reviewed.unit.name}」的${title}`);
    },
  });

  const open = async (document: DocumentDto) => {
    setOpening(document.id);
    setOpenFailure(undefined);
    await handInsApi.openDocument(document, { toast: false }).catch((error: unknown) => setOpenFailure(messageOf(error, '文件下载失败，请稍后重试')));
    setOpening(undefined);
  };

  if (!handIn.data) {
    return (
      <View className='hand-in'>
        <LoadFailure resource={handIn} />
        {handIn.loading ? <Text className='muted'>加载中…</Text> : null}
      </View>
    );
  }
  const data = handIn.data;
  const lastReturn = [...data.history].reverse().find((entry) => entry.action === 'returned');
  return (
    <View className='hand-in'>
      <View className='section__head'>
        <Text className='section__title'>{`${data.unit.name} · ${title}`}</Text>
        <Text className={statusClass(data.status)}>{INSTANCE_STATUS_LABELS[data.status]}</Text>
      </View>
      <Text className='row__meta'>
        {`${STATE_LABELS[data.state]}；送达 ${formatChinaInstant(data.arrivedAt)}，截止 ${formatChinaInstant(data.dueAt)}`}
      </Text>
      {data.state === 'returned' && lastReturn?.comment ? <Notice>退回意见：{lastReturn.comment}</Notice> : null}
      <View className='hand-in__part'>
        <Text className='row__meta'>说明</Text>
        <Text className='hand-in__text' userSelect>
          {data.text || '（无）'}
        </Text>
      </View>
      <View className='hand-in__part'>
        <Text className='row__meta'>{`文件（${data.documents.length}）`}</Text>
        {data.documents.map((document) => (
          <View className='actions' key={document.id}>
            <LinkText onClick={() => void open(document)}>{opening === document.id ? `${document.fileName}（下载中…）` : document.fileName}</LinkText>
            <Text className='muted'>{`${DOCUMENT_FORMAT_LABELS[document.format]} · ${sizeText(document.sizeBytes)}`}</Text>
          </View>
        ))}
        {openFailure ? <Notice kind='error'>{openFailure}</Notice> : null}
      </View>
      {data.reports.length > 0 ? (
        <View className='hand-in__part'>
          <Text className='row__meta'>{`活动报告（${data.reports.length}）`}</Text>
          {data.reports.map((report) => (
            <View className='actions' key={report.id}>
              <LinkText onClick={() => void Taro.navigateTo({ url: withQuery(Routes.report, { id: report.id }) })}>{report.title}</LinkText>
              <Text className='muted'>{formatChinaInstant(report.startAt)}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='hand-in__part'>
        <Text className='row__meta'>经过</Text>
        {data.history.map((entry, index) => (
          <Text className='muted' key={`${index}-${entry.at}`}>
            {`${formatChinaInstant(entry.at)} ${entry.by?.displayName ?? ''} ${ACTION_LABELS[entry.action]}${entry.comment ? `：${entry.comment}` : ''}`}
          </Text>
        ))}
      </View>
      {kind === 'liaison_form' ? (
        <Notice>联络员信息表填写即为报送，无需审核</Notice>
      ) : kind === 'statistics_table' ? (
        <LinkText onClick={() => Taro.navigateTo({ url: withQuery(Routes.consoleStatistics, { campaignId: place.campaignId, unitId: place.unitId }) })}>
          在“统计”页面审核统计表
        </LinkText>
      ) : data.state === 'returned' ? (
        <Notice>已退回，等待联络员重新报送</Notice>
      ) : data.state === 'accepted' ? null : (
        <ReviewActions
          unitName={data.unit.name}
          what={title}
          kind='材料'
          afterReturn='退回后需要重新报送。'
          canAccept
          busy={review.busy}
          failure={review.failure}
          maxCommentLength={HAND_IN_LIMITS.maxCommentLength}
          onStart={review.reset}
          onReview={review.run}
        />
      )}
    </View>
  );
}
