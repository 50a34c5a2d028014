import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { eventually, gql, gqlOk, placeBidAs, postTaskAs, sharedAdmin, signUpUser, stackInfo, type TestUser } from '@sx/testkit';
import { useStackDb } from '@sx/testkit/hooks';
import {
  addTaskPhoto,
  addTaskPhotoOk,
  createUpload,
  jpegBytes,
  onGateway,
  pdfBytes,
  PHOTO_FIELDS,
  type Photo,
  putBytes,
  reasonOf,
  signedDownloadPath,
  taskPhotos,
  uploadTaskPhoto,
} from './task-photos-api.js';

// Task photos through the gateway: a signed PUT URL per upload (bytes never travel in GraphQL),
// the type read from the bytes, downloads by short-lived URLs minted only for callers who may
// see the task, and removal that really deletes. The test stack caps uploads at 256 KiB and
// photos at 3 per task (packages/testkit/src/global-setup.ts).

const db = useStackDb();

async function storedUploads(id: string): Promise<number> {
  const res = await db.execute(sql`SELECT count(*)::int AS n FROM files.uploads WHERE id = ${id}`);
  return (res.rows[0] as { n: number }).n;
}

/** Whether the local store still holds an upload's bytes (null: no row, so no key to look for). */
async function bytesStored(id: string): Promise<boolean | null> {
  const res = await db.execute(sql`SELECT storage_key FROM files.uploads WHERE id = ${id}`);
  const key = (res.rows[0] as { storage_key: string | null } | undefined)?.storage_key;
  return key ? existsSync(path.join(stackInfo().filesDir, ...key.split('/'))) : null;
}

/** The photos of the task of the caller's first bid: a task reached through another entity, not Query.task. */
async function photosThroughBid(tasker: TestUser): Promise<Photo[] | null | undefined> {
  const res = await gqlOk<{ me: { bids: { edges: { node: { task: { photos: Photo[] | null } } }[] } } }>(
    `query { me { bids(first: 1) { edges { node { task { id photos { ${PHOTO_FIELDS} } } } } } } }`,
    {},
    { token: tasker.accessToken },
  );
  return res.me.bids.edges[0]?.node.task.photos;
}

