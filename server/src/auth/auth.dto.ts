import { ApiProperty } from '@nestjs/swagger';
import { PasswordSignInRequest, RefreshRequest, WechatSignInRequest } from '@safemonth/shared';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { HasText } from '../common/validation';

export class PasswordSignInDto implements PasswordSignInRequest {
  @ApiProperty({ description: 'Username or mobile number' })
  @IsString()
  @HasText({ message: '请输入用户名或手机号' })
  @MaxLength(32, { message: '用户名或手机号太长' })
  login: string;

  @ApiProperty()
  @IsString()
  // Not HasText: a password may be made of spaces, and its owner must be able to sign in.
  @IsNotEmpty({ message: '请输入密码' })
  @MaxLength(72, { message: '密码最多 72 位' })
  password: string;
}

export class WechatSignInDto implements WechatSignInRequest {
  @ApiProperty({ description: 'The code of wx.login' })
  @IsString()
  @HasText({ message: '缺少微信登录凭证' })
  @MaxLength(128, { message: '微信登录凭证格式不正确' })
  code: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '缺少刷新凭证' })
  @MaxLength(128, { message: '刷新凭证格式不正确' })
  refreshToken: string;
}
