package org.palabre.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One partnership of the MdM partnership registry (lake table {@code partnerships}). Field names are the
 * {@code schemas/lake/partnerships.avsc} columns in camel case; nullable columns are the boxed or
 * reference-typed components.
 */
public record PartnershipRow(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    // partnerships
    String partner,
    String countryRaw,
    String countryIso2,
    String section,
    String typeRaw,
    String type,
    String agreement,
    LocalDate startDate,
    LocalDate endDate)
    implements Serializable {}
