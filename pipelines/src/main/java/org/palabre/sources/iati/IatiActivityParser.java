package org.palabre.sources.iati;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.palabre.model.ParseSink;
import org.palabre.sources.iati.IatiActivity.ParticipatingOrg;
import org.palabre.sources.iati.IatiActivity.RecipientCountry;
import org.palabre.sources.iati.IatiActivity.RecipientRegion;
import org.palabre.sources.iati.IatiActivity.ReportingOrg;
import org.palabre.sources.iati.IatiActivity.Sector;
import org.palabre.sources.iati.IatiTransaction.Party;

/**
 * Reads an IATI activity XML file (standard 2.01 to 2.03, 1.0x on a best-effort basis, and files
 * mixing versions) as a stream, and gives every activity, budget, transaction and result period
 * to a {@link ParseSink}: each budget and transaction ends either accepted, as a typed record, or
 * rejected with its line, a reason and its XML.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * IatiParseReport report = new IatiActivityParser().parse(path, sink);
 * }</pre>
 *
 * <p>How it reads:
 *
 * <ul>
 *   <li>StAX, one activity in memory at a time: an activity and its items are handed to the sink
 *       together when {@code </iati-activity>} is read, so a file cut in the middle of an activity
 *       never leaves budgets without their activity.
 *   <li>Elements in a namespace (extensions) and elements it does not use are skipped.
 *   <li>A value without {@code @currency} (or with {@code currency=""}) takes the activity's
 *       {@code @default-currency}; with neither, it is rejected. Values may carry spaces, a leading
 *       '+', or commas grouping thousands; anything else that is not a number is rejected.
 *   <li>1.0x codes are mapped through {@link IatiCodes}: transaction types {@code IF, C, D, E, IR,
 *       LR, R, QP, QS, CG}, activity-date types {@code start-planned ...}, organisation roles
 *       {@code Funding ...}; any other transaction type is rejected.
 *   <li>An activity without identifier, with a version outside the IATI Version codelist, or with
 *       an unreadable activity-level attribute is rejected, and each of its budgets, transactions
 *       and result periods with it (same reason), so that counts still add up.
 *   <li>Every record carries its {@link IatiRecord#path() path} ({@code iati-activity[3]/budget[2]})
 *       besides its line: minified files put a whole activity, or a whole file, on one line.
 *   <li>A download of the IATI Datastore (activities of many publishers, wrapped in
 *       {@code <result><ok>True</ok><iati-activities>...}, each activity's version in
 *       {@code iati-extra:version}) is read like a publisher's file.
 *   <li>Amounts and measures beyond ±10<sup>15</sup> are rejected like values that are no number
 *       ({@link IatiValues#amount}): no budget, transaction or count is that large.
 *   <li>Secure: DTDs and external entities are refused; a file with a DOCTYPE is rejected as a
 *       whole and nothing in it is expanded. Malformed XML stops the reading with a rejection
 *       giving line and column; what was handed to the sink before stays.
 * </ul>
 *
 * <p>A parser is stateless and can be shared; each {@code parse} call reads one file.
 */
public final class IatiActivityParser {

  /** Longest raw XML kept with a rejection. */
  private static final int RAW_LIMIT = 4000;

  /** Elements whose {@code narrative} children the parser reads, by path inside the activity. */
  private static final Set<String> NARRATIVE_OWNERS =
      Set.of(
          "reporting-org",
          "title",
          "participating-org",
          "transaction/provider-org",
          "transaction/receiver-org",
          "transaction/description",
          "result/title",
          "result/indicator/title");

  private final IatiCodes codes;
  /** A transaction dated after it is rejected; budgets, planned dates and result periods are forecasts, never checked. */
  private LocalDate runDate = org.palabre.text.Periods.runDate(null);

  /** A parser with the code lists shipped under {@code schemas/codes/}. */
  public IatiActivityParser() {
    this(IatiCodes.standard());
  }

  public IatiActivityParser(IatiCodes codes) {
    this.codes = codes;
  }

