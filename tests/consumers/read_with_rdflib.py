"""Parses a release's dataset.jsonld and provenance.jsonld with rdflib, with the network switched off.

Usage: read_with_rdflib.py RELEASE_DIR. Prints JSON: triple counts, the documents and entities of dataset.jsonld
(by IRI, with their types and names) and what provenance.jsonld says the build used and generated.
"""
import json
import os
import socket
import sys


def no_network(*args, **kwargs):
    raise OSError("network access attempted while parsing JSON-LD (the context must be inline)")


socket.socket.connect = no_network
socket.create_connection = no_network
socket.getaddrinfo = no_network

import rdflib  # noqa: E402
from rdflib.namespace import RDF  # noqa: E402

release = sys.argv[1]
SCHEMA = rdflib.Namespace("https://schema.org/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")

dataset = rdflib.Graph()
dataset.parse(os.path.join(release, "dataset.jsonld"), format="json-ld")
prov = rdflib.Graph()
prov.parse(os.path.join(release, "provenance.jsonld"), format="json-ld")


def things(kind):
    out = {}
    for s in set(dataset.subjects()):
        if isinstance(s, rdflib.URIRef) and f":{kind}:" in str(s):
            out[str(s)] = {
                "types": sorted(str(t).rsplit("/", 1)[-1] for t in dataset.objects(s, RDF.type)),
                "names": sorted(str(n) for n in dataset.objects(s, SCHEMA.name)),
                "headline": [str(h) for h in dataset.objects(s, SCHEMA.headline)],
            }
    return out


datasets = list(dataset.subjects(RDF.type, SCHEMA.Dataset))
print(json.dumps({
    "rdflib": rdflib.__version__,
    "dataset_triples": len(dataset),
    "provenance_triples": len(prov),
    "datasets": len(datasets),
    "downloads": sorted(str(n) for d in datasets for dist in dataset.objects(d, SCHEMA.distribution) for n in dataset.objects(dist, SCHEMA.name)),
    "documents": things("document"),
    "entities": things("entity"),
    "used": sorted(str(u) for u in prov.objects(None, PROV.used)),
    "generated": sorted(str(s) for s in prov.subjects(PROV.wasGeneratedBy, None)),
}, ensure_ascii=False))
