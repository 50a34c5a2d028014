// How Metro finds the workspace packages this app is built on, which live outside it (this app
// is not an npm workspace: it pins React 19.1 for Expo 54 while the workspace uses 19.3).
//  - `@sx/sdk` and `@sx/react` resolve to their folders, and their `sx-source` export (the
//    TypeScript sources), so no build of theirs is needed;
//  - the sources import siblings as `./client.js` (for Node's ESM); Metro is given `./client`
//    and finds the .ts;
//  - a bare import in those sources (react, graphql, graphql-ws) resolves from this app's
//    node_modules, never the workspace root's: one React, the one React Native was built with;
//  - our own code (this app's src/, the SDK, the hooks) importing a Node built-in (`fs`,
//    `node:crypto` …) fails the build, naming the importer: phones and browsers have none, and an
//    npm package of the same name would silently stand in. (Dependencies may use such packages on
//    purpose — Expo's URL polyfill needs `buffer` and `punycode` from npm — so for them Metro's
//    own rule stands: resolved from node_modules, or the build fails.)
const { builtinModules } = require('node:module');
const path = require('node:path');

const BUILTINS = new Set(builtinModules);

/**
 * True for `node:fs`, `fs`, `fs/promises` …; false for `buffer/`, which by Node's own rule names
 * the npm package of that name, not the built-in (Expo's URL polyfill imports the `buffer`
 * package so).
 */
function isNodeBuiltin(name) {
  if (name.startsWith('node:')) return true;
  if (name.endsWith('/')) return false;
  return BUILTINS.has(name) || BUILTINS.has(name.split('/')[0]);
}

/** A Metro `resolveRequest` for this app; `repoRoot` holds packages/, `appDir` this app. */
function createResolver({ repoRoot, appDir }) {
  const workspaceDirs = ['packages/sdk', 'packages/react'].map((dir) => path.join(repoRoot, dir) + path.sep);
  const ownDirs = [...workspaceDirs, path.join(appDir, 'src') + path.sep, path.join(appDir, 'index.ts')];
  const appEntry = path.join(appDir, 'index.ts');
  return function resolveRequest(context, moduleName, platform) {
    const fromOwnCode = ownDirs.some((dir) => context.originModulePath.startsWith(dir));
    if (fromOwnCode && isNodeBuiltin(moduleName)) {
      throw new Error(`${context.originModulePath} imports the Node built-in "${moduleName}", which Android, iOS and browsers do not have.`);
    }
    const fromWorkspace = workspaceDirs.some((dir) => context.originModulePath.startsWith(dir));
    if (fromWorkspace && moduleName.startsWith('.') && moduleName.endsWith('.js')) {
      return context.resolveRequest(context, moduleName.slice(0, -'.js'.length), platform);
    }
    if (fromWorkspace && !moduleName.startsWith('.')) {
      return context.resolveRequest({ ...context, originModulePath: appEntry }, moduleName, platform);
    }
    return context.resolveRequest(context, moduleName, platform);
  };
}

module.exports = { createResolver, isNodeBuiltin };
