package org.palabre.model;

import java.io.Serializable;

/**
 * A delivered file as the ingest sees it: where it is, which source family its folder says it
 * belongs to, its path relative to the input folder (what reports show), the SHA-256 of its
 * content, and the delivery key that identifies it in the lake: the content hash, combined with
 * the hash of the family's context files (DHIS2 metadata, exchange rates) where the family has
 * some, so that a changed context makes the file be read again.
 */
public record InputFile(String path, String sourceFamily, String relativeName, String sha256, long sizeBytes, String deliveryKey)
    implements Serializable {

  /** A file read without context: its delivery key is its content hash. */
  public InputFile(String path, String sourceFamily, String relativeName, String sha256, long sizeBytes) {
    this(path, sourceFamily, relativeName, sha256, sizeBytes, sha256);
  }

  public InputFile withDeliveryKey(String key) {
    return new InputFile(path, sourceFamily, relativeName, sha256, sizeBytes, key);
  }
}