describe('task photos', () => {
  it('lets a poster upload a photo to their task, and shows it to other signed-in users by a signed URL', async () => {
    const [poster, viewer] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    const taskId = await postTaskAs(poster, { title: 'Fix the garden fence' });
    const bytes = jpegBytes(2_000);
    const ticket = await createUpload(poster);
    expect(ticket.acceptedContentTypes).toEqual(['image/jpeg', 'image/png', 'image/webp', 'image/heic']);
    // The header claims PNG; the bytes say JPEG, and the bytes win.
    const put = await putBytes(ticket.uploadUrl, bytes, 'image/png');
    expect(put).toEqual({ status: 201, body: { uploadId: ticket.uploadId, contentType: 'image/jpeg', sizeBytes: 2_000 } });
    const photo = await addTaskPhotoOk(poster, taskId, ticket.uploadId);
    expect(photo).toMatchObject({ id: ticket.uploadId, contentType: 'image/jpeg', sizeBytes: 2_000 });

    const seen = await taskPhotos(taskId, viewer);
    expect(seen.errors).toBeUndefined();
    const [shown] = seen.data?.task.photos ?? [];
    expect(seen.data?.task.photos).toHaveLength(1);
    expect(shown?.id).toBe(photo.id);
    const download = await fetch(onGateway(shown?.url ?? ''));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    // Embeddable by the apps' origins (an <img>); the signed URL is the permission.
    expect(download.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  it('refuses an HTML page named photo.jpg, and a PDF as a photo, by their bytes', async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    const taskId = await postTaskAs(poster);
    const ticket = await createUpload(poster);
    const html = new TextEncoder().encode('<!doctype html><script>document.location="https://evil.example"</script>');
    const refused = await putBytes(ticket.uploadUrl, html, 'image/jpeg');
    expect(refused.status).toBe(400);
    expect(reasonOf(refused.body)).toBe('UNSUPPORTED_FILE_TYPE');
    const pdfAsPhoto = await putBytes(ticket.uploadUrl, pdfBytes(), 'image/jpeg');
    expect(reasonOf(pdfAsPhoto.body)).toBe('UNSUPPORTED_FILE_TYPE');
    // Nothing was stored: the upload is still waiting for its bytes.
    const attach = await eventually(
      () => addTaskPhoto(poster, taskId, ticket.uploadId),
      (r) => r.errors?.[0]?.extensions?.reason !== 'TASK_NOT_YET_KNOWN',
    );
    expect(attach.errors?.[0]?.extensions?.reason).toBe('UPLOAD_NOT_FINISHED');
    // A receipt may be a PDF.
    const receipt = await createUpload(poster, 'DOCUMENT');
    expect(await putBytes(receipt.uploadUrl, pdfBytes(), 'text/plain')).toMatchObject({ status: 201, body: { contentType: 'application/pdf' } });
  });

  it('refuses a file over the size limit, an empty one, and a second file on the same ticket', async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    const ticket = await createUpload(poster);
    const tooLarge = await putBytes(ticket.uploadUrl, jpegBytes(ticket.maxBytes + 1));
    expect(tooLarge.status).toBe(413);
    expect(reasonOf(tooLarge.body)).toBe('FILE_TOO_LARGE');
    expect(reasonOf((await putBytes(ticket.uploadUrl, new Uint8Array())).body)).toBe('FILE_EMPTY');
    expect((await putBytes(ticket.uploadUrl, jpegBytes(ticket.maxBytes))).status).toBe(201);
    const again = await putBytes(ticket.uploadUrl, jpegBytes());
    expect(again.status).toBe(409);
    expect(reasonOf(again.body)).toBe('UPLOAD_ALREADY_RECEIVED');
  });

  it('refuses expired, altered and misdirected URLs', async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    const taskId = await postTaskAs(poster);
    const [first, second] = [await uploadTaskPhoto(poster, taskId), await uploadTaskPhoto(poster, taskId)];
    const now = Math.floor(Date.now() / 1000);
    // A URL correctly signed for this very photo, but expired: what an old link is.
    const expired = await fetch(onGateway(signedDownloadPath(first.id, now - 1)));
    expect(expired.status).toBe(403);
    expect(reasonOf((await expired.json()) as Record<string, unknown>)).toBe('FILE_URL_EXPIRED');
    expect((await fetch(onGateway(signedDownloadPath(first.id, now + 60)))).status).toBe(200);
    // The first photo's signature does not open the second.
    const moved = first.url.replace(first.id, second.id);
    const misdirected = await fetch(onGateway(moved));
    expect(misdirected.status).toBe(403);
    expect(reasonOf((await misdirected.json()) as Record<string, unknown>)).toBe('FILE_URL_INVALID');
    // Nor does stretching its expiry.
    const stretched = first.url.replace(/exp=(\d+)/, (_m, exp: string) => `exp=${Number(exp) + 3600}`);
    expect((await fetch(onGateway(stretched))).status).toBe(403);
    // An upload ticket's URL is not a download URL.
    const ticket = await createUpload(poster);
    expect((await fetch(onGateway(ticket.uploadUrl.replace('/uploads/', '/files/')))).status).toBe(403);
  });

  it('gives anonymous callers no photos and no tickets, and lets no one but the poster change them', async () => {
    const [poster, other] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['POSTER', 'TASKER'] })]);
    const taskId = await postTaskAs(poster);
    const photo = await uploadTaskPhoto(poster, taskId);

    const anonymous = await taskPhotos(taskId, null);
    expect(anonymous.data?.task.photos).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(anonymous)).not.toContain('/files/');
    const anonymousTicket = await gql(`mutation { createUpload(input: { purpose: PHOTO }) { uploadUrl } }`);
    expect(anonymousTicket.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // Another user's own finished upload cannot go on the poster's task…
    const theirs = await createUpload(other);
    await putBytes(theirs.uploadUrl, jpegBytes());
    expect((await addTaskPhoto(other, taskId, theirs.uploadId)).errors?.[0]?.extensions?.reason).toBe('NOT_TASK_POSTER');
    // …and the poster's upload id is useless to them on a task of their own.
    const ownTask = await postTaskAs(other);
    const posterTicket = await createUpload(poster);
    await putBytes(posterTicket.uploadUrl, jpegBytes());
    const stolen = await eventually(
      () => addTaskPhoto(other, ownTask, posterTicket.uploadId),
      (r) => r.errors?.[0]?.extensions?.reason !== 'TASK_NOT_YET_KNOWN',
    );
    expect(stolen.errors?.[0]?.extensions?.reason).toBe('UPLOAD_NOT_FOUND');
    const removal = await gql(`mutation($id: ID!) { removeTaskPhoto(id: $id) { removedPhotoId } }`, { id: photo.id }, { token: other.accessToken });
    expect(removal.errors?.[0]?.extensions?.reason).toBe('NOT_TASK_POSTER');
    expect((await taskPhotos(taskId, poster)).data?.task.photos?.map((p) => p.id)).toEqual([photo.id]);
  });

  it('keeps at most the configured number of photos on a task, and each upload on one task', async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    const taskId = await postTaskAs(poster);
    const photos = [await uploadTaskPhoto(poster, taskId), await uploadTaskPhoto(poster, taskId), await uploadTaskPhoto(poster, taskId)];
    const fourth = await createUpload(poster);
    await putBytes(fourth.uploadUrl, jpegBytes());
    expect((await addTaskPhoto(poster, taskId, fourth.uploadId)).errors?.[0]?.extensions?.reason).toBe('TOO_MANY_PHOTOS');
    expect((await addTaskPhoto(poster, taskId, photos[0]?.id ?? '')).errors?.[0]?.extensions?.reason).toBe('UPLOAD_ALREADY_ATTACHED');
    expect((await taskPhotos(taskId, poster)).data?.task.photos?.map((p) => p.id)).toEqual(photos.map((p) => p.id));
  });

  it('removes a photo: it leaves the task, its URL stops working and the file is deleted', async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    const taskId = await postTaskAs(poster);
    const [kept, removed] = [await uploadTaskPhoto(poster, taskId), await uploadTaskPhoto(poster, taskId)];
    const answer = await gql<{ removeTaskPhoto: { removedPhotoId: string; task: { id: string; title: string } } }>(
      `mutation($id: ID!) { removeTaskPhoto(id: $id) { removedPhotoId task { id title } } }`,
      { id: removed.id },
      { token: poster.accessToken },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.removeTaskPhoto).toMatchObject({ removedPhotoId: removed.id, task: { id: taskId } });
    const gone = await fetch(onGateway(removed.url));
    expect(gone.status).toBe(404);
    expect(reasonOf((await gone.json()) as Record<string, unknown>)).toBe('FILE_NOT_FOUND');
    expect((await fetch(onGateway(kept.url))).status).toBe(200);
    expect((await taskPhotos(taskId, poster)).data?.task.photos?.map((p) => p.id)).toEqual([kept.id]);
    await eventually(() => storedUploads(removed.id), (n) => n === 0, { what: 'the removed file to be deleted' });
    const twice = await gql(`mutation($id: ID!) { removeTaskPhoto(id: $id) { removedPhotoId } }`, { id: removed.id }, { token: poster.accessToken });
    expect(twice.errors?.[0]?.extensions?.reason).toBe('PHOTO_NOT_FOUND');
  });

  it('keeps the photos of a hidden task from everyone but its poster and administrators, by entity reference and by URL', { timeout: 120_000 }, async () => {
    const [poster, tasker, admin] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] }), sharedAdmin()]);
    const taskId = await postTaskAs(poster);
    const photo = await uploadTaskPhoto(poster, taskId);
    await placeBidAs(tasker, taskId, 5_000);
    const taskerUrl = (await photosThroughBid(tasker))?.[0]?.url ?? '';
    const posterUrl = (await taskPhotos(taskId, poster)).data?.task.photos?.[0]?.url ?? '';
    expect((await fetch(onGateway(taskerUrl))).status).toBe(200);

    await gqlOk('mutation($id: ID!) { hideTask(taskId: $id, reason: "Prohibited item") { id } }', { id: taskId }, { token: admin.accessToken });
    // The bidder still reaches the task through their bid, but gets none of its photos…
    expect(await photosThroughBid(tasker)).toBeNull();
    // …and the URL they were given before stops working once files hears of the hiding.
    const refused = await eventually(() => fetch(onGateway(taskerUrl)), (r) => r.status !== 200, { what: 'files to hear of the hiding' });
    expect([refused.status, reasonOf((await refused.json()) as Record<string, unknown>)]).toEqual([403, 'FILE_NOT_SHARED']);
    // The poster and administrators still see them, by old and new URLs.
    expect((await fetch(onGateway(posterUrl))).status).toBe(200);
    const adminView = await taskPhotos(taskId, admin);
    expect(adminView.data?.task.photos?.map((p) => p.id)).toEqual([photo.id]);
    expect((await fetch(onGateway(adminView.data?.task.photos?.[0]?.url ?? ''))).status).toBe(200);

    await gqlOk('mutation($id: ID!) { unhideTask(taskId: $id) { id } }', { id: taskId }, { token: admin.accessToken });
    expect((await photosThroughBid(tasker))?.map((p) => p.id)).toEqual([photo.id]);
    await eventually(() => fetch(onGateway(taskerUrl)), (r) => r.status === 200, { what: 'files to hear of the unhiding' });
  });

  it('sweeps uploads left unattached past their time, bytes and row, and keeps attached ones', async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    const taskId = await postTaskAs(poster);
    const attached = await uploadTaskPhoto(poster, taskId);
    const abandoned = await createUpload(poster);
    await putBytes(abandoned.uploadUrl, jpegBytes());
    const fresh = await createUpload(poster);
    await putBytes(fresh.uploadUrl, jpegBytes());
    expect([await bytesStored(attached.id), await bytesStored(abandoned.uploadId)]).toEqual([true, true]);
    // Two days old: past UNATTACHED_TTL_S (24 h), as if their tickets had been issued then.
    await db.execute(sql`UPDATE files.uploads SET created_at = now() - interval '2 days' WHERE id IN (${attached.id}, ${abandoned.uploadId})`);
    await eventually(() => storedUploads(abandoned.uploadId), (n) => n === 0, { what: 'the sweeper to delete the abandoned upload' });
    // Stored as uploads/<id>-<random>: nothing of it is left.
    expect(readdirSync(path.join(stackInfo().filesDir, 'uploads')).filter((f) => f.startsWith(abandoned.uploadId))).toEqual([]);
    // The attached photo, just as old, stays: row, bytes and download; the fresh upload too.
    expect(await bytesStored(attached.id)).toBe(true);
    expect((await fetch(onGateway(attached.url))).status).toBe(200);
    expect(await bytesStored(fresh.uploadId)).toBe(true);
    expect((await addTaskPhoto(poster, taskId, fresh.uploadId)).errors).toBeUndefined();
  });
});
