// Expo's Metro defaults, plus the workspace packages the app is built on (see metro-resolver.js).
const path = require('node:path');
const { getDefaultConfig } = require('expo/metro-config');
const { createResolver } = require('./metro-resolver');

const repoRoot = path.resolve(__dirname, '../..');
const config = getDefaultConfig(__dirname);

config.watchFolders = [path.join(repoRoot, 'packages/sdk'), path.join(repoRoot, 'packages/react')];
config.resolver.extraNodeModules = {
  '@sx/sdk': path.join(repoRoot, 'packages/sdk'),
  '@sx/react': path.join(repoRoot, 'packages/react'),
};
config.resolver.unstable_conditionNames = ['sx-source', ...config.resolver.unstable_conditionNames];
config.resolver.resolveRequest = createResolver({ repoRoot, appDir: __dirname });

module.exports = config;
