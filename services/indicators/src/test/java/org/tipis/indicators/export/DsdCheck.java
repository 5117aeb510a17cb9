package org.tipis.indicators.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/** Checks SDMX exports against the DSD read independently ({@link Dsd}). */
public final class DsdCheck {

    private DsdCheck() {
    }

    public static void assertValidExports(String csv, String xml) throws Exception {
        Dsd dsd = Dsd.load();
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.getFirst().split(","));
        List<String> expected = new ArrayList<>();
        expected.add("DATAFLOW");
        expected.addAll(dsd.dimensions);
        expected.add("OBS_VALUE");
        assertThat(header.subList(0, expected.size())).as("SDMX-CSV columns in DSD order").isEqualTo(expected);
        assertThat(dsd.attributes).containsAll(header.subList(expected.size(), header.size()));
        assertThat(lines).hasSizeGreaterThan(1);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells[0]).isEqualTo("IAEG-SDGs:DF_SDG_GLH(1.14)");
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i < header.size(); i++) {
                if (!header.get(i).equals("OBS_VALUE")) {
                    row.put(header.get(i), cells[i]);
                }
            }
            assertThat(dsd.violations(row)).as(line).isEmpty();
        }

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("StructureSpecificData");
        NodeList observations = doc.getElementsByTagName("Obs");
        assertThat(observations.getLength()).isEqualTo(lines.size() - 1);
        for (int i = 0; i < observations.getLength(); i++) {
            NamedNodeMap attributes = ((Element) observations.item(i)).getAttributes();
            Map<String, String> row = new LinkedHashMap<>();
            for (int a = 0; a < attributes.getLength(); a++) {
                if (!attributes.item(a).getNodeName().equals("OBS_VALUE")) {
                    row.put(attributes.item(a).getNodeName(), attributes.item(a).getNodeValue());
                }
            }
            assertThat(dsd.violations(row)).isEmpty();
        }
    }
}
