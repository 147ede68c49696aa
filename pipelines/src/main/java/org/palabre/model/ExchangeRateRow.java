package org.palabre.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One rate of the dated exchange-rate table (lake table {@code exchange_rates}). Field names are the
 * {@code schemas/lake/exchange_rates.avsc} columns in camel case; nullable columns are the boxed or
 * reference-typed components.
 */
public record ExchangeRateRow(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    // exchange rates
    LocalDate rateDate,
    String currency,
    double unitsPerEur)
    implements Serializable {}
