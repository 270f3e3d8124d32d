import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ApiException } from '../common/api-exception';
import { Action, PolicyContext } from './policy';

/**
 * What the id of an access rule names (`@Access(…, { via })`), each with the action that lets one
 * see such an object at all: refused to one who may not, it answers as missing.
 */
export const SEEN_WITH = {
  unit: 'unit.read',
  membership: 'member.read',
  campaign: 'campaign.read',
  report: 'report.read',
  media: 'report.read',
  /** A hazard report: its campaign's organizing unit. */
  hazard: 'hazard.handle',
  /** A hazard report's rectification: the responsible unit, whose liaison (or committee above) alone sees it. */
  rectification: 'hazard.rectify',
} as const satisfies Record<string, Action>;
export type TargetKind = keyof typeof SEEN_WITH;
export const TARGET_KINDS = Object.keys(SEEN_WITH) as TargetKind[];

/** Where an id leads: the tree path of its unit (the unit itself, or a membership's, report's… unit), and what else the policy needs. */
export interface AccessTarget {
  path: string;
  context?: PolicyContext;
}

/**
 * How the feature owning a kind finds one by id, with its unit's path in the same read;
 * `notFound` is the 404 message when it finds none.
 */
export interface TargetResolver {
  notFound: string;
  find(id: string): Promise<AccessTarget | null>;
}

/**
 * How the access guard turns the id of an access rule into a unit's tree path without depending
 * on the features: each feature registers, when its module starts, how its own ids lead to a unit.
 */
@Injectable()
export class AccessTargets implements OnApplicationBootstrap {
  private readonly resolvers: Partial<Record<TargetKind, TargetResolver>> = {};

  register(kind: TargetKind, resolver: TargetResolver): void {
    if (this.resolvers[kind]) throw new Error(`Access targets of kind '${kind}' are registered twice`);
    this.resolvers[kind] = resolver;
  }

  /** A kind that no feature registered would fail every request naming it: refuse to start instead. */
  onApplicationBootstrap(): void {
    const missing = TARGET_KINDS.filter((kind) => !this.resolvers[kind]);
    if (missing.length > 0) throw new Error(`No feature registered access targets of kind ${missing.map((kind) => `'${kind}'`).join(', ')}`);
  }

  /** The path of the unit that `id` (of `kind`) leads to, with the policy context; 404 when there is none. */
  async resolve(kind: TargetKind, id: string): Promise<AccessTarget> {
    const found = await this.resolver(kind).find(id);
    if (!found) throw this.missing(kind);
    return found;
  }

  /** The 404 of an object of `kind` that is not there (or that the caller may not see: the same answer). */
  missing(kind: TargetKind): ApiException {
    return ApiException.notFound(this.resolver(kind).notFound);
  }

  private resolver(kind: TargetKind): TargetResolver {
    const resolver = this.resolvers[kind];
    if (!resolver) throw new Error(`No feature registered access targets of kind '${kind}'`);
    return resolver;
  }
}
