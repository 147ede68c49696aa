package org.palabre.sources.iati;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
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
    private final IatiCodes codes;
    private final ParseSink<IatiRecord> sink;
    private XMLStreamReader reader;

    private final IatiValidator validator;

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
      this.sink = sink;
      this.validator = new IatiValidator(codes, runDate, sink);
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
      return validator.report(complete);
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
          activity = new ActivityDraft(line, "iati-activity[" + activityPosition + "]", IatiXml.startTag(reader, name));
          activity.version = IatiValues.trimToNull(IatiXml.attr(reader, "version"));
          if (activity.version == null) {
            activity.version = IatiValues.trimToNull(IatiXml.datastoreVersion(reader));
          }
          activity.language = IatiXml.lang(reader, fileLanguage);
          activity.lastUpdated = IatiValues.trimToNull(IatiXml.attr(reader, "last-updated-datetime"));
          activity.lastUpdatedUtc = IatiValues.utcDateTime(activity.lastUpdated);
          try {
            activity.defaultCurrency =
                IatiValues.optionalCurrency(IatiXml.attr(reader, "default-currency"), "@default-currency");
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
            IatiXml.startTag(reader, name));
        return false;
      }
      fileVersion = IatiValues.trimToNull(IatiXml.attr(reader, "version"));
      fileLanguage = IatiXml.lang(reader, null);
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
          validator.finish(activity, fileVersion);
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
          a.orgRef = IatiXml.attr(reader, "ref");
          a.orgType = IatiXml.attr(reader, "type");
          a.narratives = new Narratives();
        }
        case "title",
            "transaction/description",
            "result/title",
            "result/indicator/title" -> a.narratives = new Narratives();
        case "participating-org" -> {
          a.orgRef = IatiXml.attr(reader, "ref");
          a.orgType = IatiXml.attr(reader, "type");
          String role = IatiValues.trimToNull(IatiXml.attr(reader, "role"));
          a.orgRole = role == null ? null : codes.organisationRole(role).orElse(role);
          a.narratives = new Narratives();
        }
        case "recipient-country" -> a.countries.add(
            new RecipientCountry(
                IatiValues.trimToNull(IatiXml.attr(reader, "code")),
                IatiValues.optionalAmount(IatiXml.attr(reader, "percentage"), "recipient-country/@percentage")));
        case "recipient-region" -> a.regions.add(
            new RecipientRegion(
                IatiValues.trimToNull(IatiXml.attr(reader, "code")),
                orDefault(IatiXml.attr(reader, "vocabulary"), "1"),
                IatiValues.optionalAmount(IatiXml.attr(reader, "percentage"), "recipient-region/@percentage")));
        case "sector" -> a.sectors.add(
            new Sector(
                IatiValues.trimToNull(IatiXml.attr(reader, "code")),
                orDefault(IatiXml.attr(reader, "vocabulary"), "1"),
                IatiValues.optionalAmount(IatiXml.attr(reader, "percentage"), "sector/@percentage")));
        case "activity-status" -> a.status = IatiValues.trimToNull(IatiXml.attr(reader, "code"));
        case "activity-date" -> activityDate();
        case "budget" -> {
          a.budget = new BudgetDraft(line, a.path + "/budget[" + (++a.budgetCount) + "]", IatiXml.attr(reader, "type"), IatiXml.attr(reader, "status"));
          a.raw = new StringBuilder();
        }
        case "budget/period-start" -> a.budget.periodStart = IatiXml.attr(reader, "iso-date");
        case "budget/period-end" -> a.budget.periodEnd = IatiXml.attr(reader, "iso-date");
        case "budget/value" -> {
          a.budget.currency = IatiXml.attr(reader, "currency");
          a.budget.valueDate = IatiXml.attr(reader, "value-date");
        }
        case "transaction" -> {
          a.transaction = new TransactionDraft(line, a.path + "/transaction[" + (++a.transactionCount) + "]", IatiXml.attr(reader, "ref"));
          a.raw = new StringBuilder();
        }
        case "transaction/transaction-type" -> a.transaction.type = IatiXml.attr(reader, "code");
        case "transaction/transaction-date" -> a.transaction.date = IatiXml.attr(reader, "iso-date");
        case "transaction/value" -> {
          a.transaction.currency = IatiXml.attr(reader, "currency");
          a.transaction.valueDate = IatiXml.attr(reader, "value-date");
        }
        case "transaction/provider-org" -> {
          a.orgRef = IatiXml.attr(reader, "ref");
          a.orgActivityId = IatiXml.attr(reader, "provider-activity-id");
          a.narratives = new Narratives();
        }
        case "transaction/receiver-org" -> {
          a.orgRef = IatiXml.attr(reader, "ref");
          a.orgActivityId = IatiXml.attr(reader, "receiver-activity-id");
          a.narratives = new Narratives();
        }
        case "result" -> a.result = new ResultDraft(a.path + "/result[" + (++a.resultCount) + "]", IatiXml.attr(reader, "type"));
        case "result/indicator" -> a.indicator = new IndicatorDraft(
            a.result.path + "/indicator[" + (++a.result.indicatorCount) + "]", IatiXml.attr(reader, "measure"), IatiXml.attr(reader, "ascending"));
        case "result/indicator/baseline" -> {
          if (!a.indicator.hasBaseline) {
            a.indicator.hasBaseline = true;
            a.indicator.baselineYear = IatiXml.attr(reader, "year");
            a.indicator.baselineDate = IatiXml.attr(reader, "iso-date");
            a.indicator.baselineValue = IatiXml.attr(reader, "value");
          }
        }
        case "result/indicator/period" -> a.period =
            new PeriodDraft(line, a.indicator.path + "/period[" + (++a.indicator.periodCount) + "]");
        case "result/indicator/period/period-start" -> a.period.start = IatiXml.attr(reader, "iso-date");
        case "result/indicator/period/period-end" -> a.period.end = IatiXml.attr(reader, "iso-date");
        case "result/indicator/period/target" -> {
          if (!a.period.hasTarget) {
            a.period.hasTarget = true;
            a.period.target = IatiXml.attr(reader, "value");
          }
        }
        case "result/indicator/period/actual" -> {
          if (!a.period.hasActual) {
            a.period.hasActual = true;
            a.period.actual = IatiXml.attr(reader, "value");
          }
        }
        default -> {
          if (path.endsWith("/narrative")) {
            a.narrativeLanguage = IatiXml.lang(reader, a.language);
          }
        }
      }
    }

    private void activityDate() {
      String type = IatiValues.trimToNull(IatiXml.attr(reader, "type"));
      String code = type == null ? null : codes.activityDateType(type).orElse(null);
      if (code == null) {
        throw new IllegalArgumentException(
            "activity-date/@type '" + type + "' is not an ActivityDateType code (1-4)");
      }
      LocalDate date = IatiValues.optionalDate(IatiXml.attr(reader, "iso-date"), "activity-date/@iso-date");
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

    private static String trim(String value) {
      return IatiValues.trimToNull(value);
    }

    private static String orDefault(String value, String fallback) {
      String trimmed = IatiValues.trimToNull(value);
      return trimmed == null ? fallback : trimmed;
    }
  }
}
