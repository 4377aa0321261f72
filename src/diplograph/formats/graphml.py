"""The who-met-whom network as GraphML (yEd, Gephi, networkx, igraph read it).

Nodes are people (name, country, engagement count); undirected edges carry ``weight``, the number
of engagements the two attended together, and the first and last date. ElementTree escapes markup
characters; characters XML 1.0 cannot hold at all (most control characters) are dropped first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from diplograph.query.results import Network

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
_SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Everything XML 1.0 forbids: C0 controls but tab/LF/CR, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# (id, for, attr.name, attr.type)
KEYS = (
    ("name", "node", "name", "string"),
    ("country", "node", "country", "string"),
    ("engagements", "node", "engagements", "int"),
    ("weight", "edge", "weight", "double"),
    ("first", "edge", "first", "string"),
    ("last", "edge", "last", "string"),
)


def clean(text: str) -> str:
    """``text`` without the characters an XML 1.0 document cannot contain."""
    return _NOT_XML.sub("", text)


def _data(parent: ET.Element, key: str, value: object) -> None:
    if value is not None:
        ET.SubElement(parent, "data", key=key).text = clean(str(value))


def tree(network: Network) -> ET.Element:
    """The GraphML document as an element tree."""
    root = ET.Element(
        "graphml", {"xmlns": NAMESPACE, "xmlns:xsi": _XSI, "xsi:schemaLocation": f"{NAMESPACE} {_SCHEMA}"}
    )
    for key, target, name, kind in KEYS:
        ET.SubElement(root, "key", {"id": key, "for": target, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="diplograph", edgedefault="undirected")
    for node in network.nodes:
        element = ET.SubElement(graph, "node", id=node.id)
        _data(element, "name", node.name)
        _data(element, "country", node.country)
        _data(element, "engagements", node.engagements)
    for number, edge in enumerate(network.edges):
        element = ET.SubElement(graph, "edge", id=f"e{number}", source=edge.source, target=edge.target)
        _data(element, "weight", edge.weight)
        _data(element, "first", edge.first)
        _data(element, "last", edge.last)
    return root


def write_graphml(network: Network, out: TextIO) -> None:
    """Write the network as an indented UTF-8 GraphML document."""
    root = tree(network)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
