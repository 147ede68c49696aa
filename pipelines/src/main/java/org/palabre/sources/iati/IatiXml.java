package org.palabre.sources.iati;

import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamReader;

/** What the IATI reading takes from the StAX reader's current element: its attributes, its language, its start tag as XML. */
final class IatiXml {

  private IatiXml() {}

  /**
   * An attribute without namespace. (StAX's {@code getAttributeValue(null, name)} would also
   * match an extension's {@code akvo:version}.)
   */
  static String attr(XMLStreamReader reader, String name) {
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
  static String datastoreVersion(XMLStreamReader reader) {
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      String namespace = reader.getAttributeNamespace(i);
      if (namespace != null && namespace.contains("datastore") && reader.getAttributeLocalName(i).equals("version")) {
        return reader.getAttributeValue(i);
      }
    }
    return null;
  }

  /** The element's {@code xml:lang}, lower case, else the one it inherits. */
  static String lang(XMLStreamReader reader, String inherited) {
    String own = reader.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
    return own == null || own.isBlank() ? inherited : own.strip().toLowerCase(Locale.ROOT);
  }

  /** The element's start tag with its attributes, for a rejection's raw XML. */
  static String startTag(XMLStreamReader reader, String name) {
    StringBuilder tag = new StringBuilder("<").append(name);
    appendAttributes(tag, reader);
    return tag.append('>').toString();
  }

  static void appendAttributes(StringBuilder out, XMLStreamReader reader) {
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

  static String escape(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }
}
