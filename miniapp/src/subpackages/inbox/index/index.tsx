import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatChinaInstant, NOTICE_KIND_LABELS, type InboxMessageDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Badge } from '../../../components/Badge';
import { ConsoleFrame } from '../../../components/ConsoleFrame';
import { Notice } from '../../../components/Notice';
import { PageStatus } from '../../../components/PageStatus';
import { Pager } from '../../../components/Pager';
import { Section } from '../../../components/Section';
import { useAction } from '../../../api/data';
import { inboxApi } from '../../../api/endpoints';
import { keys, useInbox, useUnreadCount } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { Routes } from '../../../routes';
import './index.scss';

const quiet = { toast: false } as const;

/** Opens the page a message is about (an app route with its query), if it names one. */
function openLink(message: InboxMessageDto) {
  if (message.link) void Taro.navigateTo({ url: message.link }).catch(() => undefined);
}

/** 消息: my messages, newest first, a page at a time; tapping one marks it read and opens what it is about. */
export default function InboxPage() {
  const signedIn = useSession(Routes.inbox);
  const messages = useInbox(signedIn);
  const { unread } = useUnreadCount(signedIn);
  // Marking read changes the badge (the action's key) and the list (stale): both load again.
  const read = useAction(keys.unreadCount, (message: InboxMessageDto) => inboxApi.read(message.id, quiet), {
    stale: ['inbox'],
    fallback: '标记已读失败，请稍后重试',
    onSuccess: (_, message) => openLink(message),
  });
  const readAll = useAction(keys.unreadCount, () => inboxApi.readAll(quiet), { stale: ['inbox'], fallback: '全部标为已读失败，请稍后重试' });

  const page = messages.data;
  const open = (message: InboxMessageDto) => {
    if (read.busy) return;
    if (message.readAt) openLink(message);
    else void read.run(message);
  };
  // The count may lag behind the list (or have failed to load): a message shown unread also counts.
  const anyUnread = unread > 0 || Boolean(page?.items.some((message) => !message.readAt));

  return (
    <ConsoleFrame current='inbox' crumbs={[{ label: '消息' }]}>
      {page ? (
        <View className='page inbox'>
          <Section
            title='消息'
            extra={
              <Button size='small' disabled={!anyUnread || readAll.busy} loading={readAll.busy} onClick={() => void readAll.run()}>
                全部已读
              </Button>
            }
          >
            {read.failure ? <Notice kind='error'>{read.failure}</Notice> : null}
            {readAll.failure ? <Notice kind='error'>{readAll.failure}</Notice> : null}
            {page.total === 0 ? <Text className='muted'>暂无消息</Text> : null}
            {page.items.map((message) => (
              <View key={message.id} className={`inbox-item${message.readAt ? '' : ' inbox-item--unread'}`} onClick={() => open(message)}>
                <View className='inbox-item__main'>
                  <View className='inbox-item__head'>
                    {message.readAt ? null : <Badge>未读</Badge>}
                    <Text className='inbox-item__title'>{message.title}</Text>
                  </View>
                  <Text className='inbox-item__body'>{message.body}</Text>
                  <Text className='row__meta'>
                    {NOTICE_KIND_LABELS[message.kind]} · {formatChinaInstant(message.createdAt)}
                  </Text>
                </View>
                {message.link ? <Text className='link-row__arrow'>›</Text> : null}
              </View>
            ))}
            {page.total > 0 ? <Pager page={page} onPage={messages.setPage} /> : null}
          </Section>
        </View>
      ) : (
        <PageStatus failure={messages.failure} onRetry={messages.reload} />
      )}
    </ConsoleFrame>
  );
}
