import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignInResponse } from '@safemonth/shared';
import { Public } from './access.decorators';
import { PasswordSignInDto, RefreshDto, WechatSignInDto } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('password')
  @HttpCode(200)
  @Public()
  password(@Body() body: PasswordSignInDto, @Ip() ip: string): Promise<SignInResponse> {
    return this.auth.passwordSignIn(body.login, body.password, ip);
  }

  @Post('wechat')
  @HttpCode(200)
  @Public()
  wechat(@Body() body: WechatSignInDto, @Ip() ip: string): Promise<SignInResponse> {
    return this.auth.wechatSignIn(body.code, ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  refresh(@Body() body: RefreshDto): Promise<SignInResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('sign-out')
  @HttpCode(204)
  @Public()
  signOut(@Body() body: RefreshDto): Promise<void> {
    return this.auth.signOut(body.refreshToken);
  }
}
