package org.tipis.caseregistry.upload;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Bounded text of workbook XML elements. {@link XMLStreamReader#getElementText()} gathers an element's text
 * whatever its length: a zip entry that inflates to a single gigabyte-long cell would then be one string in the
 * heap. The JDK's parser hands text over in chunks (16 K characters), so stopping at a limit keeps memory bounded.
 */
final class XmlText {

    /** The most characters a spreadsheet cell holds (Excel's limit). */
    static final int MAX_CELL_CHARS = 32_767;

    private XmlText() {
    }

    /**
     * The text of the element whose start tag was just read, up to its end tag (which is then the current event).
     *
     * @throws XMLStreamException when the text is longer than {@code max} characters, or the element holds elements
     */
    static String of(XMLStreamReader xml, int max) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text.length() + xml.getTextLength() > max) {
                        throw new XMLStreamException("a text longer than " + max + " characters");
                    }
                    text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                }
                case XMLStreamConstants.ENTITY_REFERENCE -> {
                    if (text.length() + xml.getText().length() > max) {
                        throw new XMLStreamException("a text longer than " + max + " characters");
                    }
                    text.append(xml.getText());
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return text.toString();
                }
                case XMLStreamConstants.START_ELEMENT -> throw new XMLStreamException("an element inside a text");
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("the part ends inside a text");
                default -> {
                    // comments and processing instructions carry no text of the cell
                }
            }
        }
    }
}
