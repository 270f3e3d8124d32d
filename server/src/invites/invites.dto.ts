import { ApiProperty } from '@nestjs/swagger';
import {
  CreateInviteRequest,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  RedeemInviteRequest,
  RegisterWithInviteRequest,
  Role,
  ROLES,
} from '@safemonth/shared';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { HasText } from '../common/validation';

/** A code as typed: 13 characters, perhaps in groups with spaces or dashes. */
const CODE_INPUT_MAX_LENGTH = 32;

export class CreateInviteDto implements CreateInviteRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择单位' })
  unitId: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: '角色无效' })
  role: Role;

  @ApiProperty({ minimum: 1, maximum: 720 })
  @IsInt({ message: '有效期必须是整数小时' })
  @Min(1, { message: '有效期至少 1 小时' })
  @Max(720, { message: '有效期最多 720 小时（30 天）' })
  expiresInHours: number;

  @ApiProperty({ minimum: 1, maximum: 500 })
  @IsInt({ message: '可用次数必须是整数' })
  @Min(1, { message: '可用次数至少 1 次' })
  @Max(500, { message: '可用次数最多 500 次' })
  maxUses: number;
}

export class RedeemInviteDto implements RedeemInviteRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请输入邀请码' })
  @MaxLength(CODE_INPUT_MAX_LENGTH, { message: '邀请码格式不正确' })
  code: string;
}

export class RegisterWithInviteDto implements RegisterWithInviteRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请输入邀请码' })
  @MaxLength(CODE_INPUT_MAX_LENGTH, { message: '邀请码格式不正确' })
  code: string;

  @ApiProperty()
  @IsString()
  @HasText({ message: '请填写姓名' })
  @MaxLength(50, { message: '姓名最多 50 个字' })
  displayName: string;

  @ApiProperty({ description: 'Username or mobile number' })
  @IsString()
  @HasText({ message: '请填写用户名或手机号' })
  @MaxLength(32, { message: '用户名或手机号太长' })
  login: string;

  @ApiProperty()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `密码至少 ${PASSWORD_MIN_LENGTH} 位` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `密码最多 ${PASSWORD_MAX_LENGTH} 位` })
  password: string;
}
