"""Package data of opvang (installed as ``generator.schema``): the JSON Schemas of the catalog files,
of ``opvang.yml`` and of every JSON output, the base metric vocabulary and the base list of vague terms."""
