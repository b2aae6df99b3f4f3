import { BlobServiceClient } from '@azure/storage-blob';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { evidenceRefSchema } from '../../migration/migration-signals';
import { EvidenceIntegrityError, EvidenceStore } from '../../platform/evidence-store';
import { useAzurite } from '../support/azurite-suite';
import { defined } from '../support/defined';

const azurite = useAzurite('evidence-store');

const scheduler = Buffer.from('StagingModeEnabled                  : False\n', 'utf8');

function blobOf(container: string, blobName: string) {
  return BlobServiceClient.fromConnectionString(azurite().connectionString)
    .getContainerClient(container)
    .getBlockBlobClient(blobName);
}

describe('evidence in Azure Blobs', () => {
  it('stores evidence under the tenant by its sha256 and reads it back', async () => {
    const store = new EvidenceStore(azurite().connectionString, 'evidence-a');
    const ref = await store.put('tenant-1', scheduler, {
      fileName: 'scheduler.txt',
      contentType: 'text/plain',
    });
    const sha256 = createHash('sha256').update(scheduler).digest('hex');
    expect(evidenceRefSchema.parse(ref)).toEqual({
      blobName: `${Buffer.from('tenant-1').toString('base64url')}/${sha256}`,
      sha256,
      bytes: scheduler.length,
      fileName: 'scheduler.txt',
    });
    expect(await store.get('tenant-1', ref)).toEqual(scheduler);
  });

  it('keeps the file name, content type and size with the blob, a non-ASCII name included', async () => {
    const store = new EvidenceStore(azurite().connectionString, 'evidence-b');
    const ref = await store.put('tenant-1', scheduler, {
      fileName: 'Überprüfung #1.json',
      contentType: 'application/json',
    });
    const properties = await blobOf('evidence-b', ref.blobName).getProperties();
    expect(properties.contentType).toBe('application/json');
    expect(decodeURIComponent(properties.metadata?.filename ?? '')).toBe('Überprüfung #1.json');
    expect(properties.metadata?.bytes).toBe(String(scheduler.length));
  });

  it('stores the same content once and never rewrites it', async () => {
    const store = new EvidenceStore(azurite().connectionString, 'evidence-c');
    const first = await store.put('tenant-1', scheduler, { fileName: 'a.txt' });
    const { etag } = await blobOf('evidence-c', first.blobName).getProperties();
    const again = await store.put('tenant-1', Buffer.from(scheduler), { fileName: 'b.txt' });
    expect(again).toEqual({ ...first, fileName: 'b.txt' });
    expect((await blobOf('evidence-c', first.blobName).getProperties()).etag).toBe(etag);

    const together = await Promise.all(
      [1, 2, 3].map(() => store.put('tenant-1', Buffer.from('same at once'))),
    );
    expect(new Set(together.map((ref) => ref.blobName)).size).toBe(1);
    expect(await store.get('tenant-1', defined(together[0], 'the first reference'))).toEqual(
      Buffer.from('same at once'),
    );
  });

  it("keeps tenants apart: one tenant cannot read another's evidence, even by its reference", async () => {
    const store = new EvidenceStore(azurite().connectionString, 'evidence-d');
    const ofA = await store.put('tenant-a', scheduler);
    expect(await store.get('tenant-b', ofA)).toBeUndefined();
    const ofB = await store.put('tenant-b', scheduler);
    expect(ofB.sha256).toBe(ofA.sha256);
    expect(ofB.blobName).not.toBe(ofA.blobName);
    // A reference naming tenant A's blob, presented as tenant B's, is not B's evidence.
    expect(await store.get('tenant-b', { ...ofB, blobName: ofA.blobName })).toBeUndefined();
  });

  it('answers undefined for evidence that was never stored', async () => {
    const store = new EvidenceStore(azurite().connectionString, 'evidence-e');
    const bytes = Buffer.from('never stored');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const ref = {
      blobName: `${Buffer.from('tenant-1').toString('base64url')}/${sha256}`,
      sha256,
      bytes: bytes.length,
    };
    expect(await store.get('tenant-1', ref)).toBeUndefined();
  });

  it('stores and reads empty evidence', async () => {
    const store = new EvidenceStore(azurite().connectionString, 'evidence-f');
    const ref = await store.put('tenant-1', new Uint8Array(0));
    expect(ref.bytes).toBe(0);
    expect(await store.get('tenant-1', ref)).toEqual(Buffer.alloc(0));
  });

  it('detects a blob changed after it was stored, whether its size changed or not', async () => {
    const store = new EvidenceStore(azurite().connectionString, 'evidence-g');
    const ref = await store.put('tenant-1', scheduler);
    const blob = blobOf('evidence-g', ref.blobName);

    const sameSize = Buffer.from(scheduler.toString('utf8').replace('False', 'True!'));
    expect(sameSize.length).toBe(scheduler.length);
    await blob.uploadData(sameSize);
    await expect(store.get('tenant-1', ref)).rejects.toBeInstanceOf(EvidenceIntegrityError);

    await blob.uploadData(Buffer.from('StagingModeEnabled : True\n'));
    await expect(store.get('tenant-1', ref)).rejects.toBeInstanceOf(EvidenceIntegrityError);
  });

  it('refuses a malformed reference', async () => {
    const store = new EvidenceStore(azurite().connectionString, 'evidence-h');
    await expect(
      store.get('tenant-1', { blobName: 'x', sha256: 'not-a-digest', bytes: 1 }),
    ).rejects.toThrow();
  });
});
