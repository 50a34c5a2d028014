/** A failure a person can act on, announced by screen readers as it appears. */
export function ErrorMessage({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="error">
      {message}
    </p>
  ) : null;
}
