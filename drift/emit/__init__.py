"""Emitters: reports (text, json, markdown, sarif, github) and suggested fixes. They read findings, never compute them."""
