package org.palabre.sources.dhis2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.palabre.model.ParseSink;
import org.palabre.sources.dhis2.Dhis2MetadataObject.Category;
import org.palabre.sources.dhis2.Dhis2MetadataObject.CategoryCombo;
import org.palabre.sources.dhis2.Dhis2MetadataObject.CategoryOption;
import org.palabre.sources.dhis2.Dhis2MetadataObject.CategoryOptionCombo;
import org.palabre.sources.dhis2.Dhis2MetadataObject.DataElement;
import org.palabre.sources.dhis2.Dhis2MetadataObject.OrgUnit;

/**
 * The DHIS2 metadata a delivery brings (one or more metadata files merged), indexed by uid, with
 * the organisation-unit tree. Built with {@link #builder()}, which is a {@link ParseSink} to give
 * to {@link Dhis2MetadataParser}; immutable once built.
 *
 * <pre>{@code
 * Dhis2Metadata.Builder builder = Dhis2Metadata.builder();
 * Dhis2MetadataParser.parse(in, builder);          // for each metadata file
 * Dhis2Metadata metadata = builder.build();
 * builder.rejections();                            // what could not be read, with reasons
 * }</pre>
 *
 * <p>When the same uid appears twice (in two files), the last one read wins.
 */
public final class Dhis2Metadata {

  /**
   * The uid DHIS2 (2.30 and later) gives the default category option combo on every instance;
   * values that carry it are not disaggregated even if the metadata export left the default out.
   */
  public static final String DEFAULT_COMBO_UID = "HllvX50cXC0";

  private final Map<String, OrgUnit> orgUnits;
  private final Map<String, DataElement> dataElements;
  private final Map<String, DataElement> dataElementsByCode;
  private final Map<String, CategoryOptionCombo> categoryOptionCombos;
  private final Map<String, CategoryCombo> categoryCombos;
  private final Map<String, Category> categories;
  private final Map<String, CategoryOption> categoryOptions;
  private final OrgUnitTree orgUnitTree;

  private Dhis2Metadata(Builder b) {
    orgUnits = Map.copyOf(b.orgUnits);
    dataElements = Map.copyOf(b.dataElements);
    Map<String, DataElement> byCode = new LinkedHashMap<>();
    for (DataElement de : b.dataElements.values()) {
      if (de.code() != null) {
        byCode.put(de.code(), de);
      }
    }
    dataElementsByCode = Map.copyOf(byCode);
    categoryOptionCombos = Map.copyOf(b.categoryOptionCombos);
    categoryCombos = Map.copyOf(b.categoryCombos);
    categories = Map.copyOf(b.categories);
    categoryOptions = Map.copyOf(b.categoryOptions);
    orgUnitTree = new OrgUnitTree(orgUnits.values());
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads metadata files and fails if any object in them could not be read. For pipelines that
   * must report rejections row by row, use {@link #builder()} with {@link Dhis2MetadataParser}.
   *
   * @throws IllegalArgumentException listing every rejection with its line
   */
  public static Dhis2Metadata read(Path... files) throws IOException {
    Builder builder = builder();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        Dhis2MetadataParser.parse(in, builder);
      }
      if (!builder.rejections().isEmpty()) {
        throw new IllegalArgumentException("DHIS2 metadata " + file + " has unreadable objects: "
            + String.join("; ", builder.rejections()));
      }
    }
    return builder.build();
  }

  public Optional<OrgUnit> orgUnit(String uid) {
    return Optional.ofNullable(uid == null ? null : orgUnits.get(uid));
  }

  /** By uid, or by code for exports made with {@code dataElementIdScheme=CODE}. */
  public Optional<DataElement> dataElement(String uidOrCode) {
    if (uidOrCode == null) {
      return Optional.empty();
    }
    DataElement byId = dataElements.get(uidOrCode);
    return Optional.ofNullable(byId != null ? byId : dataElementsByCode.get(uidOrCode));
  }

