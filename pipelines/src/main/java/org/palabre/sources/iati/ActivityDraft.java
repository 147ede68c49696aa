package org.palabre.sources.iati;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamReader;
import org.palabre.sources.iati.IatiActivity.ParticipatingOrg;
import org.palabre.sources.iati.IatiActivity.RecipientCountry;
import org.palabre.sources.iati.IatiActivity.RecipientRegion;
import org.palabre.sources.iati.IatiActivity.ReportingOrg;
import org.palabre.sources.iati.IatiActivity.Sector;

/** What has been read of an {@code iati-activity} before it is validated ({@link IatiValidator}): its values, its items, the element being read. */
final class ActivityDraft {
  /** Longest raw XML kept with a rejection. */
  private static final int RAW_LIMIT = 4000;

  final long line;
  final String path;
  final String startTag;
  String version;
  String language;
  String lastUpdated;
  String lastUpdatedUtc;
  int budgetCount;
  int transactionCount;
  int resultCount;
  String defaultCurrency;
  String identifier;
  ReportingOrg reportingOrg;
  String title;
  String status;
  LocalDate plannedStart;
  LocalDate actualStart;
  LocalDate plannedEnd;
  LocalDate actualEnd;
  final List<ParticipatingOrg> participatingOrgs = new ArrayList<>();
  final List<RecipientCountry> countries = new ArrayList<>();
  final List<RecipientRegion> regions = new ArrayList<>();
  final List<Sector> sectors = new ArrayList<>();
  final List<BudgetDraft> budgets = new ArrayList<>();
  final List<TransactionDraft> transactions = new ArrayList<>();
  final List<PeriodDraft> periods = new ArrayList<>();
  /** Activity-level values that could not be read: they reject the activity. */
  final List<String> problems = new ArrayList<>();

  // the element being read
  Narratives narratives;
  String narrativeLanguage;
  String orgRef;
  String orgType;
  String orgRole;
  String orgActivityId;
  BudgetDraft budget;
  TransactionDraft transaction;
  ResultDraft result;
  IndicatorDraft indicator;
  PeriodDraft period;
  /** The XML of the budget or transaction being read, for its rejection; null outside. */
  StringBuilder raw;

  ActivityDraft(long line, String path, String startTag) {
    this.line = line;
    this.path = path;
    this.startTag = startTag;
  }

  void echoStart(String name, XMLStreamReader reader) {
    if (raw != null && raw.length() < RAW_LIMIT) {
      raw.append('<').append(name);
      IatiXml.appendAttributes(raw, reader);
      raw.append('>');
    }
  }

  void echoText(String chunk) {
    if (raw != null && raw.length() < RAW_LIMIT && !chunk.isBlank()) {
      raw.append(IatiXml.escape(chunk.strip()));
    }
  }

  void echoEnd(String name) {
    if (raw != null && raw.length() < RAW_LIMIT) {
      raw.append("</").append(name).append('>');
    }
  }

  String takeRaw() {
    String xml = raw.length() > RAW_LIMIT ? raw.substring(0, RAW_LIMIT) + "..." : raw.toString();
    raw = null;
    return xml;
  }

  /** The value's own currency, else the activity's default; rejects when there is neither. */
  String currency(String own, String element) {
    String currency = IatiValues.optionalCurrency(own, element + "/@currency");
    if (currency != null) {
      return currency;
    }
    if (defaultCurrency == null) {
      throw new IllegalArgumentException(
          element
              + " has no @currency and the activity has no @default-currency: the amount cannot"
              + " be valued");
    }
    return defaultCurrency;
  }
}
