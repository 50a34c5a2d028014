import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './page.css';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createGatewayFetcher } from './fetcher';

const DEFAULT_QUERY = `# Service Exchange GraphiQL
#
# Signed-in operations and subscriptions need an
# access token (from signUp or signIn). Put it in
# the Headers tab below:
#   {"Authorization": "Bearer <accessToken>"}

query OpenTasks {
  tasks(first: 5) {
    edges { node { id title status } }
  }
}
`;

const root = document.getElementById('graphiql');
if (!root) throw new Error('index.html has no #graphiql element');

createRoot(root).render(
  <StrictMode>
    {/* Tokens stay in memory: persisting headers would leave them in localStorage. */}
    <GraphiQL fetcher={createGatewayFetcher(window.location)} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false} />
  </StrictMode>,
);
