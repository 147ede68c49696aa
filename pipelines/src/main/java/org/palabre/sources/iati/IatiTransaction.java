package org.palabre.sources.iati;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One {@code transaction} of an activity, validated: a known type, a date, a number and a currency
 * are always there.
 *
 * @param iatiIdentifier the activity's identifier
 * @param line line where {@code <transaction>} starts
 * @param path where it is in the file, e.g. {@code iati-activity[3]/transaction[2]} ({@link IatiRecord#path()})
 * @param ref {@code @ref}; nullable
 * @param transactionType TransactionType code {@code 1}..{@code 13} (a 1.0x letter code is mapped:
 *     IF→1, C→2, D→3, E→4, IR→5, LR→6, R→7, QP→8, QS→9, CG→10)
 * @param transactionTypeAsReported the code as written in the file, e.g. {@code D} or {@code 3}
 * @param transactionDate {@code transaction-date/@iso-date}
 * @param value {@code value} text, as a number (spaces, thousands commas and a leading '+' removed)
 * @param currency {@code value/@currency}, else the activity's {@code @default-currency}
 * @param valueDate {@code value/@value-date}, else {@link #transactionDate} when the file omits it
 * @param providerOrg {@code provider-org}; nullable
 * @param receiverOrg {@code receiver-org}; nullable
 * @param description {@code description} narrative; nullable
 */
public record IatiTransaction(
    String iatiIdentifier,
    long line,
    String path,
    String ref,
    String transactionType,
    String transactionTypeAsReported,
    LocalDate transactionDate,
    BigDecimal value,
    String currency,
    LocalDate valueDate,
    Party providerOrg,
    Party receiverOrg,
    String description)
    implements IatiRecord {

  /**
   * {@code provider-org} or {@code receiver-org} of a transaction.
   *
   * @param ref organisation identifier; nullable
   * @param activityId {@code @provider-activity-id} or {@code @receiver-activity-id}; nullable
   * @param name narrative; nullable
   */
  public record Party(String ref, String activityId, String name) implements Serializable {}
}
