import type { ApolloServerPlugin } from '@apollo/server';
import { findInputProblem, inputProblemError } from './input-check.js';

/**
 * Refuses, before anything runs, an operation whose inputs hold a control character or an
 * invalid DateTime (see findInputProblem), as BAD_USER_INPUT naming the field. `status` is the
 * HTTP status of that answer: 400 at the gateway; 200 at a subgraph, whose 200 answers the
 * gateway relays with their code (it masks any other status as its own failure).
 */
export function inputCheckPlugin<C extends object>(status: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const problem = findInputProblem(schema, document, operation, request.variables);
          if (problem) throw inputProblemError(problem, status);
        },
      };
    },
  };
}
