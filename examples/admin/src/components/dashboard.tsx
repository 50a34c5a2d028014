/** Waits for its API to reach main (see README.md). */
export function Dashboard() {
  return <p>Not available yet.</p>;
}