  public Optional<CategoryOptionCombo> categoryOptionCombo(String uid) {
    return Optional.ofNullable(uid == null ? null : categoryOptionCombos.get(uid));
  }

  public Optional<CategoryCombo> categoryCombo(String uid) {
    return Optional.ofNullable(uid == null ? null : categoryCombos.get(uid));
  }

  public Optional<Category> category(String uid) {
    return Optional.ofNullable(uid == null ? null : categories.get(uid));
  }

  public Optional<CategoryOption> categoryOption(String uid) {
    return Optional.ofNullable(uid == null ? null : categoryOptions.get(uid));
  }

  /**
   * True for a null or empty combo uid, {@link #DEFAULT_COMBO_UID}, and a combo named or coded
   * {@code default} in the metadata.
   */
  public boolean isDefaultCombo(String cocUid) {
    if (cocUid == null || cocUid.isBlank() || DEFAULT_COMBO_UID.equals(cocUid)) {
      return true;
    }
    CategoryOptionCombo coc = categoryOptionCombos.get(cocUid);
    return coc != null && ("default".equals(lower(coc.name())) || "default".equals(lower(coc.code())));
  }

  public OrgUnitTree orgUnitTree() {
    return orgUnitTree;
  }

  public Collection<OrgUnit> orgUnits() {
    return orgUnits.values();
  }

  public Collection<DataElement> dataElements() {
    return dataElements.values();
  }

  public Collection<CategoryOptionCombo> categoryOptionCombos() {
    return categoryOptionCombos.values();
  }

  public Collection<CategoryCombo> categoryCombos() {
    return categoryCombos.values();
  }

  public Collection<Category> categories() {
    return categories.values();
  }

  public Collection<CategoryOption> categoryOptions() {
    return categoryOptions.values();
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  /** Collects metadata objects; a {@link ParseSink} so that parsers can feed it directly. */
  public static final class Builder implements ParseSink<Dhis2MetadataObject> {
    private final Map<String, OrgUnit> orgUnits = new LinkedHashMap<>();
    private final Map<String, DataElement> dataElements = new LinkedHashMap<>();
    private final Map<String, CategoryOptionCombo> categoryOptionCombos = new LinkedHashMap<>();
    private final Map<String, CategoryCombo> categoryCombos = new LinkedHashMap<>();
    private final Map<String, Category> categories = new LinkedHashMap<>();
    private final Map<String, CategoryOption> categoryOptions = new LinkedHashMap<>();
    private final List<String> rejections = new ArrayList<>();
    private long accepted;

    private Builder() {}

    /** Adds one object; a later object with the same uid replaces the earlier one. */
    public Builder add(Dhis2MetadataObject object) {
      accepted++;
      if (object instanceof OrgUnit o) {
        orgUnits.put(o.id(), o);
      } else if (object instanceof DataElement o) {
        dataElements.put(o.id(), o);
      } else if (object instanceof CategoryOptionCombo o) {
        categoryOptionCombos.put(o.id(), o);
      } else if (object instanceof CategoryCombo o) {
        categoryCombos.put(o.id(), o);
      } else if (object instanceof Category o) {
        categories.put(o.id(), o);
      } else if (object instanceof CategoryOption o) {
        categoryOptions.put(o.id(), o);
      }
      return this;
    }

    @Override
    public void accept(Dhis2MetadataObject record) {
      add(record);
    }

    @Override
    public void reject(long line, String reason, String raw) {
      rejections.add("line " + line + ": " + reason);
    }

    /** Objects accepted so far (replacements included). */
    public long acceptedCount() {
      return accepted;
    }

    /** Rejections so far, each as {@code line N: reason}. */
    public List<String> rejections() {
      return List.copyOf(rejections);
    }

    public Dhis2Metadata build() {
      return new Dhis2Metadata(this);
    }
  }
}
