package org.tipis.platform.jdbc;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * PostgreSQL {@code COPY ... FROM STDIN} in text format, on the connection of the current transaction: the
 * fastest way to write many rows. Values are written as PostgreSQL reads them: {@code null} as {@code \N},
 * collections as array literals, anything else by {@code toString()} (ISO dates and instants, UUIDs, numbers;
 * booleans as {@code t}/{@code f}), with tabs, line breaks and backslashes escaped.
 */
public final class CopyText {

    private CopyText() {
    }

    /** Appends one row of values, tab-separated and newline-terminated. */
    public static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object value = values[i];
            if (value == null) {
                out.append("\\N");
            } else if (value instanceof Collection<?> collection) {
                escape(out, arrayLiteral(collection));
            } else if (value instanceof Boolean b) {
                out.append(b ? 't' : 'f');
            } else {
                escape(out, value.toString());
            }
        }
        out.append('\n');
    }

    /**
     * Runs {@code copy} (a {@code COPY table (columns) FROM STDIN} statement) with the rows, on the connection of
     * the current transaction.
     *
     * @return the number of rows copied
     */
    public static long copy(DataSource dataSource, String copy, CharSequence rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new SequenceReader(rows));
        } catch (SQLException e) {
            throw new SQLErrorCodeSQLExceptionTranslator(dataSource).translate("COPY", null, e);
        } catch (IOException e) {
            throw new DataAccessResourceFailureException("COPY failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static String arrayLiteral(Collection<?> values) {
        StringBuilder literal = new StringBuilder("{");
        boolean first = true;
        for (Object value : values) {
            if (!first) {
                literal.append(',');
            }
            first = false;
            if (value == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            String text = value.toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    private static void escape(StringBuilder out, String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                break;
            }
            i++;
        }
        if (i == text.length()) {
            out.append(text);
            return;
        }
        out.append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    /** A reader over a char sequence, without copying it into a String. */
    private static final class SequenceReader extends Reader {

        private final CharSequence text;
        private int position;

        SequenceReader(CharSequence text) {
            this.text = text;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position >= text.length()) {
                return -1;
            }
            int n = Math.min(length, text.length() - position);
            if (text instanceof StringBuilder builder) {
                builder.getChars(position, position + n, buffer, offset);
            } else {
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = text.charAt(position + i);
                }
            }
            position += n;
            return n;
        }

        @Override
        public void close() {
            position = text.length();
        }
    }
}
