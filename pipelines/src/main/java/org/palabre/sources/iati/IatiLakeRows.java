package org.palabre.sources.iati;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.palabre.model.Delivery;
import org.palabre.model.ParseSink;
import org.palabre.model.Rejection;
import org.palabre.model.iati.IatiActivityRow;
import org.palabre.model.iati.IatiBudgetRow;
import org.palabre.model.iati.IatiParticipatingOrgRow;
import org.palabre.model.iati.IatiResultRow;
import org.palabre.model.iati.IatiTransactionRow;
import org.palabre.money.EurAmount;
import org.palabre.money.ExchangeRates;
import org.palabre.money.RateNotFoundException;

/**
 * Turns what {@link IatiActivityParser} reads from one file into lake rows: activities (with their
 * member, see {@link ActivityMembers}) and their participating organisations, budgets and
 * transactions valued in EUR, result periods; and everything else into rejections.
 *
 * <p>Money: each value keeps its currency and gets {@code value_eur} at the rate of its value date,
 * or the closest earlier date of the rate table. A value whose currency has no rate on or before
 * that date is rejected, with the currency and the date, never converted at 1.
 *
 * <p>Row accounting, for the file's load record: a row is an activity, a budget, a transaction or
 * a result period (participating organisations are part of their activity's row). Each ends loaded
 * or rejected; a whole-file problem (malformed XML, a DOCTYPE, not an IATI file) is one rejected
 * row at the line where reading stopped.
 */
final class IatiLakeRows implements ParseSink<IatiRecord> {

  /** Where the rows go: the Beam outputs, or lists in tests. */
  interface Output {
    void activity(IatiActivityRow row);

    void participatingOrg(IatiParticipatingOrgRow row);

    void budget(IatiBudgetRow row);

    void transaction(IatiTransactionRow row);

    void result(IatiResultRow row);

    void rejected(Rejection rejection);
  }

  private final Delivery delivery;
  private final ExchangeRates rates;
  private final String ratesProblem;
  private final ActivityMembers members;
  private final Output out;

  private long activityLine;
  private String activityPath;
  private long rowsLoaded;
  private long rowsRejected;
  private long recordsWritten;
  private final Set<String> versions = new LinkedHashSet<>();
  private final Set<String> unmappedActivities = new LinkedHashSet<>();
  private final Set<String> missingRates = new LinkedHashSet<>();
  /** Lines of each activity (identifier and reporting organisation) of the file, to name the ones given twice. */
  private final Map<String, List<Long>> activityLines = new LinkedHashMap<>();

  /**
   * @param rates the rate table, or null when it could not be read ({@code ratesProblem} says why:
   *     every value is then rejected with that reason)
   */
  IatiLakeRows(Delivery delivery, ExchangeRates rates, String ratesProblem, ActivityMembers members, Output out) {
    this.delivery = delivery;
    this.rates = rates;
    this.ratesProblem = ratesProblem;
    this.members = members;
    this.out = out;
  }

  @Override
  public void accept(IatiRecord record) {
    if (record instanceof IatiActivity a) {
      activity(a);
    } else if (record instanceof IatiBudget b) {
      budget(b);
    } else if (record instanceof IatiTransaction t) {
      transaction(t);
    } else if (record instanceof IatiResultPeriod p) {
      result(p);
    }
  }

  @Override
  public void reject(long line, String reason, String raw) {
    out.rejected(delivery.rejection(line, reason, raw == null ? "" : raw));
    rowsRejected++;
  }

  long rowsLoaded() {
    return rowsLoaded;
  }

  long rowsRejected() {
    return rowsRejected;
  }

  long recordsWritten() {
    return recordsWritten;
  }

  /** "IATI activities 2.03" (the versions the activities declared). */
  String fileKind() {
    return "IATI activities" + (versions.isEmpty() ? "" : " " + String.join(", ", versions));
  }

