import { ApiProperty } from '@nestjs/swagger';
import { LiaisonFormValues, LiaisonRegistrationRequest } from '@safemonth/shared';
import { IsObject, IsString } from 'class-validator';
import { HasText } from '../common/validation';

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
