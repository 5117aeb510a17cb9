package org.tipis.caseregistry.upload;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A workbook's shared-strings table ({@code xl/sharedStrings.xml}) spooled to disk, so that reading an XLSX upload
 * takes the same heap whatever the number of distinct strings. A workbook filled in by a spreadsheet program keeps
 * every text cell there, including each row's case and victim references: a sheet of 1,000,000 rows has millions of
 * entries, which POI's in-memory {@code ReadOnlySharedStringsTable} would hold as Java strings (hundreds of MB).
 *
 * <p>The part is read once with a StAX parser; each entry's text (its {@code <t>} runs, without phonetic hints, the
 * same text POI gives without phonetic runs; at most the 32,767 characters a cell holds, else the part is refused) is
 * appended as UTF-8 to a data file, and its end offset to an index file. Both files are then mapped into memory outside the heap and deleted on {@link #close()}, with the upload's
 * other spooled files. A small direct-mapped cache answers the strings a sheet repeats (codes and labels) without
 * decoding them again.
 *
 * <p>Not thread-safe: one reader per upload pass.
 */
final class SpooledSharedStrings implements Closeable {

    private static final ValueLayout.OfInt OFFSET = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int CACHE = 1 << 12;

    private final Path data;
    private final Path index;
    private final int count;
    private final Arena arena;
    private final MemorySegment bytes;
    private final MemorySegment ends;
    private final int[] cachedIndex = new int[CACHE];
    private final String[] cachedText = new String[CACHE];

    private SpooledSharedStrings(Path data, Path index, int count) throws IOException {
        this.data = data;
        this.index = index;
        this.count = count;
        java.util.Arrays.fill(cachedIndex, -1);
        this.arena = Arena.ofShared();
        try (FileChannel d = FileChannel.open(data, StandardOpenOption.READ);
             FileChannel i = FileChannel.open(index, StandardOpenOption.READ)) {
            this.bytes = d.map(FileChannel.MapMode.READ_ONLY, 0, d.size(), arena);
            this.ends = i.map(FileChannel.MapMode.READ_ONLY, 0, i.size(), arena);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** An empty table: a workbook without a shared-strings part. */
    static SpooledSharedStrings empty(Path directory) throws IOException {
        try {
            return spool(InputStream.nullInputStream(), directory, "");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("an empty part is not parsed", e);
        }
    }

    /**
     * Spools the shared-strings part into two files in {@code directory}. The stream is read to its end but not
     * closed. An unreadable part throws {@link XMLStreamException} (or the {@link IOException} of the stream, such
     * as POI's zip-bomb guard); no file is left behind then.
     */
    static SpooledSharedStrings spool(InputStream part, Path directory) throws IOException, XMLStreamException {
        return spool(part, directory, "");
    }

    /**
     * As {@link #spool(InputStream, Path)}, the files' names starting with {@code prefix} (the upload's id and a dot,
     * so that whoever fails the upload can find them).
     */
    static SpooledSharedStrings spool(InputStream part, Path directory, String prefix)
            throws IOException, XMLStreamException {
        Path data = Files.createTempFile(directory, prefix + "shared-strings-", ".data");
        Path index = null;
        try {
            index = Files.createTempFile(directory, prefix + "shared-strings-", ".index");
            int count = write(part, data, index);
            return new SpooledSharedStrings(data, index, count);
        } catch (Throwable e) {
            Files.deleteIfExists(data);
            if (index != null) {
                Files.deleteIfExists(index);
            }
            throw e;
        }
    }

    private static int write(InputStream part, Path data, Path index) throws IOException, XMLStreamException {
        try (OutputStream text = new BufferedOutputStream(Files.newOutputStream(data), 1 << 16);
             DataOutputStream ends = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(index),
                     1 << 16))) {
            byte[] peek = part.readNBytes(1);
            if (peek.length == 0) {
                return 0;
            }
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader xml = factory.createXMLStreamReader(
                    new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(peek), part));
            try {
                int count = 0;
                long offset = 0;
                int phonetic = 0;
                StringBuilder entry = null;
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        switch (xml.getLocalName()) {
                            case "si" -> entry = new StringBuilder();
                            case "rPh" -> phonetic++;
                            case "t" -> {
                                String t = XmlText.of(xml, XmlText.MAX_CELL_CHARS);
                                if (entry != null && phonetic == 0) {
                                    if (entry.length() + t.length() > XmlText.MAX_CELL_CHARS) {
                                        throw new XMLStreamException("a shared string longer than a cell holds");
                                    }
                                    entry.append(t);
                                }
                            }
                            default -> {
                                // rich-text run properties and the like carry no text of their own
                            }
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        switch (xml.getLocalName()) {
                            case "rPh" -> phonetic--;
                            case "si" -> {
                                byte[] utf8 = entry == null ? new byte[0]
                                        : entry.toString().getBytes(StandardCharsets.UTF_8);
                                text.write(utf8);
                                offset += utf8.length;
                                if (offset > Integer.MAX_VALUE || count == Integer.MAX_VALUE) {
                                    throw new XMLStreamException("shared strings beyond 2 GB");
                                }
                                ends.writeInt((int) offset);
                                count++;
                                entry = null;
                            }
                            default -> {
                                // nothing to close
                            }
                        }
                    }
                }
                return count;
            } finally {
                xml.close();
            }
        }
    }

    /** The number of entries. */
    int count() {
        return count;
    }

    /** The text of entry {@code i} (0-based), as the sheet's {@code <c t="s"><v>i</v></c>} refers to it. */
    String get(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("no shared string " + i + " of " + count);
        }
        int slot = i & (CACHE - 1);
        if (cachedIndex[slot] == i) {
            return cachedText[slot];
        }
        int start = i == 0 ? 0 : ends.get(OFFSET, 4L * (i - 1));
        int end = ends.get(OFFSET, 4L * i);
        byte[] utf8 = bytes.asSlice(start, end - start).toArray(ValueLayout.JAVA_BYTE);
        String text = new String(utf8, StandardCharsets.UTF_8);
        cachedIndex[slot] = i;
        cachedText[slot] = text;
        return text;
    }

    /** Unmaps and deletes the files. */
    @Override
    public void close() throws IOException {
        try {
            arena.close();
        } finally {
            try {
                Files.deleteIfExists(data);
            } finally {
                Files.deleteIfExists(index);
            }
        }
    }
}
