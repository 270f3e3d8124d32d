import { ApiProperty } from '@nestjs/swagger';
import { CreateExportRequest, EXPORT_KINDS, ExportKind } from '@safemonth/shared';
import { IsIn, IsString } from 'class-validator';
import { HasText } from '../common/validation';

export class CreateExportDto implements CreateExportRequest {
  @ApiProperty({ enum: EXPORT_KINDS })
  @IsIn(EXPORT_KINDS, { message: `导出类型只能是 ${EXPORT_KINDS.join('、')}` })
  kind: ExportKind;

  @ApiProperty({ description: 'The unit (and for subtree kinds, its subtree) to export' })
  @IsString()
  @HasText({ message: '请选择单位' })
  unitId: string;
}
