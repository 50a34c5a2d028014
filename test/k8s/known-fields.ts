import path from 'node:path';
import ts from 'typescript';
import { isObject } from './strategic-merge.js';

/**
 * kubernetes-models' validate() checks types and required fields but, like the OpenAPI schemas
 * it is built from, accepts fields it does not know: `readinesProbe` or `maxUnavailabe` pass,
 * and Kubernetes would drop them with a warning. The models' TypeScript declarations do list
 * every field, so this walks a manifest along its model's declared type and reports each key
 * the type does not have — what `kubectl apply --validate=strict` refuses.
 */

/** `<apiVersion>/<kind>` → the module and interface that declare it. */
export const DECLARATIONS: Record<string, [module: string, name: string]> = {
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'IDeployment'],
  'v1/Service': ['kubernetes-models/v1/Service', 'IService'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'ISecret'],
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'IConfigMap'],
  'v1/Namespace': ['kubernetes-models/v1/Namespace', 'INamespace'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', 'IHorizontalPodAutoscaler'],
  'policy/v1/PodDisruptionBudget': ['kubernetes-models/policy/v1/PodDisruptionBudget', 'IPodDisruptionBudget'],
  'networking.k8s.io/v1/NetworkPolicy': ['kubernetes-models/networking.k8s.io/v1/NetworkPolicy', 'INetworkPolicy'],
  'postgresql.cnpg.io/v1/Cluster': ['@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster', 'ICluster'],
  // Parts of objects, for values files that hold pieces (the NATS chart's container settings).
  'v1/Container': ['kubernetes-models/v1/Container', 'IContainer'],
  'v1/PodSpec': ['kubernetes-models/v1/PodSpec', 'IPodSpec'],
};

export interface FieldChecker {
  /** Paths of the fields `value` has that the declared type of `kind` (a DECLARATIONS key) lacks. */
  unknownFields(kind: string, value: unknown): string[];
}

/** Builds one TypeScript program over the declarations (about a second), then checks any number of objects. */
export function createFieldChecker(repoRoot: string): FieldChecker {
  const entry = path.join(repoRoot, 'test/k8s/__declarations__.ts');
  const source = Object.entries(DECLARATIONS)
    .map(([key, [module, name]], i) => `import type { ${name} as T${i} } from '${module}';\nexport type K${i} = T${i}; // ${key}`)
    .join('\n');
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === entry ? source : readFile(file));
  host.fileExists = (file) => path.resolve(file) === entry || ts.sys.fileExists(file);
  host.getSourceFile = (file, languageVersion) =>
    path.resolve(file) === entry ? ts.createSourceFile(file, source, languageVersion, true) : getSourceFile(file, languageVersion);
  const program = ts.createProgram([entry], options, host);
  const checker = program.getTypeChecker();
  const root = program.getSourceFile(entry);
  if (!root) throw new Error('known-fields: the declarations file did not load');
  const types = new Map<string, ts.Type>();
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(root) as ts.Symbol);
  Object.keys(DECLARATIONS).forEach((key, i) => {
    const symbol = exports.find((s) => s.name === `K${i}`);
    if (symbol) types.set(key, checker.getDeclaredTypeOfSymbol(symbol));
  });
  return {
    unknownFields(kind, value) {
      const type = types.get(kind);
      if (!type) return [`no declared type for ${kind}`];
      const found: string[] = [];
      walk(checker, value, type, '', found);
      return found;
    },
  };
}

function walk(checker: ts.TypeChecker, value: unknown, declared: ts.Type, at: string, found: string[]): void {
  if (typeof value !== 'object' || value === null) return;
  const type = objectPart(checker, declared);
  if (!type) return;
  if (Array.isArray(value)) {
    const element = checker.getIndexTypeOfType(type, ts.IndexKind.Number);
    if (element) value.forEach((item, i) => walk(checker, item, element, `${at}[${i}]`, found));
    return;
  }
  if (!isObject(value)) return;
  const index = checker.getIndexTypeOfType(type, ts.IndexKind.String);
  for (const [key, child] of Object.entries(value)) {
    const where = at ? `${at}.${key}` : key;
    const property = checker.getPropertyOfType(type, key);
    if (property) walk(checker, child, checker.getTypeOfSymbol(property), where, found);
    else if (index) walk(checker, child, index, where, found);
    else found.push(where);
  }
}

/** The object type inside `T | undefined`; undefined when a union offers several (no guess). */
function objectPart(checker: ts.TypeChecker, type: ts.Type): ts.Type | undefined {
  const defined = checker.getNonNullableType(type);
  if (!defined.isUnion()) return defined.flags & ts.TypeFlags.Object ? defined : undefined;
  const objects = defined.types.filter((t) => t.flags & ts.TypeFlags.Object);
  return objects.length === 1 ? objects[0] : undefined;
}
