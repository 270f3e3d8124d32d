import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isRole } from '@safemonth/shared';
import type { FastifyRequest } from 'fastify';
import { ApiException } from '../common/api-exception';
import { PeopleService } from '../people/people.service';
import { AccessTargets, SEEN_WITH } from './access-targets';
import { ACCESS_KEY, AccessRule, OPTIONAL_SIGN_IN_KEY, PUBLIC_KEY, SIGNED_IN_KEY } from './access.decorators';
import { allows, Actor, PolicyContext } from './policy';
import { TokensService } from './tokens.service';

type ActorRequest = FastifyRequest<{ Params: Record<string, string | undefined>; Querystring: Record<string, unknown>; Body: Record<string, unknown> | undefined }> & {
  actor?: Actor;
};

/**
 * The one guard of the API: signs the caller in from the bearer token, then, for each access rule
 * of the endpoint, asks the policy about the unit the rule's id leads to (found through
 * `AccessTargets`, which each feature fills for its own ids). An endpoint without any rule is
 * refused, so none is open by oversight. A refusal is 403 only to a caller who may see the object
 * (e.g. a unit's staff member asked to review its report); to anyone else it is the 404 of a
 * missing one, word for word, so that ids of other units' objects cannot be confirmed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly people: PeopleService,
    private readonly targets: AccessTargets,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const handler = context.getHandler();
    const request = context.switchToHttp().getRequest<ActorRequest>();
    if (this.reflector.get<boolean>(PUBLIC_KEY, handler)) return true;
    if (this.reflector.get<boolean>(OPTIONAL_SIGN_IN_KEY, handler)) {
      if (request.headers.authorization) request.actor = await this.signIn(request);
      return true;
    }
    const rules = this.reflector.get<AccessRule[]>(ACCESS_KEY, handler) ?? [];
    const signedInOnly = this.reflector.get<boolean>(SIGNED_IN_KEY, handler);
    if (!signedInOnly && rules.length === 0) {
      throw new Error(`${context.getClass().name}.${handler.name} declares no access rule`);
    }

    const actor = await this.signIn(request);
    request.actor = actor;

    // The rules' lookups go out together; the first rule that refuses, in the order declared, answers.
    const checks = await Promise.allSettled(rules.map((rule) => this.check(request, actor, rule)));
    for (const check of checks) if (check.status === 'rejected') throw check.reason;
    return true;
  }

  /** The person of the request's bearer token; 401 without a good one. */
  private async signIn(request: ActorRequest): Promise<Actor> {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw ApiException.unauthenticated();
    const personId = this.tokens.verifyAccess(token);
    const actor = await this.people.actor(personId);
    if (!actor) throw ApiException.unauthenticated('账号不存在，请重新登录');
    return actor;
  }

  private async check(request: ActorRequest, actor: Actor, rule: AccessRule): Promise<void> {
    const id = this.targetId(request, rule);
    if (id === undefined) return;
    const kind = rule.target.via ?? 'unit';
    const target = await this.targets.resolve(kind, id);
    const role = rule.target.roleFromBody ? request.body?.[rule.target.roleFromBody] : undefined;
    const context: PolicyContext = { ...target.context, ...(isRole(role) ? { role } : {}) };
    if (allows(actor, rule.action, target.path, context)) return;
    throw allows(actor, SEEN_WITH[kind], target.path, target.context) ? ApiException.forbidden() : this.targets.missing(kind);
  }

  /** The id a rule names; undefined when an optional reference is absent. */
  private targetId(request: ActorRequest, rule: AccessRule): string | undefined {
    const { param, body, query, optional } = rule.target;
    const field = param ?? body ?? query ?? '';
    const raw = param ? request.params[param] : body ? request.body?.[body] : request.query[query ?? ''];
    if (raw === undefined || raw === '') {
      if (optional) return undefined;
      throw ApiException.badRequest(`请求参数有误（${field}：必须填写）`, [{ field, message: '必须填写' }]);
    }
    if (typeof raw !== 'string') {
      throw ApiException.badRequest(`请求参数有误（${field}：必须是文本）`, [{ field, message: '必须是文本' }]);
    }
    return raw;
  }
}
