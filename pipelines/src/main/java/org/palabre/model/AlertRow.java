package org.palabre.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One red/orange-line alert of the alert log (lake table {@code alerts}); the free-text description is not kept. Field names are the
 * {@code schemas/lake/alerts.avsc} columns in camel case; nullable columns are the boxed or
 * reference-typed components.
 */
public record AlertRow(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    // alerts
    String alertId,
    String categoryRaw,
    String category,
    String level,
    LocalDate dateRaised,
    LocalDate dateClosed,
    String countryRaw,
    String countryIso2,
    String partner,
    String section)
    implements Serializable {}
