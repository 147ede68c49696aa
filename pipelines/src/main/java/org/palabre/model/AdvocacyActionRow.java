package org.palabre.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One advocacy action of the network's advocacy log (lake table {@code advocacy_actions}), the
 * member as written (mapped at build time). Field names are the
 * {@code schemas/lake/advocacy_actions.avsc} columns in camel case; nullable columns are the boxed or
 * reference-typed components.
 */
public record AdvocacyActionRow(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    // advocacy actions
    String theme,
    String memberRaw,
    LocalDate actionDate,
    String description,
    boolean serviceUsersInvolved)
    implements Serializable {}
