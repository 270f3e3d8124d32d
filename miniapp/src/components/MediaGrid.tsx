import { useEffect, useState } from 'react';
import { Image, Text, Video, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MediaDto } from '@safemonth/shared';
import { mediaApi } from '../api/endpoints';

/** Local URLs (h5 blob:, weapp temp paths) of media files, loaded with the access token. */
function useMediaUrls(media: MediaDto[], thumbnail: boolean): Record<string, string> {
  const [urls, setUrls] = useState<Record<string, string>>({});
  const ids = media.map((m) => `${m.id}:${m.kind}`).join(',');
  useEffect(() => {
    let alive = true;
    for (const item of media) {
      // Videos are loaded whole (their thumbnail, when any, is a still); photos as thumbnails.
      const small = thumbnail && item.kind === 'photo' && item.thumbnailUrl !== null;
      mediaApi
        .url(item.id, small)
        .then((url) => {
          if (alive) setUrls((current) => ({ ...current, [item.id]: url }));
        })
        .catch(() => undefined);
    }
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids, thumbnail]);
  return urls;
}

/** Photos as a grid of thumbnails (tap to enlarge) and videos as players. */
export function MediaGrid({ media }: { media: MediaDto[] }) {
  const urls = useMediaUrls(media, true);
  const [enlarged, setEnlarged] = useState<string>();
  const photos = media.filter((m) => m.kind === 'photo');
  const videos = media.filter((m) => m.kind === 'video');

  const enlarge = async (photo: MediaDto) => {
    try {
      const url = await mediaApi.url(photo.id);
      if (process.env.TARO_ENV === 'h5') {
        setEnlarged(url);
        return;
      }
      const all = await Promise.all(photos.map((p) => (p.id === photo.id ? url : mediaApi.url(p.id))));
      await Taro.previewImage({ current: url, urls: all });
    } catch {
      Taro.showToast({ title: '照片加载失败', icon: 'none' }).catch(() => undefined);
    }
  };

  if (media.length === 0) return <Text className='muted'>没有照片或视频</Text>;
  return (
    <View>
      {photos.length > 0 ? (
        <View className='media-grid'>
          {photos.map((photo) => (
            <View className='media-grid__cell' key={photo.id} onClick={() => void enlarge(photo)}>
              {urls[photo.id] ? (
                <Image className='media-grid__image' src={urls[photo.id]} mode='aspectFill' />
              ) : (
                <Text className='muted'>加载中…</Text>
              )}
            </View>
          ))}
        </View>
      ) : null}
      {videos.map((video) =>
        urls[video.id] ? (
          <Video className='media-video' key={video.id} src={urls[video.id]} controls />
        ) : (
          <Text className='muted' key={video.id}>
            视频加载中…
          </Text>
        ),
      )}
      {enlarged ? (
        <View className='media-overlay' onClick={() => setEnlarged(undefined)}>
          <Image className='media-overlay__image' src={enlarged} mode='aspectFit' />
          <Text className='media-overlay__close'>点击关闭</Text>
        </View>
      ) : null}
    </View>
  );
}
