package org.palabre.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One red/orange-line alert of the alert log in its own words (lake table {@code alerts}): labels
 * as written, mapped at build time; the free-text description is not kept. Field names are the
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
    String levelRaw,
    LocalDate dateRaised,
    LocalDate dateClosed,
    String countryRaw,
    String partner,
    String sectionRaw,
    // the headers as written, for the reasons of the build's source tests
    String categoryColumn,
    String levelColumn,
    String sectionColumn)
    implements Serializable {}
