import { Module, OnModuleInit } from '@nestjs/common';
import { AccessTargets } from '../auth/access-targets';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { UnitsModule } from '../units/units.module';
import { MediaController } from './media.controller';
import { MediaService } from './media.service';
import { LocalDiskStorage, MEDIA_STORAGE } from './storage';

@Module({
  imports: [CampaignsModule, UnitsModule],
  controllers: [MediaController],
  providers: [
    MediaService,
    { provide: MEDIA_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalDiskStorage(config.mediaDir) },
  ],
  exports: [MediaService],
})
export class MediaModule implements OnModuleInit {
  constructor(
    private readonly targets: AccessTargets,
    private readonly media: MediaService,
  ) {}

  onModuleInit(): void {
    this.targets.register('media', { notFound: '照片或视频不存在', find: (id) => this.media.accessTarget(id) });
  }
}
