import { useTaskPhotos } from '@sx/react';
import { useRef } from 'react';
import { ErrorMessage } from './error-message';

/** What the file picker offers; the server decides by the bytes anyway. */
const PHOTO_TYPES = 'image/jpeg,image/png,image/webp,image/heic';

/** The task's photos; its poster adds and removes them. */
export function TaskPhotos({ taskId, isPoster }: { taskId: string; isPoster: boolean }) {
  const { photos, add, remove, busy, error } = useTaskPhotos(taskId);
  const input = useRef<HTMLInputElement>(null);
  if (!isPoster && photos.length === 0 && !error) return null;
  return (
    <section aria-labelledby="photos-heading">
      <h3 id="photos-heading">Photos</h3>
      <ul className="photos" aria-label="Photos">
        {photos.map((photo, i) => (
          <li key={photo.id}>
            <img src={photo.src} alt={`Photo ${i + 1} of the task`} width={160} />
            {isPoster ? (
              <button type="button" disabled={busy} onClick={() => void remove(photo.id)}>
                Remove photo {i + 1}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {isPoster ? (
        <label>
          Add a photo
          <input
            ref={input}
            type="file"
            accept={PHOTO_TYPES}
            disabled={busy}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void add(file).then(() => input.current && (input.current.value = ''));
            }}
          />
        </label>
      ) : null}
      {busy ? <p aria-live="polite">Uploading…</p> : null}
      <ErrorMessage message={error?.message ?? null} />
    </section>
  );
}
