package org.palabre.model.iati;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One IATI {@code transaction} (table {@code iati_transactions}): its TransactionType code (1.0x
 * letters mapped, the original kept in {@code transactionTypeReported}), its value as published
 * and in EUR, and its provider and receiver organisations.
 */
public record IatiTransactionRow(
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    String sourcePath,
    long activityLine,
    String activityPath,
    String iatiIdentifier,
    String transactionRef,
    String transactionType,
    String transactionTypeReported,
    LocalDate transactionDate,
    double value,
    String valueText,
    String currency,
    LocalDate valueDate,
    double valueEur,
    double rateUnitsPerEur,
    LocalDate rateDate,
    String providerOrgRef,
    String providerOrgName,
    String providerActivityId,
    String receiverOrgRef,
    String receiverOrgName,
    String receiverActivityId,
    String description)
    implements Serializable {}
