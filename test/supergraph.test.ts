import { existsSync, readFileSync } from 'node:fs';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { API_SCHEMA_PATH, composeApiSchema, composeSupergraph, printApiSchema, SUPERGRAPH_PATH } from '../scripts/supergraph.js';

// The committed supergraph is what the gateway serves; CI must fail when a subgraph's SDL
// changed without it, or when the SDLs stop composing.

/** Schema coordinates (Type, Type.field, Type.field(arg:), Enum.VALUE) that have no description. */
function undocumented(schema: GraphQLSchema): string[] {
  // The root types are named by the GraphQL spec; their fields, the API's entry points, are checked.
  const roots = new Set<GraphQLNamedType | null | undefined>([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  const missing: string[] = [];
  const need = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  const types = Object.values(schema.getTypeMap()).filter((t) => !isIntrospectionType(t) && !isSpecifiedScalarType(t));
  for (const type of types) {
    if (!roots.has(type)) need(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        need(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) need(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) need(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) need(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing.sort();
}

describe('supergraph', () => {
  it('composes from the subgraph SDLs without errors', () => {
    const result = composeSupergraph();
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('is committed up to date in schema/supergraph.graphql', () => {
    const result = composeSupergraph();
    if (!result.ok) throw new Error(`Composition failed:\n${result.errors.join('\n')}`);
    const committed = existsSync(SUPERGRAPH_PATH) ? readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
    expect(committed, 'schema/supergraph.graphql is stale: run `npm run compose` and commit the result').toBe(
      result.supergraphSdl,
    );
  });

  it('is committed up to date in schema/api.graphql, the public API the SDK is generated from', () => {
    const result = printApiSchema();
    if (!result.ok) throw new Error(`Composition failed:\n${result.errors.join('\n')}`);
    const committed = existsSync(API_SCHEMA_PATH) ? readFileSync(API_SCHEMA_PATH, 'utf8') : '';
    expect(committed, 'schema/api.graphql is stale: run `npm run compose`, then `npm run codegen`, and commit the results').toBe(
      result.sdl,
    );
    expect(result.sdl).not.toMatch(/join__|link__|@link|_Entity|_service/);
  });

  it('documents every type, field, argument and enum value of the public API', () => {
    const result = composeApiSchema();
    if (!result.ok) throw new Error(`Composition failed:\n${result.errors.join('\n')}`);
    expect(undocumented(result.apiSchema), 'add a """docstring""" to these in their subgraph schema.graphql').toEqual([]);
  });

  it('has a documentation check that names what lacks a description', () => {
    const schema = buildSchema(`
      type Query { "Documented." ok(arg: Int): Kind  bare: Int }
      "Documented." enum Kind { "Documented." A B }
    `);
    expect(undocumented(schema)).toEqual(['Kind.B', 'Query.bare', 'Query.ok(arg:)']);
  });

  it('leaves federation internals out of the public API', () => {
    const result = composeApiSchema();
    if (!result.ok) throw new Error(`Composition failed:\n${result.errors.join('\n')}`);
    const internal = Object.keys(result.apiSchema.getTypeMap()).filter((name) => /^(_|join__|link__)/.test(name) && !name.startsWith('__'));
    expect(internal).toEqual([]);
  });
});
