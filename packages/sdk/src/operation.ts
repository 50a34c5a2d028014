import { getOperationAST, print, type DocumentNode } from 'graphql';

/** What goes over the wire for a document: its text and the name of its operation. */
export interface OperationText {
  query: string;
  operationName: string | undefined;
  /** The field the operation selects at its root; for a subscription, where the event is. */
  rootField: string | undefined;
}

const cache = new WeakMap<DocumentNode, OperationText>();

/** Prints a document once and remembers it: the generated documents are module constants. */
export function operationText(document: DocumentNode): OperationText {
  const cached = cache.get(document);
  if (cached) return cached;
  const operation = getOperationAST(document);
  const first = operation?.selectionSet.selections[0];
  const text: OperationText = {
    query: print(document),
    operationName: operation?.name?.value,
    rootField: first?.kind === 'Field' ? (first.alias ?? first.name).value : undefined,
  };
  cache.set(document, text);
  return text;
}
