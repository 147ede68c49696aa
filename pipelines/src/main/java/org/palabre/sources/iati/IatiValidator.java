package org.palabre.sources.iati;

import java.time.LocalDate;
import org.palabre.model.ParseSink;

/**
 * The validation of what {@link IatiActivityParser} has read of an activity: checks the activity
 * (identifier, version, activity-level values), builds its budgets, transactions and result
 * periods (each draft validates and harmonises its own values), hands the records and rejections
 * to the sink, and counts them for the file's {@link IatiParseReport}.
 */
final class IatiValidator {

  private final IatiCodes codes;
  /** A transaction dated after it is rejected; budgets, planned dates and result periods are forecasts, never checked. */
  private final LocalDate runDate;
  private final ParseSink<IatiRecord> sink;

  private int activitiesAccepted;
  private int activitiesRejected;
  private int budgetsAccepted;
  private int budgetsRejected;
  private int transactionsAccepted;
  private int transactionsRejected;
  private int periodsAccepted;
  private int periodsRejected;

  IatiValidator(IatiCodes codes, LocalDate runDate, ParseSink<IatiRecord> sink) {
    this.codes = codes;
    this.runDate = runDate;
    this.sink = sink;
  }

  /** What was accepted and rejected so far; {@code complete} when the whole file was read. */
  IatiParseReport report(boolean complete) {
    return new IatiParseReport(
        activitiesAccepted,
        activitiesRejected,
        budgetsAccepted,
        budgetsRejected,
        transactionsAccepted,
        transactionsRejected,
        periodsAccepted,
        periodsRejected,
        complete);
  }

  /**
   * Validates a finished activity ({@code fileVersion} is the file's, for an activity that declares
   * none) and hands it to the sink with its budgets, transactions and result periods, each
   * accepted as its record or rejected with its line, reason and XML; an activity that fails
   * rejects every item with it.
   */
  void finish(ActivityDraft a, String fileVersion) {
    String version = a.version != null ? a.version : fileVersion;
    String problem = null;
    if (a.identifier == null) {
      problem = "iati-activity at line " + a.line + " has no iati-identifier";
    } else if (version != null && !codes.isKnownVersion(version)) {
      problem =
          "activity "
              + a.identifier
              + " declares IATI version '"
              + version
              + "', which is not in the IATI Version codelist (1.01-1.05, 2.01-2.03)";
    } else if (!a.problems.isEmpty()) {
      problem = "activity " + a.identifier + ": " + String.join("; ", a.problems);
    }
    if (problem != null) {
      rejectWholeActivity(a, problem);
      return;
    }
    sink.accept(
        new IatiActivity(
            a.identifier,
            a.line,
            a.path,
            version,
            a.defaultCurrency,
            a.lastUpdated,
            a.lastUpdatedUtc,
            a.reportingOrg,
            a.title,
            a.participatingOrgs,
            a.countries,
            a.regions,
            a.sectors,
            a.status,
            a.plannedStart,
            a.actualStart,
            a.plannedEnd,
            a.actualEnd));
    activitiesAccepted++;
    for (BudgetDraft budget : a.budgets) {
      try {
        sink.accept(budget.build(a));
        budgetsAccepted++;
      } catch (IllegalArgumentException e) {
        sink.reject(budget.line, where(e.getMessage(), a, "budget", budget.line, budget.path), budget.raw);
        budgetsRejected++;
      }
    }
    for (TransactionDraft transaction : a.transactions) {
      try {
        IatiTransaction built = transaction.build(a, codes);
        String future = org.palabre.text.Periods.afterRunDate("transaction-date/@iso-date", built.transactionDate(), runDate);
        if (future != null) {
          throw new IllegalArgumentException(future);
        }
        sink.accept(built);
        transactionsAccepted++;
      } catch (IllegalArgumentException e) {
        sink.reject(
            transaction.line,
            where(e.getMessage(), a, "transaction", transaction.line, transaction.path),
            transaction.raw);
        transactionsRejected++;
      }
    }
    for (PeriodDraft period : a.periods) {
      try {
        sink.accept(period.build(a));
        periodsAccepted++;
      } catch (IllegalArgumentException e) {
        sink.reject(
            period.line, where(e.getMessage(), a, "result period", period.line, period.path), "");
        periodsRejected++;
      }
    }
  }

  private void rejectWholeActivity(ActivityDraft a, String problem) {
    sink.reject(a.line, "activity rejected (" + a.path + "): " + problem, a.startTag);
    activitiesRejected++;
    for (BudgetDraft budget : a.budgets) {
      sink.reject(
          budget.line,
          "budget at line " + budget.line + " (" + budget.path + ") rejected with its activity: " + problem,
          budget.raw);
      budgetsRejected++;
    }
    for (TransactionDraft transaction : a.transactions) {
      sink.reject(
          transaction.line,
          "transaction at line " + transaction.line + " (" + transaction.path + ") rejected with its activity: "
              + problem,
          transaction.raw);
      transactionsRejected++;
    }
    for (PeriodDraft period : a.periods) {
      sink.reject(
          period.line,
          "result period at line " + period.line + " (" + period.path + ") rejected with its activity: " + problem,
          "");
      periodsRejected++;
    }
  }

  private static String where(String message, ActivityDraft a, String element, long line, String path) {
    return message + " (activity " + a.identifier + ", " + element + " at line " + line + ", " + path + ")";
  }
}
