package org.tipis.indicators.export;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.tipis.indicators.indicator.Sdg1622;

/**
 * SDG 16.2.2 as SDMX for the IAEG-SDGs SDG data structure (DSD IAEG-SDGs:SDG(1.14), dataflow DF_SDG_GLH): FREQ=A,
 * REPORTING_TYPE=N, SERIES, REF_AREA as M49, SEX, AGE, every other breakdown _T, TIME_PERIOD; attributes
 * OBS_STATUS, UNIT_MULT=0, UNIT_MEASURE and NATURE=C. Written with StAX: no Java SDMX library is available to us.
 */
public final class SdmxExport {

    public static final String AGENCY = "IAEG-SDGs";
    public static final String DATAFLOW = "DF_SDG_GLH";
    public static final String DSD_VERSION = "1.14";
    /** The DSD's dimensions in key order, then the time dimension. */
    public static final List<String> DIMENSIONS = List.of("FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA", "SEX", "AGE",
            "URBANISATION", "INCOME_WEALTH_QUANTILE", "EDUCATION_LEV", "OCCUPATION", "CUST_BREAKDOWN",
            "COMPOSITE_BREAKDOWN", "DISABILITY_STATUS", "ACTIVITY", "PRODUCT", "TIME_PERIOD");
    public static final List<String> ATTRIBUTES = List.of("OBS_STATUS", "UNIT_MULT", "UNIT_MEASURE", "NATURE");

    private SdmxExport() {
    }

    /** One row per observation: every dimension, OBS_VALUE (NaN when absent or suppressed), the attributes. */
    public static List<Map<String, String>> rows(Sdg1622.Table figures, String refArea) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Sdg1622.Observation o : figures.observations()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("FREQ", "A");
            row.put("REPORTING_TYPE", "N");
            row.put("SERIES", o.series());
            row.put("REF_AREA", refArea);
            row.put("SEX", o.sex());
            row.put("AGE", o.age());
            for (String dimension : DIMENSIONS.subList(6, 15)) {
                row.put(dimension, "_T");
            }
            row.put("TIME_PERIOD", Integer.toString(figures.year()));
            row.put("OBS_VALUE", o.value() == null ? "NaN" : plain(o.value()));
            row.put("OBS_STATUS", o.obsStatus());
            row.put("UNIT_MULT", "0");
            row.put("UNIT_MEASURE", o.unitMeasure());
            row.put("NATURE", "C");
            rows.add(row);
        }
        return rows;
    }

    /** SDMX-CSV 1.0: DATAFLOW, the dimensions in DSD order, OBS_VALUE, the attributes. */
    public static String csv(Sdg1622.Table figures, String refArea) {
        StringBuilder out = new StringBuilder("DATAFLOW");
        DIMENSIONS.forEach(d -> out.append(',').append(d));
        out.append(",OBS_VALUE");
        ATTRIBUTES.forEach(a -> out.append(',').append(a));
        out.append("\r\n");
        String dataflow = AGENCY + ":" + DATAFLOW + "(" + DSD_VERSION + ")";
        for (Map<String, String> row : rows(figures, refArea)) {
            out.append(dataflow);
            DIMENSIONS.forEach(d -> out.append(',').append(row.get(d)));
            out.append(',').append(row.get("OBS_VALUE"));
            ATTRIBUTES.forEach(a -> out.append(',').append(row.get(a)));
            out.append("\r\n");
        }
        return out.toString();
    }

    /** SDMX-ML 2.1 structure-specific data, all dimensions at observation level. */
    public static String xml(Sdg1622.Table figures, String refArea, String sender, Instant prepared) {
        String dsdUrn = "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=" + AGENCY + ":SDG(" + DSD_VERSION + ")";
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("message", "StructureSpecificData", Ns.MESSAGE);
            xml.writeNamespace("message", Ns.MESSAGE);
            xml.writeNamespace("common", Ns.COMMON);
            xml.writeNamespace("ss", Ns.STRUCTURE_SPECIFIC);
            xml.writeNamespace("xsi", Ns.XSI);
            xml.writeNamespace("ns1", dsdUrn + ":ObsLevelDim:AllDimensions");
            xml.writeStartElement(Ns.MESSAGE, "Header");
            element(xml, Ns.MESSAGE, "ID", "TIPIS-" + figures.country() + "-" + figures.year());
            element(xml, Ns.MESSAGE, "Test", "false");
            element(xml, Ns.MESSAGE, "Prepared", prepared.toString());
            xml.writeEmptyElement(Ns.MESSAGE, "Sender");
            xml.writeAttribute("id", sender);
            xml.writeStartElement(Ns.MESSAGE, "Structure");
            xml.writeAttribute("structureID", AGENCY + "_SDG_" + DSD_VERSION.replace('.', '_'));
            xml.writeAttribute("namespace", dsdUrn + ":ObsLevelDim:AllDimensions");
            xml.writeAttribute("dimensionAtObservation", "AllDimensions");
            xml.writeStartElement(Ns.COMMON, "StructureUsage");
            xml.writeEmptyElement("Ref");
            xml.writeAttribute("agencyID", AGENCY);
            xml.writeAttribute("id", DATAFLOW);
            xml.writeAttribute("version", DSD_VERSION);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeStartElement(Ns.MESSAGE, "DataSet");
            xml.writeAttribute(Ns.STRUCTURE_SPECIFIC, "structureRef", AGENCY + "_SDG_" + DSD_VERSION.replace('.', '_'));
            xml.writeAttribute(Ns.STRUCTURE_SPECIFIC, "dataScope", "DataStructure");
            xml.writeAttribute(Ns.XSI, "type", "ns1:DataSetType");
            for (Map<String, String> row : rows(figures, refArea)) {
                xml.writeEmptyElement("Obs");
                for (Map.Entry<String, String> e : row.entrySet()) {
                    xml.writeAttribute(e.getKey(), e.getValue());
                }
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String ns, String name, String text) throws XMLStreamException {
        xml.writeStartElement(ns, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    static final class Ns {
        static final String MESSAGE = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message";
        static final String COMMON = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common";
        static final String STRUCTURE_SPECIFIC = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific";
        static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

        private Ns() {
        }
    }
}
