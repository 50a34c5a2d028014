/** Waits for its API to reach main (see README.md). */
export function UserSearch() {
  return <p>Not available yet.</p>;
}
