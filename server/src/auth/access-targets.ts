import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ApiException } from '../common/api-exception';
import { PolicyContext } from './policy';

/** What the id of an access rule names (`@Access(…, { via })`). */
export const TARGET_KINDS = ['unit', 'membership', 'campaign', 'report', 'media'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Where a membership, campaign, report or media file leads: a unit, and what else the policy needs. */
export interface AccessTarget {
  unitId: string;
  context?: PolicyContext;
}

/** A unit gives the tree path the policy compares, so every other kind ends at one. */
type Found<K extends TargetKind> = K extends 'unit' ? { path: string } : AccessTarget;

/** How the feature owning a kind finds one by id; `notFound` is the 404 message when it finds none. */
export interface TargetResolver<K extends TargetKind> {
  notFound: string;
  find(id: string): Promise<Found<K> | null>;
}

/**
 * How the access guard turns the id of an access rule into a unit's tree path without depending
 * on the features: each feature registers, when its module starts, how its own ids lead to a unit.
 */
@Injectable()
export class AccessTargets implements OnApplicationBootstrap {
  private readonly resolvers: { [K in TargetKind]?: TargetResolver<K> } = {};

  register<K extends TargetKind>(kind: K, resolver: TargetResolver<K>): void {
    if (this.resolvers[kind]) throw new Error(`Access targets of kind '${kind}' are registered twice`);
    // TypeScript cannot check a write under a generic key; `register`'s signature pairs them.
    (this.resolvers as Partial<Record<K, TargetResolver<K>>>)[kind] = resolver;
  }

  /** A kind that no feature registered would fail every request naming it: refuse to start instead. */
  onApplicationBootstrap(): void {
    const missing = TARGET_KINDS.filter((kind) => !this.resolvers[kind]);
    if (missing.length > 0) throw new Error(`No feature registered access targets of kind ${missing.map((kind) => `'${kind}'`).join(', ')}`);
  }

  /** The path of the unit that `id` (of `kind`) leads to, with the policy context; 404 when either is missing. */
  async resolve(kind: TargetKind, id: string): Promise<{ path: string; context?: PolicyContext }> {
    if (kind === 'unit') return { path: (await this.find('unit', id)).path };
    const { unitId, context } = await this.find(kind, id);
    // Foreign keys keep a found target's unit (units are never deleted); were it gone, the unit's 404 answers.
    return { path: (await this.find('unit', unitId)).path, context };
  }

  private async find<K extends TargetKind>(kind: K, id: string): Promise<Found<K>> {
    const resolver = this.resolvers[kind];
    if (!resolver) throw new Error(`No feature registered access targets of kind '${kind}'`);
    const found = await resolver.find(id);
    if (!found) throw ApiException.notFound(resolver.notFound);
    return found;
  }
}
