import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.Properties;

/**
 * Test helper run as a single-file Java program by the client tests: prints the rows of one SQL
 * query against a stopped collector's DuckDB file as JSON lines (column name to string value).
 * Usage: java -cp duckdb_jdbc.jar StoreQuery.java DB_FILE SQL
 */
public class StoreQuery {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], props);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(args[1])) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder line = new StringBuilder("{");
        for (int i = 1; i <= md.getColumnCount(); i++) {
          if (i > 1) line.append(',');
          line.append(quote(md.getColumnLabel(i))).append(':');
          Object v = rs.getObject(i);
          line.append(v == null ? "null" : quote(v.toString()));
        }
        System.out.println(line.append('}'));
      }
    }
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch)); else b.append(ch);
        }
      }
    }
    return b.append('"').toString();
  }
}