  /** What loaded but deserves a look. */
  String warnings() {
    List<String> notes = new ArrayList<>();
    if (!unmappedActivities.isEmpty()) {
      notes.add("activities with no network member (no implementing, reporting or accountable organisation in"
          + " schemas/mappings/organisations.csv), member 'unknown': " + String.join(", ", limit(unmappedActivities)));
    }
    if (!missingRates.isEmpty()) {
      notes.add("values not converted for want of a rate: " + String.join(", ", limit(missingRates))
          + "; add rates to the rate table in reference/");
    }
    Set<String> repeated = new LinkedHashSet<>();
    activityLines.forEach((activity, lines) -> {
      if (lines.size() > 1) {
        repeated.add(activity + " (lines " + lines.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
      }
    });
    if (!repeated.isEmpty()) {
      notes.add("activities given more than once in this file, counted once (the latest last-updated-datetime, else the"
          + " last in the file; marts.funding_activities says which): " + String.join(", ", limit(repeated)));
    }
    if (rates != null && !rates.notes().isEmpty()) {
      notes.add("rate tables: " + String.join("; ", limit(new LinkedHashSet<>(rates.notes()))));
    }
    return String.join("; ", notes);
  }

  private static List<String> limit(Set<String> items) {
    List<String> list = items.stream().limit(10).collect(Collectors.toCollection(ArrayList::new));
    if (items.size() > 10) {
      list.add("and " + (items.size() - 10) + " more");
    }
    return list;
  }

  // ---- records

  private void activity(IatiActivity a) {
    activityLine = a.line();
    activityPath = a.path();
    String reportingRef = a.reportingOrg() == null ? null : a.reportingOrg().ref();
    activityLines.computeIfAbsent(a.iatiIdentifier() + (reportingRef == null ? "" : " of " + reportingRef),
        k -> new ArrayList<>()).add(a.line());
    if (a.standardVersion() != null) {
      versions.add(a.standardVersion());
    }
    ActivityMembers.Member member = members.of(a);
    if (member == ActivityMembers.Member.UNKNOWN) {
      unmappedActivities.add(a.iatiIdentifier());
    }
    IatiActivity.ReportingOrg reporting = a.reportingOrg();
    String countryIso2 = a.recipientCountries().size() == 1
        ? a.recipientCountries().get(0).code().strip().toUpperCase(Locale.ROOT) : null;
    out.activity(new IatiActivityRow(delivery.runId(), delivery.sha256(), delivery.sourceFamily(), delivery.sourceFile(),
        a.line(), a.path(), a.iatiIdentifier(), a.standardVersion(), a.defaultCurrency(), a.lastUpdatedDateTime(),
        a.lastUpdatedUtc(),
        reporting == null ? null : reporting.ref(), reporting == null ? null : reporting.type(),
        reporting == null ? null : reporting.name(),
        reporting == null ? null : members.member(reporting.name(), reporting.ref()),
        a.title(), a.activityStatus(), a.plannedStart(), a.actualStart(), a.plannedEnd(), a.actualEnd(), countryIso2,
        a.recipientCountries().stream().map(c -> c.code() + percent(c.percentage())).collect(Collectors.joining(";")),
        a.sectors().stream().map(s -> s.vocabulary() + "/" + s.code() + percent(s.percentage())).collect(Collectors.joining(";")),
        member.code(), member.basis(), member.orgName()));
    int position = 0;
    for (IatiActivity.ParticipatingOrg org : a.participatingOrgs()) {
      out.participatingOrg(new IatiParticipatingOrgRow(delivery.runId(), delivery.sha256(), delivery.sourceFamily(),
          delivery.sourceFile(), a.line(), a.path(), a.iatiIdentifier(), ++position, org.ref(), org.role(), org.type(), org.name(),
          members.member(org.name(), org.ref())));
      recordsWritten++;
    }
    loaded();
  }

  private static String percent(BigDecimal percentage) {
    return percentage == null ? "" : ":" + percentage.stripTrailingZeros().toPlainString();
  }

  private void budget(IatiBudget b) {
    EurAmount eur = toEur(b.value(), b.currency(), b.valueDate(), b.iatiIdentifier(), "budget", b.line(), b.path(),
        "<budget type=\"" + b.type() + "\" status=\"" + b.status() + "\"><period-start iso-date=\"" + b.periodStart()
            + "\"/><period-end iso-date=\"" + b.periodEnd() + "\"/>");
    if (eur == null) {
      return;
    }
    out.budget(new IatiBudgetRow(delivery.runId(), delivery.sha256(), delivery.sourceFamily(), delivery.sourceFile(),
        b.line(), b.path(), activityLine, activityPath, b.iatiIdentifier(), b.type(), b.status(), b.periodStart(), b.periodEnd(),
        b.value().doubleValue(), b.value().toPlainString(), b.currency(), b.valueDate(),
        eur.valueEur().doubleValue(), eur.unitsPerEur().doubleValue(), eur.rateDate()));
    loaded();
  }

  private void transaction(IatiTransaction t) {
    EurAmount eur = toEur(t.value(), t.currency(), t.valueDate(), t.iatiIdentifier(), "transaction", t.line(), t.path(),
        "<transaction" + (t.ref() == null ? "" : " ref=\"" + t.ref() + "\"") + "><transaction-type code=\""
            + t.transactionTypeAsReported() + "\"/><transaction-date iso-date=\"" + t.transactionDate() + "\"/>");
    if (eur == null) {
      return;
    }
    IatiTransaction.Party provider = t.providerOrg();
    IatiTransaction.Party receiver = t.receiverOrg();
    out.transaction(new IatiTransactionRow(delivery.runId(), delivery.sha256(), delivery.sourceFamily(),
        delivery.sourceFile(), t.line(), t.path(), activityLine, activityPath, t.iatiIdentifier(), t.ref(), t.transactionType(),
        t.transactionTypeAsReported(), t.transactionDate(), t.value().doubleValue(), t.value().toPlainString(),
        t.currency(), t.valueDate(), eur.valueEur().doubleValue(), eur.unitsPerEur().doubleValue(), eur.rateDate(),
        provider == null ? null : provider.ref(), provider == null ? null : provider.name(),
        provider == null ? null : provider.activityId(),
        receiver == null ? null : receiver.ref(), receiver == null ? null : receiver.name(),
        receiver == null ? null : receiver.activityId(), t.description()));
    loaded();
  }

  private void result(IatiResultPeriod p) {
    out.result(new IatiResultRow(delivery.runId(), delivery.sha256(), delivery.sourceFamily(), delivery.sourceFile(),
        p.line(), p.path(), activityLine, activityPath, p.iatiIdentifier(), p.resultType(), p.resultTitle(), p.indicatorMeasure(),
        p.indicatorAscending(), p.indicatorTitle(), p.baselineYear(), p.baselineDate(), toDouble(p.baselineValue()),
        p.periodStart(), p.periodEnd(), toDouble(p.target()), toDouble(p.actual())));
    loaded();
  }

  private static Double toDouble(BigDecimal value) {
    return value == null ? null : value.doubleValue();
  }

  private void loaded() {
    rowsLoaded++;
    recordsWritten++;
  }

  /**
   * The value in EUR, or null after rejecting the item. The rejection's raw text rebuilds the
   * item's XML as read (the parser keeps the original XML only for what it rejects itself).
   */
  private EurAmount toEur(BigDecimal value, String currency, LocalDate valueDate, String activity, String element,
      long line, String path, String openingXml) {
    String raw = openingXml + "<value currency=\"" + currency + "\" value-date=\"" + valueDate + "\">"
        + value.toPlainString() + "</value></" + element + ">";
    if (rates == null) {
      reject(line, element + " value " + value.toPlainString() + " " + currency + " of " + valueDate
          + " not converted to EUR: the rate table cannot be read (" + ratesProblem + "); correct the rate table in"
          + " reference/ (activity " + activity + ", " + element + " at line " + line + ", " + path + ")", raw);
      return null;
    }
    try {
      return rates.toEur(value, currency, valueDate);
    } catch (RateNotFoundException e) {
      missingRates.add(currency + " on " + valueDate);
      reject(line, element + " value " + value.toPlainString() + " " + currency + " of " + valueDate
          + " not converted to EUR: " + e.getMessage() + ". Add a " + currency + " rate dated on or before "
          + valueDate + " to the rate table in reference/ (rate_date,currency,units_per_eur) and deliver again"
          + " (activity " + activity + ", " + element + " at line " + line + ", " + path + ")", raw);
      return null;
    } catch (ArithmeticException e) {
      reject(line, element + " value " + value.toPlainString() + " " + currency + " of " + valueDate
          + " not converted to EUR: " + e.getMessage() + "; correct it in the file or in the rate table (activity "
          + activity + ", " + element + " at line " + line + ", " + path + ")", raw);
      return null;
    }
  }
}
