# One image for every process of the supergraph; docker-compose picks the entry point per service.
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY packages ./packages
COPY subgraphs ./subgraphs
COPY gateway ./gateway
COPY schema ./schema
COPY scripts ./scripts
COPY tsconfig.json ./
# tsx runs the TypeScript sources directly (a runtime dependency), so dev tools can be left out.
RUN npm ci --omit=dev --no-audit --no-fund
# GraphiQL's page is bundled here, once, so the gateway serves it with no internet.
RUN npm run build:graphiql
# SERVICE_DIR is set per service in docker-compose.yml (e.g. subgraphs/users or gateway).
CMD ["sh", "-c", "exec node --import tsx \"$SERVICE_DIR/src/index.ts\""]
