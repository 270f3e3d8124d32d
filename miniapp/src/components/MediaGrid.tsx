import { useEffect, useRef, useState } from 'react';
import { Image, Text, Video, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MediaDto } from '@safemonth/shared';
import { releaseFileUrl } from '../api/client';
import { mediaApi } from '../api/endpoints';

/** What the grid needs of a photo or video (a report's, or a hazard's). */
type GridMedia = Pick<MediaDto, 'id' | 'kind' | 'thumbnailUrl'>;

/** Loads a file, or its thumbnail, as a local URL: by default a report's media file. */
type FileUrl<M> = (item: M, thumbnail: boolean) => Promise<string>;

const reportMediaUrl: FileUrl<GridMedia> = (item, thumbnail) => mediaApi.url(item.id, thumbnail);

/**
 * Local URLs (h5 blob:, weapp temp paths) of media files, loaded with the access token: photos as
 * thumbnails (when they have one), videos whole. null marks one that failed to load. The URLs
 * are released when the media change or the grid goes away.
 */
function useMediaUrls<M extends GridMedia>(media: M[], fileUrl: FileUrl<M>): [Record<string, string | null>, (item: M) => void] {
  const [urls, setUrls] = useState<Record<string, string | null>>({});
  const made = useRef<string[]>([]);
  const alive = useRef(true);

  const fetchOne = (item: M) => {
    // Loading again: neither shown nor failed meanwhile.
    setUrls(({ [item.id]: _previous, ...rest }) => rest);
    fileUrl(item, item.kind === 'photo' && item.thumbnailUrl !== null).then(
      (url) => {
        made.current.push(url);
        if (alive.current) setUrls((current) => ({ ...current, [item.id]: url }));
      },
      () => {
        if (alive.current) setUrls((current) => ({ ...current, [item.id]: null }));
      },
    );
  };

  const ids = media.map((m) => m.id).join(',');
  useEffect(() => {
    alive.current = true;
    media.forEach(fetchOne);
    return () => {
      alive.current = false;
      made.current.forEach(releaseFileUrl);
      made.current = [];
      setUrls({});
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids]);
  return [urls, fetchOne];
}

/** Photos as a grid of thumbnails (tap to enlarge) and videos as players; a file that failed to load can be tapped to retry. */
export function MediaGrid<M extends GridMedia>({ media, fileUrl = reportMediaUrl }: { media: M[]; fileUrl?: FileUrl<M> }) {
  const [urls, retry] = useMediaUrls(media, fileUrl);
  const [enlarged, setEnlarged] = useState<string>();
  const photos = media.filter((m) => m.kind === 'photo');
  const videos = media.filter((m) => m.kind === 'video');

  const closeEnlarged = () => {
    if (enlarged) releaseFileUrl(enlarged);
    setEnlarged(undefined);
  };

  const enlarge = async (photo: M) => {
    Taro.showLoading({ title: '加载中' }).catch(() => undefined);
    try {
      if (process.env.TARO_ENV === 'h5') {
        setEnlarged(await fileUrl(photo, false));
        return;
      }
      // weapp previews every photo of the report, swiping from the one tapped.
      const all = await Promise.all(photos.map((p) => fileUrl(p, false)));
      await Taro.previewImage({ current: all[photos.indexOf(photo)], urls: all });
    } catch {
      Taro.showToast({ title: '照片加载失败', icon: 'none' }).catch(() => undefined);
    } finally {
      Taro.hideLoading();
    }
  };

  const failed = (item: M) => (
    <Text className='field__error' onClick={() => retry(item)}>
      加载失败，点按重试
    </Text>
  );

  if (media.length === 0) return <Text className='muted'>没有照片或视频</Text>;
  return (
    <View>
      {photos.length > 0 ? (
        <View className='media-grid'>
          {photos.map((photo) => (
            <View className='media-grid__cell' key={photo.id} onClick={urls[photo.id] ? () => void enlarge(photo) : undefined}>
              {urls[photo.id] ? (
                <Image className='media-grid__image' src={urls[photo.id] as string} mode='aspectFill' />
              ) : urls[photo.id] === null ? (
                failed(photo)
              ) : (
                <Text className='muted'>加载中…</Text>
              )}
            </View>
          ))}
        </View>
      ) : null}
      {videos.map((video) =>
        urls[video.id] ? (
          <Video className='media-video' key={video.id} src={urls[video.id] as string} controls />
        ) : (
          <View key={video.id}>{urls[video.id] === null ? failed(video) : <Text className='muted'>视频加载中…</Text>}</View>
        ),
      )}
      {enlarged ? (
        <View className='media-overlay' onClick={closeEnlarged}>
          <Image className='media-overlay__image' src={enlarged} mode='aspectFit' />
          <Text className='media-overlay__close'>点击关闭</Text>
        </View>
      ) : null}
    </View>
  );
}
