package com.diffusionlab.reports.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A report (or a fragment of one) parsed with the JDK's XML parser, which the report's markup is
 * written to satisfy, and queried with XPath: parsing fails on any unbalanced or stray markup.
 */
final class ReportDocument {

  private final Document document;
  private final XPath xpath = XPathFactory.newInstance().newXPath();

  private ReportDocument(Document document) {
    this.document = document;
  }

  static ReportDocument parse(String markup) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setExpandEntityReferences(false);
      return new ReportDocument(
          factory.newDocumentBuilder().parse(new InputSource(new StringReader(markup))));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new AssertionError("the report is not well-formed: " + e.getMessage(), e);
    }
  }

  List<Element> elements(String expression) {
    NodeList nodes = (NodeList) evaluate(expression, XPathConstants.NODESET);
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      elements.add((Element) nodes.item(i));
    }
    return elements;
  }

  /** The values of the matching attributes or the text of the matching elements. */
  List<String> strings(String expression) {
    NodeList nodes = (NodeList) evaluate(expression, XPathConstants.NODESET);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      values.add(nodes.item(i).getTextContent());
    }
    return values;
  }

  int count(String expression) {
    return ((Double) evaluate("count(" + expression + ")", XPathConstants.NUMBER)).intValue();
  }

  private Object evaluate(String expression, javax.xml.namespace.QName type) {
    try {
      return xpath.evaluate(expression, document, type);
    } catch (XPathExpressionException e) {
      throw new IllegalArgumentException(expression, e);
    }
  }
}
