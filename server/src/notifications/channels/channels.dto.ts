import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AddWechatSubscriptionsRequest, CreateWecomRobotRequest, UpdateWecomRobotRequest } from '@safemonth/shared';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsString, MaxLength } from 'class-validator';
import { HasText, Optional } from '../../common/validation';

export class AddWechatSubscriptionsDto implements AddWechatSubscriptionsRequest {
  @ApiProperty({ type: [String], description: 'The template ids accepted in `requestSubscribeMessage` (at most 3 a call)' })
  @IsArray({ message: '请选择要订阅的消息' })
  @ArrayMinSize(1, { message: '请选择要订阅的消息' })
  @ArrayMaxSize(3, { message: '一次最多订阅 3 种消息' })
  @IsString({ each: true, message: '消息模板无效' })
  @MaxLength(64, { each: true, message: '消息模板无效' })
  templateIds: string[];
}

export class CreateWecomRobotDto implements CreateWecomRobotRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请填写群机器人名称' })
  @MaxLength(50, { message: '群机器人名称最多 50 个字' })
  name: string;

  @ApiProperty({ description: 'The webhook address as WeCom shows it, or its key alone' })
  @IsString()
  @HasText({ message: '请填写群机器人的 Webhook 地址' })
  @MaxLength(300, { message: 'Webhook 地址过长' })
  webhook: string;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean({ message: '“仅发纯文本”须为是或否' })
  textOnly?: boolean;
}

export class UpdateWecomRobotDto implements UpdateWecomRobotRequest {
  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @HasText({ message: '群机器人名称不能为空' })
  @MaxLength(50, { message: '群机器人名称最多 50 个字' })
  name?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @HasText({ message: 'Webhook 地址不能为空' })
  @MaxLength(300, { message: 'Webhook 地址过长' })
  webhook?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean({ message: '“仅发纯文本”须为是或否' })
  textOnly?: boolean;
}
