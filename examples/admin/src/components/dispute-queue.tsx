/**
 * The dispute queue waits for the disputes API (issue 17) to reach main: its screen and its
 * operations are ready in examples/admin/pending/ (they name fields codegen would refuse today).
 */
export function DisputeQueue() {
  return <p>The dispute queue is not available yet: this server has no disputes API.</p>;
}
