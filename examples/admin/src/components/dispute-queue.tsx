/** Waits for its API to reach main (see README.md). */
export function DisputeQueue() {
  return <p>Not available yet.</p>;
}
