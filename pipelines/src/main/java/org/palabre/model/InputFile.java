package org.palabre.model;

import java.io.Serializable;

/**
 * A delivered file as the ingest sees it: where it is, which source family its folder says it
 * belongs to, its path relative to the input folder (what reports show), and the SHA-256 of its
 * content, which identifies the delivery whatever the file is called.
 */
public record InputFile(String path, String sourceFamily, String relativeName, String sha256, long sizeBytes)
    implements Serializable {}
