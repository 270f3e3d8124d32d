import { getMetadataStorage, ValidationTypes, ValidatorOptions } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Rule = ReturnType<Storage['getTargetValidationMetadatas']>[number];
type Validator = ReturnType<Storage['getTargetValidatorConstraints']>[number]['instance'];

/** A constraint with the objects that check it. */
interface Check {
  rule: Rule;
  validators: Validator[];
}

/** One property's rules, sorted the way class-validator applies them. */
interface PropertyPlan {
  name: string;
  /** `@ValidateIf` and `@IsOptional`: when one says no, the property is not checked at all. */
  conditions: Rule[];
  /** `@IsDefined` first, then the other constraints. */
  checks: Check[];
  /** The class name `@ValidateNested` passes on as the schema of the nested objects, if any. */
  nestedSchema: string | undefined;
}

interface ClassPlan {
  allowed: Set<string>;
  properties: PropertyPlan[];
}

/** Options whose effect the quick check follows; any other option set sends validation the long way. */
const FOLLOWED_OPTIONS = new Set([
  'whitelist',
  'forbidNonWhitelisted',
  'forbidUnknownValues',
  'validationError',
  'stopAtFirstError',
  'dismissDefaultMessages',
  'enableDebugMessages',
]);

/** The kinds of rule the quick check follows. */
const KNOWN_KINDS = new Set([
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
]);

let plans = new WeakMap<Rule[], ClassPlan | null>();

/** Forgets the plans: a constraint's validators were added to (validation.ts calls it). */
export function forgetQuickCheckPlans(): void {
  plans = new WeakMap();
}

/**
 * A plan of the rules, or null when they hold a kind the quick check does not follow (promise
 * validation, several nested rules on one property, an asynchronous constraint, which it would
 * otherwise run a second time). Each constraint's validator is taken from class-validator's
 * container once, here: the container's lookup is a linear search. The server sets no container
 * of its own (`useContainer`); one set would have to be set before the first validation.
 */
function planOf(storage: Storage, rules: Rule[]): ClassPlan | null {
  if (plans.has(rules)) return plans.get(rules) as ClassPlan | null;
  const grouped = storage.groupByPropertyName(rules);
  let plan: ClassPlan | null = { allowed: new Set(), properties: [] };
  for (const [name, ofProperty] of Object.entries(grouped)) {
    if (ofProperty.length > 0) plan.allowed.add(name);
    const nested = ofProperty.filter((r) => r.type === ValidationTypes.NESTED_VALIDATION);
    const checked = [...ofProperty.filter((r) => r.type === ValidationTypes.IS_DEFINED), ...ofProperty.filter((r) => r.type === ValidationTypes.CUSTOM_VALIDATION)];
    const constraints = checked.map((rule) => storage.getTargetValidatorConstraints(rule.constraintCls));
    if (!ofProperty.every((r) => KNOWN_KINDS.has(r.type)) || nested.length > 1 || constraints.flat().some((c) => c.async)) {
      plan = null;
      break;
    }
    plan.properties.push({
      name,
      conditions: ofProperty.filter((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION),
      checks: checked.map((rule, i) => ({ rule, validators: constraints[i].map((constraint) => constraint.instance) })),
      nestedSchema: nested.length ? (typeof nested[0].target === 'string' ? nested[0].target : nested[0].target.name) : undefined,
    });
  }
  plans.set(rules, plan);
  return plan;
}

const isThenable = (value: unknown) => value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
const isCollection = (value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> => Array.isArray(value) || value instanceof Set || value instanceof Map;
const itemsOf = (value: unknown[] | Set<unknown> | Map<unknown, unknown>) => (value instanceof Map ? [...value.values()] : Array.isArray(value) ? value : [...value]);

/**
 * Whether class-validator would find no error in `object` with `options`, answered by running the
 * same constraint functions in the same order without building any error, promise or argument
 * list it would throw away. Answers false when anything fails and also whenever it is not sure
 * (an option or rule kind it does not follow, a constraint answering a promise): the caller then
 * runs class-validator itself, which words the errors. It never answers true where class-validator
 * finds an error: its spec compares the two on generated values of every DTO of the server and
 * on hand-written cases of the rule kinds the DTOs do not use.
 */
export function isCertainlyValid(object: object, options: ValidatorOptions = {}): boolean {
  for (const key in options) if (options[key as keyof ValidatorOptions] && !FOLLOWED_OPTIONS.has(key)) return false;
  // Without forbidNonWhitelisted, whitelisting deletes the unknown properties: a change, not a check.
  if (options.whitelist && !options.forbidNonWhitelisted) return false;
  return checkObject(getMetadataStorage(), object, undefined, options);
}

function checkObject(storage: Storage, object: object, schema: string | undefined, options: ValidatorOptions): boolean {
  const rules = storage.getTargetValidationMetadatas(object.constructor, schema as string, false, false, undefined);
  // A class without rules is an unknown value (unless allowed); its properties then all fail the whitelist.
  if (rules.length === 0 && options.forbidUnknownValues !== false) return false;
  const plan = planOf(storage, rules);
  if (!plan) return false;
  if (options.whitelist) {
    for (const key of Object.keys(object)) if (!plan.allowed.has(key)) return false;
  }
  const record = object as Record<string, unknown>;
  for (const property of plan.properties) {
    const value = record[property.name];
    if (!property.conditions.every((rule) => (rule.constraints[0] as (o: object, v: unknown) => boolean)(object, value))) continue;
    for (const check of property.checks) if (!passes(check, object, value)) return false;
    if (property.nestedSchema !== undefined && !checkNested(storage, value, property.nestedSchema, options)) return false;
  }
  return true;
}

function passes({ rule, validators }: Check, object: object, value: unknown): boolean {
  for (const validator of validators) {
    const args = { targetName: object.constructor?.name, property: rule.propertyName, object, value, constraints: rule.constraints };
    const validate = (item: unknown) => {
      const valid: unknown = validator.validate(item, args);
      if (!isThenable(valid)) return !!valid;
      // Not declared asynchronous, yet it answered a promise: class-validator decides; this one must not go unhandled.
      (valid as Promise<unknown>).then(undefined, () => undefined);
      return false;
    };
    if (!(rule.each && isCollection(value) ? itemsOf(value).every(validate) : validate(value))) return false;
  }
  return true;
}

/** `@ValidateNested`: an absent value passes, collections are checked item by item, other objects by their own class's rules. */
function checkNested(storage: Storage, value: unknown, schema: string, options: ValidatorOptions): boolean {
  if (value === undefined) return true;
  if (isCollection(value)) return itemsOf(value).every((item) => checkNested(storage, item, schema, options));
  return value instanceof Object && checkObject(storage, value, schema, options);
}
