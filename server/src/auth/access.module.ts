import { Global, Module } from '@nestjs/common';
import { AccessTargets } from './access-targets';

/**
 * The registry of access targets, global and importing nothing, so that every feature registers
 * its own kinds while the guard (in AuthModule) imports no feature module: no import cycle.
 */
@Global()
@Module({ providers: [AccessTargets], exports: [AccessTargets] })
export class AccessModule {}
