import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { TargetKind } from './access-targets';
import { Action, Actor } from './policy';

export const PUBLIC_KEY = 'safemonth:public';
export const SIGNED_IN_KEY = 'safemonth:signed-in';
export const OPTIONAL_SIGN_IN_KEY = 'safemonth:optional-sign-in';
export const ACCESS_KEY = 'safemonth:access';

/** Where the guard finds the unit an endpoint acts on. */
export interface TargetRef {
  param?: string;
  body?: string;
  query?: string;
  /**
   * What the id names: a unit (default), a membership (target: its unit), a campaign (target: its
   * organizing unit), a report or a media file (target: its unit); each kind's feature registers
   * how to find it (`AccessTargets`).
   */
  via?: TargetKind;
  /** Without the id the rule does not apply (e.g. an optional `?under=` filter). */
  optional?: boolean;
  /** A body field holding the role the action concerns (for invitations). */
  roleFromBody?: string;
}

export interface AccessRule {
  action: Action;
  target: TargetRef;
}

/** Anyone, signed in or not. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Anyone, signed in or not; a bearer token that is sent is checked (401 when it is not good) and its
 * person passed on (`ActorIfAny`), for endpoints open to all that answer the signed-in more.
 */
export const OptionalSignIn = () => SetMetadata(OPTIONAL_SIGN_IN_KEY, true);

/** Any signed-in person, whatever their units. */
export const SignedIn = () => SetMetadata(SIGNED_IN_KEY, true);

/** A signed-in person whom the policy allows `action` on the target unit; may be given several times. */
export function Access(action: Action, target: TargetRef): MethodDecorator {
  return (_target, _key, descriptor) => {
    const rules: AccessRule[] = Reflect.getMetadata(ACCESS_KEY, descriptor.value as object) ?? [];
    Reflect.defineMetadata(ACCESS_KEY, [{ action, target }, ...rules], descriptor.value as object);
    return descriptor;
  };
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest().actor;
  if (!actor) throw new Error('CurrentActor used on a route without sign-in');
  return actor;
});

/** The signed-in caller of an `@OptionalSignIn()` endpoint, or null. */
export const ActorIfAny = createParamDecorator((_data: unknown, context: ExecutionContext): Actor | null => context.switchToHttp().getRequest().actor ?? null);
