import { ApiPropertyOptional } from '@nestjs/swagger';
import { DeliveryLogQuery, NOTICE_KINDS, NoticeKind, OUTBOX_STATUSES, OutboxStatus } from '@safemonth/shared';
import { IsIn, IsString } from 'class-validator';
import { PageQueryDto } from '../common/paging';
import { HasText, Optional } from '../common/validation';

export class DeliveryLogQueryDto extends PageQueryDto implements DeliveryLogQuery {
  @ApiPropertyOptional({ enum: NOTICE_KINDS })
  @Optional()
  @IsIn(NOTICE_KINDS, { message: '通知类型无效' })
  kind?: NoticeKind;

  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @Optional()
  @IsIn(OUTBOX_STATUSES, { message: '发送状态无效' })
  status?: OutboxStatus;

  @ApiPropertyOptional({ description: 'Notices about this unit only' })
  @Optional()
  @IsString({ message: '单位无效' })
  @HasText({ message: '单位无效' })
  unitId?: string;
}
