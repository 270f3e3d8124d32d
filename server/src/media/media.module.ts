import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { UnitsModule } from '../units/units.module';
import { MediaController } from './media.controller';
import { Media } from './media.entity';
import { MediaService } from './media.service';
import { LocalDiskStorage, MEDIA_STORAGE } from './storage';

@Module({
  imports: [TypeOrmModule.forFeature([Media]), CampaignsModule, UnitsModule],
  controllers: [MediaController],
  providers: [
    MediaService,
    { provide: MEDIA_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalDiskStorage(config.mediaDir) },
  ],
  exports: [MediaService],
})
export class MediaModule {}
