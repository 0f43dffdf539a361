import type { TSchema } from '@sinclair/typebox';

/**
 * The named schemas of the contract: every schema a route declares (`@BodySchema`, `@Answers`) is registered
 * here under its `title` and lands in the OpenAPI document's `components.schemas`; operations refer to it by
 * `$ref`. A schema is the same object that validates the request (see `body-schema.ts`): no hand-kept copy.
 */
const components = new Map<string, TSchema>();

export const schemaNameOf = (schema: TSchema): string => {
  const name = schema.title;
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    throw new Error(`contract schema without a name: give it { title: 'SomeName' } (got ${JSON.stringify(name)})`);
  }
  return name;
};

/** Registers a named schema and answers the `$ref` an operation uses. */
export const schemaRef = (schema: TSchema): { $ref: string } => {
  const name = schemaNameOf(schema);
  const known = components.get(name);
  if (known && known !== schema && JSON.stringify(known) !== JSON.stringify(schema)) throw new Error(`two different contract schemas are named ${name}`);
  components.set(name, schema);
  return { $ref: `#/components/schemas/${name}` };
};

/** The named schemas as plain JSON (TypeBox's symbol keys dropped), for `components.schemas`. */
export const contractSchemas = (): Record<string, unknown> =>
  Object.fromEntries([...components].sort(([a], [b]) => a.localeCompare(b)).map(([name, schema]) => [name, JSON.parse(JSON.stringify(schema)) as unknown]));
