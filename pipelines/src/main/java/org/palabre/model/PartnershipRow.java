package org.palabre.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One partnership of the MdM partnership registry in its own words (lake table {@code
 * partnerships}): labels as written, mapped at build time. Field names are the
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
    String sectionRaw,
    String typeRaw,
    String agreementRaw,
    LocalDate startDate,
    LocalDate endDate,
    // the headers as written, for the reasons of the build's source tests
    String sectionColumn,
    String typeColumn,
    String agreementColumn)
    implements Serializable {}
