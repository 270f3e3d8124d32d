import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LiaisonFormValues, LiaisonRegistrationRequest } from '@safemonth/shared';
import { IsIn, IsObject, IsString } from 'class-validator';
import { PageQueryDto } from '../common/paging';
import { HasText, Optional } from '../common/validation';

export class LiaisonRegistrationDto implements LiaisonRegistrationRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择单位' })
  unitId: string;

  /** Checked field by field against the campaign's form by the service. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  @IsObject({ message: '请填写联络员信息' })
  values: LiaisonFormValues;
}

export class ListLiaisonsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only my own registrations' })
  @Optional()
  @IsIn(['true', 'false'], { message: 'mine 只能是 true 或 false' })
  mine?: string;
}
