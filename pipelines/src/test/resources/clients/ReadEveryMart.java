import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A BI tool's read of the endpoint with nothing but Avatica's own shaded client jar on the class path:
 * lists the tables of schema marts through DatabaseMetaData, reads every row of each with getObject on
 * every column, and runs a prepared count with fetch size 0. Prints "mart<TAB>rows<TAB>non-null values"
 * per mart, then "prepared-count<TAB>n". Run: java -cp avatica-1.26.0.jar ReadEveryMart.java URL USER PASSWORD
 */
public class ReadEveryMart {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.setProperty("avatica_user", args[1]);
    props.setProperty("avatica_password", args[2]);
    try (Connection c = DriverManager.getConnection(args[0], props)) {
      List<String> marts = new ArrayList<>();
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet tables = meta.getTables(null, "marts", "%", null)) {
        while (tables.next()) {
          marts.add(tables.getString("TABLE_NAME"));
        }
      }
      for (String mart : marts) {
        long rows = 0;
        long values = 0;
        try (Statement st = c.createStatement()) {
          st.setFetchSize(1000);
          try (ResultSet rs = st.executeQuery("select * from marts." + mart)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              rows++;
              for (int i = 1; i <= columns; i++) {
                if (rs.getObject(i) != null) {
                  values++;
                }
              }
            }
          }
        }
        System.out.println(mart + "\t" + rows + "\t" + values);
      }
      try (PreparedStatement count = c.prepareStatement("select count(*) from marts.indicator_values")) {
        count.setFetchSize(0);
        try (ResultSet rs = count.executeQuery()) {
          System.out.println("prepared-count\t" + (rs.next() ? rs.getLong(1) : -1));
        }
      }
    }
  }
}
