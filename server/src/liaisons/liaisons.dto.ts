import { ApiProperty } from '@nestjs/swagger';
import { LiaisonFormValues, LiaisonRegistrationRequest } from '@safemonth/shared';
import { IsNotEmpty, IsObject, IsString } from 'class-validator';

export class LiaisonRegistrationDto implements LiaisonRegistrationRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: '请选择单位' })
  unitId: string;

  /** Checked field by field against the campaign's form by the service. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  @IsObject({ message: '请填写联络员信息' })
  values: LiaisonFormValues;
}