  /** The date of the run the files are read for ({@link org.palabre.text.Periods#afterRunDate}); today by default. */
  public IatiActivityParser forRunDate(LocalDate runDate) {
    this.runDate = runDate;
    return this;
  }

  /** Reads one file; see {@link #parse(InputStream, ParseSink)}. */
  public IatiParseReport parse(Path file, ParseSink<IatiRecord> sink) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return parse(in, sink);
    }
  }

  /**
   * Reads one IATI activity document from a byte stream (its encoding comes from the XML
   * declaration or the byte-order mark). Problems in the file are given to {@code sink} as
   * rejections, never thrown. The stream is not closed.
   */
  public IatiParseReport parse(InputStream xml, ParseSink<IatiRecord> sink) {
    return new Run(codes, runDate, sink).read(xml);
  }

  /** A StAX factory that refuses DTDs and external entities. */
  static XMLInputFactory secureFactory() {
    // the JDK's own implementation, whatever StAX provider the classpath brings
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return factory;
  }

  /** The state of one {@code parse} call. */
  private static final class Run {
    private final LocalDate runDate;
    private final IatiCodes codes;
    private final ParseSink<IatiRecord> sink;
    private XMLStreamReader reader;

    private int activitiesAccepted;
    private int activitiesRejected;
    private int budgetsAccepted;
    private int budgetsRejected;
    private int transactionsAccepted;
    private int transactionsRejected;
    private int periodsAccepted;
    private int periodsRejected;

    private String fileVersion;
    private String fileLanguage;
    /** Whether the root is the IATI Datastore's {@code <result>} wrapper around {@code iati-activities}. */
    private boolean wrapped;
    /** {@code iati-activity} elements started so far: the position of the current one. */
    private int activityPosition;
    private boolean rootSeen;
    /** Depth of the current IATI (no-namespace) element; the root is 1. */
    private int depth;
    /** Depth inside a foreign (namespaced) element being skipped; 0 when not in one. */
    private int foreignDepth;
    /** Paths, inside the activity, of the open elements: "transaction/value". */
    private final ArrayDeque<String> paths = new ArrayDeque<>();
    /** Text read since the last start or end tag. */
    private final StringBuilder text = new StringBuilder();
    /** The activity being read, null outside {@code iati-activity}. */
    private ActivityDraft activity;

    Run(IatiCodes codes, LocalDate runDate, ParseSink<IatiRecord> sink) {
      this.codes = codes;
      this.runDate = runDate;
      this.sink = sink;
    }

    IatiParseReport read(InputStream xml) {
      long nextEventLine = 1;
      try {
        reader = secureFactory().createXMLStreamReader(xml);
        while (reader.hasNext()) {
          int event = reader.next();
          // the reader's location is the end of the event just read: within an element, where
          // the next event (whitespace included) begins
          long eventLine = nextEventLine;
          int after = reader.getLocation().getLineNumber();
          nextEventLine = after > 0 ? after : nextEventLine;
          switch (event) {
            case XMLStreamConstants.DTD -> {
              refuseDoctype();
              return report(false);
            }
            case XMLStreamConstants.START_ELEMENT -> {
              if (!onStart(eventLine)) {
                return report(false);
              }
            }
            case XMLStreamConstants.END_ELEMENT -> onEnd();
            case XMLStreamConstants.CHARACTERS,
                XMLStreamConstants.CDATA,
                XMLStreamConstants.SPACE -> onText();
            default -> {
              // comments and processing instructions carry no data
            }
          }
        }
        return report(true);
      } catch (XMLStreamException e) {
        malformed(e);
        return report(false);
      } finally {
        if (reader != null) {
          try {
            reader.close();
          } catch (XMLStreamException ignored) {
            // nothing more to read or report
          }
        }
      }
    }

    private IatiParseReport report(boolean complete) {
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

    // ---- events

    /** Returns false when the file must not be read further. */
    private boolean onStart(long line) {
      if (foreignDepth > 0) {
        foreignDepth++;
        return true;
      }
      String namespace = reader.getNamespaceURI();
      String name = reader.getLocalName();
      if (depth == 0) {
        boolean noNamespace = namespace == null || namespace.isEmpty();
        if (!rootSeen && noNamespace && name.equals("result")) {
          wrapped = true; // an IATI Datastore download: <result><ok>True</ok><iati-activities>...
          rootSeen = true;
          return true;
        }
        if (wrapped && !(noNamespace && name.equals("iati-activities"))) {
          foreignDepth = 1; // <ok>, or anything else the wrapper carries
          return true;
        }
        rootSeen = true;
        return onRoot(namespace, name);
      }
      if (namespace != null && !namespace.isEmpty()) {
        foreignDepth = 1;
        return true;
      }
      depth++;
      text.setLength(0);
      if (depth == 2) {
        if (name.equals("iati-activity")) {
          activityPosition++;
          activity = new ActivityDraft(line, "iati-activity[" + activityPosition + "]", startTag(name));
          activity.version = IatiValues.trimToNull(attr("version"));
          if (activity.version == null) {
            activity.version = IatiValues.trimToNull(datastoreVersion());
          }
          activity.language = lang(fileLanguage);
          activity.lastUpdated = IatiValues.trimToNull(attr("last-updated-datetime"));
          activity.lastUpdatedUtc = IatiValues.utcDateTime(activity.lastUpdated);
          try {
            activity.defaultCurrency =
                IatiValues.optionalCurrency(attr("default-currency"), "@default-currency");
          } catch (IllegalArgumentException e) {
            activity.problems.add(e.getMessage());
          }
        }
        return true;
      }
      if (activity == null) {
        return true;
      }
      String parent = paths.peek();
      String path = parent == null ? name : parent + "/" + name;
      paths.push(path);
      try {
        startElement(path, line);
      } catch (IllegalArgumentException e) {
        activity.problems.add(e.getMessage() + " (line " + line + ")");
      }
      activity.echoStart(name, reader);
      return true;
    }

    private boolean onRoot(String namespace, String name) {
      depth = 1;
      if (!name.equals("iati-activities") || (namespace != null && !namespace.isEmpty())) {
        String found = namespace == null || namespace.isEmpty() ? name : "{" + namespace + "}" + name;
        sink.reject(
            0,
            "root element is <" + found + ">, not <iati-activities> without namespace (or the IATI"
                + " Datastore's <result> around it): not an IATI activity file; nothing in it was read",
            startTag(name));
        return false;
      }
      fileVersion = IatiValues.trimToNull(attr("version"));
      fileLanguage = lang(null);
      return true;
    }

    private void onEnd() {
      if (foreignDepth > 0) {
        foreignDepth--;
        return;
      }
      if (depth == 0) {
        return; // </result> of a Datastore download
      }
      if (activity != null) {
        if (depth == 2) {
          finishActivity();
          activity = null;
        } else if (depth > 2) {
          String path = paths.pop();
          activity.echoEnd(reader.getLocalName());
          endElement(path, text.toString());
        }
      }
      depth--;
      text.setLength(0);
    }

    private void onText() {
      if (foreignDepth > 0) {
        return;
      }
      String chunk = reader.getText();
      text.append(chunk);
      if (activity != null) {
        activity.echoText(chunk);
      }
    }

    // ---- elements inside an activity

    private void startElement(String path, long line) {
      ActivityDraft a = activity;
      switch (path) {
        case "reporting-org" -> {
          a.orgRef = attr("ref");
          a.orgType = attr("type");
          a.narratives = new Narratives();
        }
        case "title",
            "transaction/description",
            "result/title",
            "result/indicator/title" -> a.narratives = new Narratives();
        case "participating-org" -> {
          a.orgRef = attr("ref");
          a.orgType = attr("type");
          String role = IatiValues.trimToNull(attr("role"));
          a.orgRole = role == null ? null : codes.organisationRole(role).orElse(role);
          a.narratives = new Narratives();
        }
        case "recipient-country" -> a.countries.add(
            new RecipientCountry(
                IatiValues.trimToNull(attr("code")),
                IatiValues.optionalAmount(attr("percentage"), "recipient-country/@percentage")));
        case "recipient-region" -> a.regions.add(
            new RecipientRegion(
                IatiValues.trimToNull(attr("code")),
                orDefault(attr("vocabulary"), "1"),
                IatiValues.optionalAmount(attr("percentage"), "recipient-region/@percentage")));
        case "sector" -> a.sectors.add(
            new Sector(
                IatiValues.trimToNull(attr("code")),
                orDefault(attr("vocabulary"), "1"),
                IatiValues.optionalAmount(attr("percentage"), "sector/@percentage")));
        case "activity-status" -> a.status = IatiValues.trimToNull(attr("code"));
        case "activity-date" -> activityDate();
        case "budget" -> {
          a.budget = new BudgetDraft(line, a.path + "/budget[" + (++a.budgetCount) + "]", attr("type"), attr("status"));
          a.raw = new StringBuilder();
        }
        case "budget/period-start" -> a.budget.periodStart = attr("iso-date");
        case "budget/period-end" -> a.budget.periodEnd = attr("iso-date");
        case "budget/value" -> {
          a.budget.currency = attr("currency");
          a.budget.valueDate = attr("value-date");
        }
        case "transaction" -> {
          a.transaction = new TransactionDraft(line, a.path + "/transaction[" + (++a.transactionCount) + "]", attr("ref"));
          a.raw = new StringBuilder();
        }
        case "transaction/transaction-type" -> a.transaction.type = attr("code");
        case "transaction/transaction-date" -> a.transaction.date = attr("iso-date");
        case "transaction/value" -> {
          a.transaction.currency = attr("currency");
          a.transaction.valueDate = attr("value-date");
        }
        case "transaction/provider-org" -> {
          a.orgRef = attr("ref");
          a.orgActivityId = attr("provider-activity-id");
          a.narratives = new Narratives();
        }
        case "transaction/receiver-org" -> {
          a.orgRef = attr("ref");
          a.orgActivityId = attr("receiver-activity-id");
          a.narratives = new Narratives();
        }
        case "result" -> a.result = new ResultDraft(a.path + "/result[" + (++a.resultCount) + "]", attr("type"));
        case "result/indicator" -> a.indicator = new IndicatorDraft(
            a.result.path + "/indicator[" + (++a.result.indicatorCount) + "]", attr("measure"), attr("ascending"));
        case "result/indicator/baseline" -> {
          if (!a.indicator.hasBaseline) {
            a.indicator.hasBaseline = true;
            a.indicator.baselineYear = attr("year");
            a.indicator.baselineDate = attr("iso-date");
            a.indicator.baselineValue = attr("value");
          }
        }
        case "result/indicator/period" -> a.period =
            new PeriodDraft(line, a.indicator.path + "/period[" + (++a.indicator.periodCount) + "]");
        case "result/indicator/period/period-start" -> a.period.start = attr("iso-date");
        case "result/indicator/period/period-end" -> a.period.end = attr("iso-date");
        case "result/indicator/period/target" -> {
          if (!a.period.hasTarget) {
            a.period.hasTarget = true;
            a.period.target = attr("value");
          }
        }
        case "result/indicator/period/actual" -> {
          if (!a.period.hasActual) {
            a.period.hasActual = true;
            a.period.actual = attr("value");
          }
        }
        default -> {
          if (path.endsWith("/narrative")) {
            a.narrativeLanguage = lang(a.language);
          }
        }
      }
    }

    private void activityDate() {
      String type = IatiValues.trimToNull(attr("type"));
      String code = type == null ? null : codes.activityDateType(type).orElse(null);
      if (code == null) {
        throw new IllegalArgumentException(
            "activity-date/@type '" + type + "' is not an ActivityDateType code (1-4)");
      }
      LocalDate date = IatiValues.optionalDate(attr("iso-date"), "activity-date/@iso-date");
      switch (code) {
        case "1" -> activity.plannedStart = date;
        case "2" -> activity.actualStart = date;
        case "3" -> activity.plannedEnd = date;
        default -> activity.actualEnd = date;
      }
    }

    private void endElement(String path, String content) {
      ActivityDraft a = activity;
      switch (path) {
        case "iati-identifier" -> a.identifier = IatiValues.trimToNull(content);
        case "reporting-org" -> a.reportingOrg =
            new ReportingOrg(trim(a.orgRef), trim(a.orgType), best(content));
        case "title" -> a.title = best(content);
        case "participating-org" -> a.participatingOrgs.add(
            new ParticipatingOrg(trim(a.orgRef), a.orgRole, trim(a.orgType), best(content)));
        case "budget/value" -> a.budget.value = content;
        case "budget" -> {
          a.budget.raw = a.takeRaw();
          a.budgets.add(a.budget);
          a.budget = null;
        }
        case "transaction/value" -> a.transaction.value = content;
        case "transaction/provider-org" -> a.transaction.provider =
            new Party(trim(a.orgRef), trim(a.orgActivityId), best(content));
        case "transaction/receiver-org" -> a.transaction.receiver =
            new Party(trim(a.orgRef), trim(a.orgActivityId), best(content));
        case "transaction/description" -> a.transaction.description = best(content);
        case "transaction" -> {
          a.transaction.raw = a.takeRaw();
          a.transactions.add(a.transaction);
          a.transaction = null;
        }
        case "result/title" -> a.result.title = best(content);
        case "result/indicator/title" -> a.indicator.title = best(content);
        case "result/indicator/period" -> {
          a.indicator.periods.add(a.period);
          a.period = null;
        }
        case "result/indicator" -> {
          for (PeriodDraft period : a.indicator.periods) {
            period.result = a.result;
            period.indicator = a.indicator;
            a.periods.add(period);
          }
          a.indicator = null;
        }
        default -> {
          int slash = path.lastIndexOf('/');
          if (slash > 0
              && path.endsWith("/narrative")
              && NARRATIVE_OWNERS.contains(path.substring(0, slash))) {
            a.narratives.add(a.narrativeLanguage, content);
          }
        }
      }
    }

    /** The preferred narrative of the element just closed, or its own text (IATI 1.0x). */
    private String best(String ownText) {
      Narratives narratives = activity.narratives;
      activity.narratives = null;
      String chosen = narratives == null ? null : narratives.best();
      return chosen != null ? chosen : Narratives.clean(ownText);
    }

    // ---- end of an activity: validate and hand over

    private void finishActivity() {
      ActivityDraft a = activity;
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

    // ---- whole-file problems

    /** The whole file is refused: line 0, as {@link ParseSink#reject} defines. */
    private void refuseDoctype() {
      sink.reject(
          0,
          "the file declares a DOCTYPE: DTDs and entity declarations are refused for security"
              + " (entity expansion, external entities) and IATI files never need one; nothing in"
              + " this file was read. Remove the DOCTYPE and deliver the file again",
          "");
    }

    private void malformed(XMLStreamException e) {
      Location location = e.getLocation();
      long line = location != null && location.getLineNumber() > 0 ? location.getLineNumber() : 0;
      String where =
          location != null && location.getLineNumber() > 0
              ? "line " + location.getLineNumber() + ", column " + location.getColumnNumber()
              : "an unknown position";
      StringBuilder reason =
          new StringBuilder("malformed XML at ")
              .append(where)
              .append(": ")
              .append(cleanMessage(e))
              .append(". The rest of the file was not read");
      if (activity != null) {
        reason.append("; the activity starting at line ").append(activity.line);
        if (activity.identifier != null) {
          reason.append(" (").append(activity.identifier).append(')');
        }
        reason.append(" was not loaded, nor its budgets and transactions");
      }
      sink.reject(line, reason.toString(), "");
    }

    private static String cleanMessage(XMLStreamException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      int at = message.indexOf("Message: ");
      return (at >= 0 ? message.substring(at + "Message: ".length()) : message).strip();
    }

    // ---- small helpers

    /**
     * An attribute without namespace. (StAX's {@code getAttributeValue(null, name)} would also
     * match an extension's {@code akvo:version}.)
     */
    private String attr(String name) {
      for (int i = 0; i < reader.getAttributeCount(); i++) {
        String namespace = reader.getAttributeNamespace(i);
        if ((namespace == null || namespace.isEmpty())
            && reader.getAttributeLocalName(i).equals(name)) {
          return reader.getAttributeValue(i);
        }
      }
      return null;
    }

    /**
     * The IATI Datastore's {@code iati-extra:version} on an activity of a download (the
     * {@code iati-activities} of a download has no version of its own).
     */
    private String datastoreVersion() {
      for (int i = 0; i < reader.getAttributeCount(); i++) {
        String namespace = reader.getAttributeNamespace(i);
        if (namespace != null && namespace.contains("datastore") && reader.getAttributeLocalName(i).equals("version")) {
          return reader.getAttributeValue(i);
        }
      }
      return null;
    }

    private String lang(String inherited) {
      String own = reader.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
      return own == null || own.isBlank() ? inherited : own.strip().toLowerCase(Locale.ROOT);
    }

    private String startTag(String name) {
      StringBuilder tag = new StringBuilder("<").append(name);
      appendAttributes(tag, reader);
      return tag.append('>').toString();
    }

    private static String trim(String value) {
      return IatiValues.trimToNull(value);
    }

    private static String orDefault(String value, String fallback) {
      String trimmed = IatiValues.trimToNull(value);
      return trimmed == null ? fallback : trimmed;
    }
  }

  private static void appendAttributes(StringBuilder out, XMLStreamReader reader) {
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      String prefix = reader.getAttributePrefix(i);
      out.append(' ');
      if (prefix != null && !prefix.isEmpty()) {
        out.append(prefix).append(':');
      }
      out.append(reader.getAttributeLocalName(i))
          .append("=\"")
          .append(escape(reader.getAttributeValue(i)))
          .append('"');
    }
  }

  private static String escape(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }

  // ---- drafts: what has been read of an element before it is validated

  /** The narratives of one element; picks English, else the first. */
  private static final class Narratives {
    private String first;
    private String english;

    void add(String language, String text) {
      String cleaned = clean(text);
      if (cleaned == null) {
        return;
      }
      if (first == null) {
        first = cleaned;
      }
      if (english == null && language != null && (language.equals("en") || language.startsWith("en-"))) {
        english = cleaned;
      }
    }

    String best() {
      return english != null ? english : first;
    }

    /** Trimmed, inner runs of whitespace (line breaks of pretty-printed files) made one space. */
    static String clean(String text) {
      if (text == null || text.isBlank()) {
        return null;
      }
      return text.strip().replaceAll("\\s+", " ");
    }
  }

  private static final class ActivityDraft {
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
        appendAttributes(raw, reader);
        raw.append('>');
      }
    }

    void echoText(String chunk) {
      if (raw != null && raw.length() < RAW_LIMIT && !chunk.isBlank()) {
        raw.append(escape(chunk.strip()));
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

  private static final class BudgetDraft {
    final long line;
    final String path;
    final String type;
    final String status;
    String periodStart;
    String periodEnd;
    String value;
    String currency;
    String valueDate;
    String raw;

    BudgetDraft(long line, String path, String type, String status) {
      this.line = line;
      this.path = path;
      this.type = type;
      this.status = status;
    }

    IatiBudget build(ActivityDraft a) {
      LocalDate start = IatiValues.date(periodStart, "budget/period-start/@iso-date");
      LocalDate end = IatiValues.date(periodEnd, "budget/period-end/@iso-date");
      if (end.isBefore(start)) {
        throw new IllegalArgumentException(
            "budget period ends (" + end + ") before it starts (" + start + ")");
      }
      BigDecimal amount = IatiValues.amount(value, "budget/value");
      String code = a.currency(currency, "budget/value");
      LocalDate date = IatiValues.optionalDate(valueDate, "budget/value/@value-date");
      return new IatiBudget(
          a.identifier,
          line,
          path,
          orOne(type),
          orOne(status),
          start,
          end,
          amount,
          code,
          date != null ? date : start);
    }

    private static String orOne(String code) {
      String trimmed = IatiValues.trimToNull(code);
      return trimmed == null ? "1" : trimmed;
    }
  }

  private static final class TransactionDraft {
    final long line;
    final String path;
    final String ref;
    String type;
    String date;
    String value;
    String currency;
    String valueDate;
    Party provider;
    Party receiver;
    String description;
    String raw;

    TransactionDraft(long line, String path, String ref) {
      this.line = line;
      this.path = path;
      this.ref = ref;
    }

    IatiTransaction build(ActivityDraft a, IatiCodes codes) {
      String reported = IatiValues.trimToNull(type);
      if (reported == null) {
        throw new IllegalArgumentException("transaction has no transaction-type/@code");
      }
      String code =
          codes
              .transactionType(reported)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "transaction-type/@code '"
                              + reported
                              + "' is not in the IATI TransactionType codelist: "
                              + codes.transactionTypeChoices()));
      LocalDate transactionDate = IatiValues.date(date, "transaction-date/@iso-date");
      BigDecimal amount = IatiValues.amount(value, "transaction/value");
      String currencyCode = a.currency(currency, "transaction/value");
      LocalDate date = IatiValues.optionalDate(valueDate, "transaction/value/@value-date");
      return new IatiTransaction(
          a.identifier,
          line,
          path,
          IatiValues.trimToNull(ref),
          code,
          reported,
          transactionDate,
          amount,
          currencyCode,
          date != null ? date : transactionDate,
          provider,
          receiver,
          description);
    }
  }

  private static final class ResultDraft {
    final String path;
    final String type;
    String title;
    int indicatorCount;

    ResultDraft(String path, String type) {
      this.path = path;
      this.type = IatiValues.trimToNull(type);
    }
  }

  private static final class IndicatorDraft {
    final String path;
    final String measure;
    final String ascending;
    String title;
    boolean hasBaseline;
    String baselineYear;
    String baselineDate;
    String baselineValue;
    final List<PeriodDraft> periods = new ArrayList<>();
    int periodCount;

    IndicatorDraft(String path, String measure, String ascending) {
      this.path = path;
      this.measure = IatiValues.trimToNull(measure);
      this.ascending = IatiValues.trimToNull(ascending);
    }
  }

  private static final class PeriodDraft {
    final long line;
    final String path;
    String start;
    String end;
    boolean hasTarget;
    String target;
    boolean hasActual;
    String actual;
    ResultDraft result;
    IndicatorDraft indicator;

    PeriodDraft(long line, String path) {
      this.line = line;
      this.path = path;
    }

    IatiResultPeriod build(ActivityDraft a) {
      IndicatorDraft i = indicator;
      Boolean ascending =
          switch (i.ascending == null ? "" : i.ascending) {
            case "" -> null;
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(
                "indicator/@ascending '" + i.ascending + "' is not a boolean (0/1)");
          };
      Integer year = null;
      if (i.baselineYear != null && !i.baselineYear.isBlank()) {
        try {
          year = Integer.valueOf(i.baselineYear.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "baseline/@year '" + i.baselineYear.strip() + "' is not a year");
        }
      }
      return new IatiResultPeriod(
          a.identifier,
          line,
          path,
          result == null ? null : result.type,
          result == null ? null : result.title,
          i.measure,
          ascending,
          i.title,
          year,
          IatiValues.optionalDate(i.baselineDate, "baseline/@iso-date"),
          IatiValues.optionalAmount(i.baselineValue, "baseline/@value"),
          IatiValues.date(start, "period/period-start/@iso-date"),
          IatiValues.date(end, "period/period-end/@iso-date"),
          IatiValues.optionalAmount(target, "period/target/@value"),
          IatiValues.optionalAmount(actual, "period/actual/@value"));
    }
  }
}
