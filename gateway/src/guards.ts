import { ApolloArmor } from '@escape.tech/graphql-armor';
import cors from 'cors';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { ERROR_REASONS } from '@sx/core';
import type { GatewayConfig } from './env.js';

/**
 * Browsers may call from the configured origins only: any other Origin gets no
 * Access-Control-Allow-Origin header, so the browser withholds the response. Calls without an
 * Origin (apps, servers, curl) are not browser cross-origin requests and pass.
 */
export function corsGuard(config: GatewayConfig): RequestHandler {
  return cors({
    origin: config.CORS_ORIGINS,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'],
    maxAge: 600,
  });
}

/** JSON bodies up to BODY_LIMIT; Apollo needs `req.body` set even for GET requests. */
export function bodyGuard(config: GatewayConfig): RequestHandler[] {
  return [
    express.json({ limit: config.BODY_LIMIT }),
    (req, _res, next) => {
      req.body ??= {};
      next();
    },
  ];
}

function graphqlErrorBody(reason: 'BODY_TOO_LARGE' | 'INVALID_JSON_BODY', message: string) {
  return { errors: [{ message, extensions: { code: ERROR_REASONS[reason].code, reason } }] };
}

/** Turns body-parser failures into GraphQL-shaped answers instead of express's HTML page. */
export function bodyErrorHandler(config: GatewayConfig): ErrorRequestHandler {
  return (err: { type?: string }, _req, res, next) => {
    if (err.type === 'entity.too.large') {
      res
        .status(413)
        .json(graphqlErrorBody('BODY_TOO_LARGE', `The request body is larger than the ${config.BODY_LIMIT} limit: send a smaller query or fewer variables.`));
      return;
    }
    if (err.type === 'entity.parse.failed') {
      res.status(400).json(graphqlErrorBody('INVALID_JSON_BODY', 'The request body is not valid JSON: send {"query": "...", "variables": {...}}.'));
      return;
    }
    next(err);
  };
}

/**
 * Token, depth, alias, directive and cost limits, checked before anything is planned, so an
 * abusive document never reaches a subgraph. Armor's messages name the limit that was hit.
 */
export function armorProtection(config: GatewayConfig) {
  const armor = new ApolloArmor({
    maxDepth: { n: config.MAX_QUERY_DEPTH },
    maxAliases: { n: config.MAX_ALIASES },
    // graphql-js enforces the token limit while parsing (parseOptions), answering 400;
    // armor's token plugin throws from a hook Apollo treats as a crash, answering 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: config.MAX_DIRECTIVES },
    costLimit: { maxCost: config.MAX_COST },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules, parseOptions: { maxTokens: config.MAX_TOKENS } };
}
