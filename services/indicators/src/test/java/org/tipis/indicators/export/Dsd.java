package org.tipis.indicators.export;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SDG DSD, read independently of the exporter: dimension order, attributes and code lists. */
final class Dsd {

    static final String STR = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure";

    final List<String> dimensions = new ArrayList<>();
    final List<String> attributes = new ArrayList<>();
    final Map<String, String> codelistOf = new HashMap<>();
    final Map<String, Set<String>> codes = new HashMap<>();

    static Dsd load() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc;
        try (InputStream in = Dsd.class.getResourceAsStream("/sdmx/sdg-dsd-1.14-tip-subset.xml")) {
            doc = factory.newDocumentBuilder().parse(in);
        }
        Dsd dsd = new Dsd();
        NodeList codelists = doc.getElementsByTagNameNS(STR, "Codelist");
        for (int i = 0; i < codelists.getLength(); i++) {
            Element list = (Element) codelists.item(i);
            Set<String> ids = new HashSet<>();
            NodeList items = list.getElementsByTagNameNS(STR, "Code");
            for (int j = 0; j < items.getLength(); j++) {
                ids.add(((Element) items.item(j)).getAttribute("id"));
            }
            dsd.codes.put(list.getAttribute("id"), ids);
        }
        java.util.TreeMap<Integer, String> byPosition = new java.util.TreeMap<>();
        for (String kind : List.of("Dimension", "TimeDimension")) {
            NodeList nodes = doc.getElementsByTagNameNS(STR, kind);
            for (int i = 0; i < nodes.getLength(); i++) {
                Element dimension = (Element) nodes.item(i);
                if (dimension.getAttribute("position").isEmpty()) {
                    continue; // a reference to a dimension, not its declaration
                }
                byPosition.put(Integer.parseInt(dimension.getAttribute("position")), dimension.getAttribute("id"));
                NodeList refs = dimension.getElementsByTagName("Ref");
                for (int j = 0; j < refs.getLength(); j++) {
                    Element ref = (Element) refs.item(j);
                    if ("Codelist".equals(ref.getAttribute("class"))) {
                        dsd.codelistOf.put(dimension.getAttribute("id"), ref.getAttribute("id"));
                    }
                }
            }
        }
        dsd.dimensions.addAll(byPosition.values());
        NodeList attrs = doc.getElementsByTagNameNS(STR, "Attribute");
        for (int i = 0; i < attrs.getLength(); i++) {
            Element attribute = (Element) attrs.item(i);
            dsd.attributes.add(attribute.getAttribute("id"));
            NodeList refs = attribute.getElementsByTagName("Ref");
            for (int j = 0; j < refs.getLength(); j++) {
                Element ref = (Element) refs.item(j);
                if ("Codelist".equals(ref.getAttribute("class"))) {
                    dsd.codelistOf.put(attribute.getAttribute("id"), ref.getAttribute("id"));
                }
            }
        }
        return dsd;
    }

    /** Every value must be a code of the component's code list, where the DSD gives one. */
    List<String> violations(Map<String, String> row) {
        List<String> problems = new ArrayList<>();
        for (String dimension : dimensions) {
            if (!row.containsKey(dimension)) {
                problems.add("missing " + dimension);
            }
        }
        row.forEach((component, value) -> {
            String list = codelistOf.get(component);
            if (list != null && codes.containsKey(list) && !codes.get(list).contains(value)) {
                problems.add(component + "=" + value + " not in " + list);
            }
        });
        if (!row.getOrDefault("TIME_PERIOD", "").matches("\\d{4}")) {
            problems.add("TIME_PERIOD");
        }
        return problems;
    }
}
